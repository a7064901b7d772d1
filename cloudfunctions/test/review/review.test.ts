/**
 * Shopper reviews through the real functions: only after receipt, once per order line (also when two submits
 * race), risky text refused with nothing written, photos only from the shopper's own folder, anonymous
 * authors masked in public, and the merchant's reply once.
 */
import { ok, type TestEmulator } from '../helpers/emulator'
import {
  ADMIN,
  buyNow,
  insertSettings,
  insertShoppers,
  insertSkus,
  insertWallet,
  sdkUpdate,
  shopper,
  startOrderEmulator,
} from '../order/fixtures'
import { adminCall, receivedOrder, shippedOrder, uploadPhoto } from './fixtures'

let t: TestEmulator
const ME = shopper(1)
const OTHER = shopper(2)
const SHY = shopper(3)

beforeAll(async () => {
  t = await startOrderEmulator(6)
  insertSettings(t, [{ _id: 'shipping', baseFee: 0, freeOver: 0 }])
  insertSkus(t, [
    { id: 'mug', price: 2000, stock: 50 },
    { id: 'pen', price: 500, stock: 50 },
  ])
  insertShoppers(t, [ME, OTHER, SHY])
  for (const s of [ME, OTHER, SHY]) insertWallet(t, s, 100_000)
  await sdkUpdate(t, 'users', SHY, { nickname: '张小明', avatar: 'https://example.com/a.png' })
  await sdkUpdate(t, 'users', ME, { nickname: '李雷', avatar: 'https://example.com/b.png' })
  t.emu.db.insertMany('admins', [{ _id: ADMIN, roles: ['owner'], active: true }])
})
afterAll(() => t?.stop())

const snapshot = () =>
  JSON.stringify(['reviews', 'products', 'orders'].map((c) => t.find(c, {}, { sort: { _id: 1 } })))
const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code)

test('only after receipt, once per line; the order records the review; pending lists what is left', async () => {
  const unpaid = await buyNow(t, ME, 'mug', 1)
  const shipped = await shippedOrder(t, ME, 'mug')
  for (const orderId of [unpaid, shipped])
    expect(
      code(await t.callAs(ME, 'review.submit', { orderId, skuId: 'mug', rating: 5, content: '好' })),
    ).toBe('REVIEW_NOT_ALLOWED')
  const received = await receivedOrder(t, ME, 'mug')
  const pending = ok(await t.callAs(ME, 'review.pending', {})).items
  expect(pending.map((l) => [l.orderId, l.skuId])).toEqual([[received, 'mug']])
  expect(pending[0]).toMatchObject({ spuId: 'p_mug', title: '测试商品p_mug', receivedAt: expect.any(Number) })
  expect(ok(await t.callAs(ME, 'review.pending', { orderId: shipped })).items).toEqual([])

  expect(
    code(await t.callAs(ME, 'review.submit', { orderId: received, skuId: 'pen', rating: 5, content: '好' })),
  ).toBe('REVIEW_NOT_ALLOWED')
  expect(
    code(
      await t.callAs(OTHER, 'review.submit', { orderId: received, skuId: 'mug', rating: 5, content: '好' }),
    ),
  ).toBe('ORDER_NOT_FOUND')
  const mine = ok(
    await t.callAs(ME, 'review.submit', {
      orderId: received,
      skuId: 'mug',
      rating: 4,
      content: '杯子很好用',
    }),
  )
  expect(mine).toMatchObject({
    id: `rv_${received}_mug`,
    orderId: received,
    skuId: 'mug',
    spuId: 'p_mug',
    rating: 4,
    content: '杯子很好用',
    anonymous: false,
    photos: [],
    reply: null,
  })
  expect(t.find('orders', { _id: received })[0]).toMatchObject({ reviews: { mug: mine.id } })
  expect(
    code(
      await t.callAs(ME, 'review.submit', { orderId: received, skuId: 'mug', rating: 1, content: '再评' }),
    ),
  ).toBe('REVIEW_EXISTS')
  expect(ok(await t.callAs(ME, 'review.pending', {})).items).toEqual([])
  expect(ok(await t.callAs(ME, 'review.mine', {})).items.map((r) => r.id)).toEqual([mine.id])
  expect(ok(await t.callAs(OTHER, 'review.mine', {})).items).toEqual([])
  const pub = ok(await t.callAs(OTHER, 'catalog.reviews', { spuId: 'p_mug' })).items
  expect(pub).toEqual([
    expect.objectContaining({
      id: mine.id,
      nickname: '李雷',
      avatar: 'https://example.com/b.png',
      reply: null,
    }),
  ])
})

test('two concurrent submits of one line: one review, one REVIEW_EXISTS, counted once', async () => {
  const orderId = await receivedOrder(t, OTHER, 'pen')
  const results = await Promise.all(
    [5, 3].map((rating) =>
      t.callAs(OTHER, 'review.submit', { orderId, skuId: 'pen', rating, content: '笔不错' }),
    ),
  )
  expect(results.map(code).sort()).toEqual(['REVIEW_EXISTS', 'ok'])
  expect(t.find('reviews', { orderId })).toHaveLength(1)
  expect(t.find('products', { _id: 'p_pen' })[0]).toMatchObject({ reviewSummary: { count: 1 } })
})

