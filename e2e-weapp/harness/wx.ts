/**
 * The `wx` the build runs against. Only what is modelled exists (Taro turns the keys of `wx` into Taro.*
 * APIs and warns "暂不支持" for the rest, which the monitor turns into a failure). Every call is recorded;
 * the page stack, cloud calls and payment are delegated to the host (the harness).
 */
type Obj = Record<string, unknown>
type Callbacks = {
  success?: (r: unknown) => void
  fail?: (r: unknown) => void
  complete?: (r: unknown) => void
}

export interface WxHost {
  navigateTo(url: string): void
  redirectTo(url: string): void
  navigateBack(delta: number): void
  switchTab(url: string): void
  reLaunch(url: string): void
  callFunction(name: string, data: unknown): Promise<unknown>
  /** wx.cloud.uploadFile of a temp file the test handed out (see Mini.pickPhotos) */
  uploadFile(cloudPath: string, filePath: string): { fileID: string }
  requestPayment(params: Obj): Promise<unknown>
  /** answers of the user-facing prompts (subscribe, address, phone...) */
  answer(api: string, params: Obj): Promise<Obj>
  stopPullDownRefresh(): void
  /** tab bar badges and red dots, by index */
  tabBar: Map<number, { badge?: string; dot?: boolean }>
}

export interface WxCall {
  api: string
  params: unknown
}

const SYSTEM_INFO = {
  brand: 'devtools',
  model: 'iPhone 13',
  platform: 'devtools',
  system: 'iOS 16.0',
  version: '8.0.50',
  SDKVersion: '3.6.0',
  language: 'zh_CN',
  pixelRatio: 3,
  screenWidth: 390,
  screenHeight: 844,
  windowWidth: 390,
  windowHeight: 844,
  statusBarHeight: 47,
  safeArea: { top: 47, bottom: 810, left: 0, right: 390, width: 390, height: 763 },
  theme: 'light',
  enableDebug: false,
}

const ZERO_RECT = { id: '', dataset: {}, left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0 }

/** No layout in Node: every rectangle and scroll offset is zero (the findings' "selector queries return zeros"). */
function selectorQuery() {
  const queue: Array<{ cb?: (r: unknown) => void; all: boolean }> = []
  const node = (all: boolean) => {
    const nodeRef = {
      boundingClientRect(cb?: (r: unknown) => void) {
        queue.push({ cb, all })
        return query
      },
      scrollOffset(cb?: (r: unknown) => void) {
        queue.push({ cb, all })
        return query
      },
      fields(_f: unknown, cb?: (r: unknown) => void) {
        queue.push({ cb, all })
        return query
      },
      node(cb?: (r: unknown) => void) {
        queue.push({ cb, all })
        return query
      },
    }
    return nodeRef
  }
  const query = {
    in: () => query,
    select: () => node(false),
    selectAll: () => node(true),
    selectViewport: () => node(false),
    exec(cb?: (r: unknown[]) => void) {
      const results = queue.map((q) => (q.all ? [] : { ...ZERO_RECT, scrollTop: 0, scrollLeft: 0 }))
      queue.forEach((q, i) => q.cb?.(results[i]))
      setTimeout(() => cb?.(results), 0)
    },
  }
  return query
}

