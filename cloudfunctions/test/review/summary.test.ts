/**
 * The product's review summary follows every review and every photo that passes content security, in the
 * transaction of the write: exact under concurrent reviews; seed products without `ratingSum` derive it.
 * Photos are public only once passed (fail closed), whether the verdict lands after or before the answer.
 */
import { ok, type TestEmulator } from '../helpers/emulator'
import {
  ADMIN,
  insertSettings,
  insertShoppers,
  insertSkus,
  insertWallet,
  sdkUpdate,
  shopper,
  startOrderEmulator,
} from '../order/fixtures'
import { receivedOrder, uploadPhoto } from './fixtures'

let t: TestEmulator
const CROWD = Array.from({ length: 8 }, (_, i) => shopper(10 + i))
const ME = shopper(1)

interface Product {
  reviewSummary: { count: number; avg: number; good: number; withPhotos: number }
  ratingSum?: number
}
const product = (id: string) => t.find<Product>('products', { _id: id })[0]!

beforeAll(async () => {
  t = await startOrderEmulator(8)
  insertSettings(t, [{ _id: 'shipping', baseFee: 0, freeOver: 0 }])
  insertSkus(t, [
    { id: 'tea', price: 3000, stock: 100 },
    { id: 'cam', price: 9000, stock: 20 },
  ])
  insertShoppers(t, [ME, ...CROWD])
  for (const s of [ME, ...CROWD]) insertWallet(t, s, 100_000)
  t.emu.db.insertMany('admins', [{ _id: ADMIN, roles: ['owner'], active: true }])
  // as the seed leaves a product: a summary, no ratingSum (4 reviews averaging 4.5 -> 18 stars)
  await sdkUpdate(t, 'products', 'p_cam', { reviewSummary: { count: 4, avg: 4.5, good: 3, withPhotos: 1 } })
})
afterAll(() => t?.stop())

test('concurrent reviews of one product keep exact counts', async () => {
  const ratings = [5, 4, 3, 5, 1, 2, 4, 5]
  const orders: string[] = []
  for (const s of CROWD) orders.push(await receivedOrder(t, s, 'tea'))
  const res = await Promise.all(
    CROWD.map((s, i) =>
      t.callAs(s, 'review.submit', {
        orderId: orders[i],
        skuId: 'tea',
        rating: ratings[i],
        content: `第${i}条`,
      }),
    ),
  )
  expect(res.filter((r) => !r.ok)).toEqual([])
  const sum = ratings.reduce((a, b) => a + b, 0)
  expect(product('p_tea')).toMatchObject({
    ratingSum: sum,
    reviewSummary: {
      count: 8,
      avg: Math.round((sum / 8) * 10) / 10,
      good: ratings.filter((r) => r >= 4).length,
      withPhotos: 0,
    },
  })
})

test('seed summary without ratingSum; photos count only once passed (verdict after the answer)', async () => {
  t.emu.openapi.push.setMode('hold')
  const orderId = await receivedOrder(t, ME, 'cam')
  const fine = uploadPhoto(t, ME, 'fine.png')
  const bad = uploadPhoto(t, ME, 'BAD.png')
  const mine = ok(
    await t.callAs(ME, 'review.submit', {
      orderId,
      skuId: 'cam',
      rating: 5,
      content: '画质清晰',
      photos: [fine, bad],
    }),
  )
  expect(mine.photos.map((p) => p.status)).toEqual(['pending', 'pending'])
  expect(product('p_cam')).toMatchObject({
    ratingSum: 23,
    reviewSummary: { count: 5, avg: 4.6, good: 4, withPhotos: 1 },
  })
  const hidden = ok(
    await t.callAs(shopper(10), 'catalog.reviews', { spuId: 'p_cam', withPhotos: true }),
  ).items
  expect(hidden.map((r) => r.id)).not.toContain(mine.id)
  expect(t.find('reviews', { _id: mine.id })[0]).toMatchObject({ images: [], hasImages: false })

  await t.emu.openapi.push.release()
  await t.emu.openapi.push.idle()
  expect(t.find('reviews', { _id: mine.id })[0]).toMatchObject({ images: [fine], hasImages: true })
  expect(product('p_cam').reviewSummary).toEqual({ count: 5, avg: 4.6, good: 4, withPhotos: 2 })
  const shown = ok(await t.callAs(shopper(10), 'catalog.reviews', { spuId: 'p_cam', withPhotos: true })).items
  const pub = shown.find((r) => r.id === mine.id)
  expect(pub?.images).toHaveLength(1)
  expect(pub?.images[0]).toMatch(/^https?:\/\//)
  expect(pub?.images[0]).toContain('fine.png')
  const own = ok(await t.callAs(ME, 'review.mine', {})).items.find((r) => r.id === mine.id)
  expect(own?.photos.map((p) => p.status)).toEqual(['pass', 'rejected'])
})

test('a verdict that lands before the review exists still makes the photo public', async () => {
  t.emu.openapi.push.setMode('beforeAnswer')
  try {
    const orderId = await receivedOrder(t, ME, 'tea')
    const photo = uploadPhoto(t, ME, 'early.png')
    const mine = ok(
      await t.callAs(ME, 'review.submit', {
        orderId,
        skuId: 'tea',
        rating: 4,
        content: '好喝',
        photos: [photo],
      }),
    )
    await t.emu.openapi.push.idle()
    expect(t.find('reviews', { _id: mine.id })[0]).toMatchObject({ images: [photo], hasImages: true })
    expect(product('p_tea').reviewSummary).toMatchObject({ count: 9, withPhotos: 1 })
  } finally {
    t.emu.openapi.push.setMode('deliver')
  }
})