test('risky text is refused and nothing is written; so is a photo outside the shopper’s folder', async () => {
  const orderId = await receivedOrder(t, SHY, 'mug')
  const before = snapshot()
  const risky = await t.callAs(SHY, 'review.submit', {
    orderId,
    skuId: 'mug',
    rating: 5,
    content: '这里有违禁内容',
  })
  expect(risky).toMatchObject({ ok: false, code: 'CONTENT_RISKY' })
  const foreign = uploadPhoto(t, OTHER, 'theirs.png')
  const stolen = await t.callAs(SHY, 'review.submit', {
    orderId,
    skuId: 'mug',
    rating: 5,
    content: '正常评价',
    photos: [foreign],
  })
  expect(stolen).toMatchObject({ ok: false, code: 'PHOTO_INVALID' })
  const missing = foreign.replace(`review/${OTHER}/theirs.png`, `review/${SHY}/nothing.png`)
  const none = await t.callAs(SHY, 'review.submit', {
    orderId,
    skuId: 'mug',
    rating: 5,
    content: '正常评价',
    photos: [missing],
  })
  expect(none).toMatchObject({ ok: false, code: 'PHOTO_INVALID' })
  expect(snapshot()).toBe(before)
})

test('anonymous: the public sees a masked name and no avatar; the author sees it as theirs', async () => {
  const orderId = await receivedOrder(t, SHY, 'pen')
  const mine = ok(
    await t.callAs(SHY, 'review.submit', {
      orderId,
      skuId: 'pen',
      rating: 2,
      content: '一般般',
      anonymous: true,
    }),
  )
  expect(mine.anonymous).toBe(true)
  const pub = ok(await t.callAs(ME, 'catalog.reviews', { spuId: 'p_pen' })).items.find(
    (r) => r.id === mine.id,
  )
  expect(pub).toMatchObject({ nickname: '张***', avatar: '' })
  // (the test products are too bare for catalog.product; the seeded shop's product page is the journey's)
  expect(JSON.stringify(ok(await t.callAs(ME, 'catalog.reviews', { spuId: 'p_pen' })))).not.toContain(
    '张小明',
  )
  const row = ok(await adminCall(t, ADMIN, 'admin.reviews.list', {})).items as Array<{
    id: string
    nickname: string
  }>
  expect(row.find((r) => r.id === mine.id)?.nickname).toBe('张***')
})

test('the merchant replies once (content security applies); the reply shows in public and to the author', async () => {
  const [first] = t.find<{ _id: string; openid: string }>('reviews', { openid: ME })
  const open = ok(await adminCall(t, ADMIN, 'admin.reviews.list', { replied: false })).items as Array<{
    id: string
  }>
  expect(open.map((r) => r.id)).toContain(first!._id)
  expect(code(await adminCall(t, ME, 'admin.reviews.reply', { reviewId: first!._id, content: '谢谢' }))).toBe(
    'FORBIDDEN',
  )
  expect(
    code(await adminCall(t, ADMIN, 'admin.reviews.reply', { reviewId: first!._id, content: '违禁回复' })),
  ).toBe('CONTENT_RISKY')
  expect(
    code(await adminCall(t, ADMIN, 'admin.reviews.reply', { reviewId: first!._id, content: '  ' })),
  ).toBe('INVALID_INPUT')
  expect(
    code(await adminCall(t, ADMIN, 'admin.reviews.reply', { reviewId: 'rv_nosuch', content: '谢谢' })),
  ).toBe('NOT_FOUND')
  const row = ok(
    await adminCall(t, ADMIN, 'admin.reviews.reply', { reviewId: first!._id, content: '感谢您的支持！' }),
  )
  expect(row).toMatchObject({ id: first!._id, reply: { content: '感谢您的支持！', at: expect.any(Number) } })
  expect(
    code(await adminCall(t, ADMIN, 'admin.reviews.reply', { reviewId: first!._id, content: '再回复' })),
  ).toBe('REVIEW_EXISTS')
  const pub = ok(await t.callAs(OTHER, 'catalog.reviews', { spuId: 'p_mug' })).items.find(
    (r) => r.id === first!._id,
  )
  expect(pub?.reply).toMatchObject({ content: '感谢您的支持！' })
  const mine = ok(await t.callAs(ME, 'review.mine', {})).items.find((r) => r.id === first!._id)
  expect(mine?.reply).toMatchObject({ content: '感谢您的支持！' })
  const replied = ok(await adminCall(t, ADMIN, 'admin.reviews.list', { replied: true })).items as Array<{
    id: string
  }>
  expect(replied.map((r) => r.id)).toEqual([first!._id])
  const still = ok(await adminCall(t, ADMIN, 'admin.reviews.list', { replied: false })).items as Array<{
    id: string
  }>
  expect(still.map((r) => r.id)).not.toContain(first!._id)
})

test('lists page by cursor without gaps', async () => {
  const all = ok(await adminCall(t, ADMIN, 'admin.reviews.list', {})).items
  expect(all.length).toBeGreaterThanOrEqual(3)
  const seen: string[] = []
  let cursor: string | null | undefined
  do {
    const page = ok(
      await adminCall(t, ADMIN, 'admin.reviews.list', { pageSize: 1, ...(cursor ? { cursor } : {}) }),
    )
    seen.push(...page.items.map((r) => r.id))
    cursor = page.cursor
  } while (cursor)
  expect(seen).toEqual(all.map((r) => r.id))
})