export function createWx(host: WxHost, storage: Map<string, unknown>, calls: WxCall[]): Obj {
  const record = (api: string, params: unknown) => calls.push({ api, params })
  /**
   * An async API answered on a later tick, as the base library does: through the callbacks when any is
   * given, else as a Promise (base library 2.10.2+; Taro leaves APIs it does not promisify, such as
   * requestPayment, to that).
   */
  const answer = (api: string, params: Obj & Callbacks, run: () => unknown | Promise<unknown>) => {
    const result = Promise.resolve()
      .then(run)
      .then(
        (r) => ({ errMsg: `${api}:ok`, ...((r as Obj) ?? {}) }),
        (e: unknown) => {
          const errMsg =
            (e as { errMsg?: string })?.errMsg ?? `${api}:fail ${(e as Error)?.message ?? String(e)}`
          throw { errMsg }
        },
      )
    if (!params.success && !params.fail && !params.complete) return result
    result.then(
      (res) => (params.success?.(res), params.complete?.(res)),
      (res: unknown) => (params.fail?.(res), params.complete?.(res)),
    )
    return undefined
  }
  const async =
    (api: string, run: (p: Obj) => unknown | Promise<unknown>) =>
    (params: Obj & Callbacks = {}) => {
      record(api, params)
      return answer(api, params, () => run(params))
    }
  const url = (p: Obj) => String(p.url ?? '')
  const copy = (v: unknown) => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as unknown))

  const wx: Obj = {
    // system
    getSystemInfoSync: () => ({ ...SYSTEM_INFO }),
    getSystemInfo: async('getSystemInfo', () => ({ ...SYSTEM_INFO })),
    getWindowInfo: () => ({ ...SYSTEM_INFO }),
    getDeviceInfo: () => ({ ...SYSTEM_INFO }),
    getAppBaseInfo: () => ({ ...SYSTEM_INFO }),
    getSystemSetting: () => ({ bluetoothEnabled: false, locationEnabled: false, wifiEnabled: true }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'wx0000000000000000', envVersion: 'develop' } }),
    getMenuButtonBoundingClientRect: () => ({
      top: 51,
      bottom: 83,
      left: 297,
      right: 384,
      width: 87,
      height: 32,
    }),
    getLaunchOptionsSync: () => ({ path: 'pages/home/index', query: {}, scene: 1001 }),
    getEnterOptionsSync: () => ({ path: 'pages/home/index', query: {}, scene: 1001 }),
    canIUse: () => true,
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    createSelectorQuery: () => selectorQuery(),
    createIntersectionObserver: () => ({
      relativeTo: function () {
        return this
      },
      relativeToViewport: function () {
        return this
      },
      observe: () => undefined,
      disconnect: () => undefined,
    }),
    getNetworkType: async('getNetworkType', () => ({ networkType: 'wifi' })),
    onNetworkStatusChange: (fn: unknown) => record('onNetworkStatusChange', fn),
    onAppShow: (fn: unknown) => record('onAppShow', fn),
    onAppHide: (fn: unknown) => record('onAppHide', fn),
    offAppShow: () => undefined,
    offAppHide: () => undefined,
    login: async('login', () => ({ code: 'e2e-weapp-code' })),
    vibrateShort: async('vibrateShort', () => ({})),
    reportAnalytics: (name: string, data: unknown) => record('reportAnalytics', { name, data }),

    // storage (values are copied, as the base library serialises them)
    getStorageSync: (k: string) => (storage.has(k) ? copy(storage.get(k)) : ''),
    setStorageSync: (k: string, v: unknown) => void storage.set(k, copy(v)),
    removeStorageSync: (k: string) => void storage.delete(k),
    clearStorageSync: () => storage.clear(),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    getStorage: async('getStorage', (p) => {
      if (!storage.has(String(p.key))) throw new Error('data not found')
      return { data: copy(storage.get(String(p.key))) }
    }),
    setStorage: async('setStorage', (p) => void storage.set(String(p.key), copy(p.data))),
    removeStorage: async('removeStorage', (p) => void storage.delete(String(p.key))),

    // page stack
    navigateTo: async('navigateTo', (p) => host.navigateTo(url(p))),
    redirectTo: async('redirectTo', (p) => host.redirectTo(url(p))),
    navigateBack: async('navigateBack', (p) => host.navigateBack(Number(p.delta ?? 1))),
    switchTab: async('switchTab', (p) => host.switchTab(url(p))),
    reLaunch: async('reLaunch', (p) => host.reLaunch(url(p))),
    stopPullDownRefresh: async('stopPullDownRefresh', () => host.stopPullDownRefresh()),
    startPullDownRefresh: async('startPullDownRefresh', () => ({})),
    pageScrollTo: async('pageScrollTo', () => ({})),
    setNavigationBarTitle: async('setNavigationBarTitle', () => ({})),
    setNavigationBarColor: async('setNavigationBarColor', () => ({})),
    showNavigationBarLoading: async('showNavigationBarLoading', () => ({})),
    hideNavigationBarLoading: async('hideNavigationBarLoading', () => ({})),
    setTabBarBadge: async('setTabBarBadge', (p) => {
      host.tabBar.set(Number(p.index), { badge: String(p.text) })
    }),
    removeTabBarBadge: async('removeTabBarBadge', (p) => void host.tabBar.delete(Number(p.index))),
    showTabBarRedDot: async('showTabBarRedDot', (p) => void host.tabBar.set(Number(p.index), { dot: true })),
    hideTabBarRedDot: async('hideTabBarRedDot', (p) => void host.tabBar.delete(Number(p.index))),

    // feedback: recorded (the app's own toasts and dialogs are van-toast / van-dialog in the page)
    showToast: async('showToast', () => ({})),
    hideToast: async('hideToast', () => ({})),
    showLoading: async('showLoading', () => ({})),
    hideLoading: async('hideLoading', () => ({})),
    showModal: async('showModal', (p) => host.answer('showModal', p)),
    showActionSheet: async('showActionSheet', (p) => host.answer('showActionSheet', p)),

    // user-facing prompts: the test decides the answer
    requestPayment: async('requestPayment', (p) => host.requestPayment(p)),
    requestSubscribeMessage: async('requestSubscribeMessage', (p) =>
      host.answer('requestSubscribeMessage', p),
    ),
    chooseAddress: async('chooseAddress', (p) => host.answer('chooseAddress', p)),
    chooseImage: async('chooseImage', (p) => host.answer('chooseImage', p)),
    chooseMedia: async('chooseMedia', (p) => host.answer('chooseMedia', p)),
    previewImage: async('previewImage', () => ({})),
    setClipboardData: async('setClipboardData', () => ({})),
    getPrivacySetting: async('getPrivacySetting', (p) => host.answer('getPrivacySetting', p)),
    onNeedPrivacyAuthorization: (fn: unknown) => record('onNeedPrivacyAuthorization', fn),
    getUserProfile: async('getUserProfile', (p) => host.answer('getUserProfile', p)),

    // WeChat cloud: the real functions on the emulator
    cloud: {
      init: (p: unknown) => record('cloud.init', p),
      callFunction: (params: Obj & Callbacks & { name: string; data?: unknown }) => {
        record('cloud.callFunction', { name: params.name, data: params.data })
        return answer('cloud.callFunction', params, async () => ({
          result: await host.callFunction(params.name, params.data ?? {}),
          requestID: '',
        }))
      },
      uploadFile: (params: Obj & Callbacks) => {
        record('cloud.uploadFile', { cloudPath: params.cloudPath, filePath: params.filePath })
        return answer('cloud.uploadFile', params, () => ({
          ...host.uploadFile(String(params.cloudPath), String(params.filePath)),
          statusCode: 200,
        }))
      },
    },
    env: { USER_DATA_PATH: 'http://usr' },
  }
  return wx
}
