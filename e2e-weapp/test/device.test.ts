/**
 * The wx stand-in on the real build. The page stack and lifecycles: the same page twice on the stack, back
 * (onShow again), the tab bar (switchTab unloads the rest), WeChat's refusal to navigateTo a tab page,
 * reach-bottom paging and pull-down refresh. The device: open-type buttons (getPhoneNumber, chooseAvatar)
 * and wx.cloud.uploadFile into the emulator's storage.
 */
import type { Emulator } from '../../emulator/src'
import { tile } from '../../cloudfunctions/seed/png'
import { startBackend } from '../harness/backend'
import { launch, type Mini } from '../harness/mini'

const DETAIL = 'packages/goods/detail/index'
const SHOPPER = 'o_demo_shopper_3' // 王大力: no phone bound yet

let emu: Emulator
let mini: Mini

beforeAll(async () => {
  emu = await startBackend()
  mini = await launch({ emu, as: SHOPPER, entry: `${DETAIL}?id=p0001` })
})

afterAll(async () => {
  mini?.close()
  await emu?.stop()
})

const wx = () => (globalThis as unknown as { wx: Record<string, (o: object) => Promise<unknown>> }).wx
const title = () => mini.text(mini.get('.goods-detail__title'))
const actions = (since: number) => mini.cloud.calls.slice(since).map((c) => c.action)

it('keeps two instances of one page apart, and shows the first again on back', async () => {
  const first = await mini.waitFor(() => title())
  await wx().navigateTo({ url: `/${DETAIL}?id=p0002` })
  await mini.waitFor(() => title() !== first)
  expect(mini.stack).toEqual([DETAIL, DETAIL])
  const calls = mini.cloud.calls.length
  await mini.back()
  await mini.waitFor(() => title() === first)
  expect(mini.stack).toEqual([DETAIL])
  // the detail page re-reads stock in useDidShow: onShow reached it
  await mini.waitFor(() => actions(calls).includes('catalog.skuStock'))
})

it('switches tabs, unloading the pages above, and refuses navigateTo a tab page', async () => {
  await mini.tapTab('我的')
  await mini.findByText('我的订单')
  expect(mini.stack).toEqual(['pages/me/index'])
  await expect(wx().navigateTo({ url: '/pages/cart/index' })).rejects.toMatchObject({
    errMsg: expect.stringContaining('can not navigateTo a tabbar page'),
  })
  await mini.tapTab('首页')
  await mini.waitFor(() => mini.$$('.product-card').length > 0)
  expect(mini.stack).toEqual(['pages/home/index'])
})

it('pages the home feed at the bottom and reloads it on pull-down', async () => {
  await mini.settle()
  const cards = mini.$$('.product-card').length
  let calls = mini.cloud.calls.length
  await mini.scrollToBottom()
  await mini.waitFor(() => mini.$$('.product-card').length > cards)
  expect(actions(calls)).toContain('catalog.feed')
  calls = mini.cloud.calls.length
  await mini.pullDown()
  await mini.waitFor(() => actions(calls).includes('catalog.home'))
  await mini.settle()
  expect(mini.calls.some((c) => c.api === 'stopPullDownRefresh')).toBe(true)
})

it('binds the phone through the getPhoneNumber button', async () => {
  await wx().navigateTo({ url: '/packages/user/phone/index' })
  const button = await mini.findByText('微信一键绑定')
  // WeChat's sheet answered with a code the emulator's phonenumber.getPhoneNumber accepts
  await mini.trigger(button, 'getphonenumber', { code: 'dev:13800138099' })
  await mini.waitFor(() => mini.cloud.calls.some((c) => c.action === 'member.phone.bindWechat' && !c.code), {
    message: 'member.phone.bindWechat should succeed',
  })
  const user = emu.db.find('users', { _id: SHOPPER })[0] as { phone?: unknown } | undefined
  expect(user?.phone).toBeTruthy()
  // the page goes back by itself once bound
  await mini.waitFor(() => mini.route === 'pages/home/index', { message: 'back from the phone page' })
})

it('uploads the avatar chosen with the chooseAvatar button', async () => {
  // content security answers later: the avatar waits for its verdict
  emu.openapi.push.setMode('hold')
  await wx().navigateTo({ url: '/packages/user/profile/index' })
  const row = await mini.find('.profile-row--avatar')
  const png = tile({ width: 64, height: 64, bg: [250, 240, 230], fg: [200, 80, 60], shape: 'circle' })
  mini.pickPhotos([png])
  const [avatarUrl] = [...mini.files.keys()].slice(-1)
  await mini.trigger(row, 'chooseavatar', { avatarUrl })
  await mini.findByText('审核中')
  const upload = mini.calls.find((c) => c.api === 'cloud.uploadFile')?.params as { cloudPath: string }
  expect(upload.cloudPath).toMatch(new RegExp(`^avatar/${SHOPPER}/.+\\.png$`))
  // the bytes the shopper picked are in the emulator's storage at that path
  const stored = emu.storage.list().filter((f) => f.cloudPath === upload.cloudPath)
  expect(stored.map((f) => f.size)).toEqual([png.length])
})
