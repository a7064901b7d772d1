// The slice of @tarojs/taro the app uses, for jsdom/node tests. Storage follows Taro h5 (localStorage,
// values stored as JSON) so persistence tests exercise a real round-trip through serialised storage.
const memory = new Map()
const backend = () =>
  typeof localStorage !== 'undefined'
    ? localStorage
    : {
        getItem: (k) => (memory.has(k) ? memory.get(k) : null),
        setItem: (k, v) => memory.set(k, String(v)),
        removeItem: (k) => memory.delete(k),
      }

const Taro = {
  getStorageSync(key) {
    const raw = backend().getItem(key)
    if (raw == null) return ''
    try {
      return JSON.parse(raw).data
    } catch {
      return ''
    }
  },
  setStorageSync(key, data) {
    backend().setItem(key, JSON.stringify({ data }))
  },
  removeStorageSync(key) {
    backend().removeItem(key)
  },
  navigateTo: jest.fn(() => Promise.resolve()),
  switchTab: jest.fn(() => Promise.resolve()),
  stopPullDownRefresh: jest.fn(),
  getEnv: () => 'WEB',
  ENV_TYPE: { WEB: 'WEB', WEAPP: 'WEAPP' },
}
module.exports = Taro
module.exports.default = Taro
module.exports.useRouter = () => ({ params: {} })
module.exports.usePullDownRefresh = () => {}
module.exports.useDidShow = () => {}
module.exports.useShareAppMessage = () => {}
