/**
 * order.submit under load: never oversell, idempotent by requestId, the server prices everything.
 * Runs the real shop bundle (real wx-server-sdk) on the emulator with a pool of 4 workers.
 */
import { ok, type TestEmulator } from '../helpers/emulator'
import { insertShoppers, insertSkus, RACE_POOL, rid, shopper, sku, startOrderEmulator } from './fixtures'

let t: TestEmulator
const buyers = Array.from({ length: 1000 }, (_, i) => shopper(i + 1))

beforeAll(async () => {
  t = await startOrderEmulator(RACE_POOL)
  insertSkus(t, [
    { id: 'hot', price: 1999, stock: 100 },
    { id: 'rand', price: 990, stock: 100 },
    { id: 'same', price: 3000, stock: 20 },
    { id: 'multiA', price: 1000, stock: 1000 },
    { id: 'multiB', price: 1000, stock: 10 },
  ])
  insertShoppers(t, buyers)
})
afterAll(() => t?.stop())

test('1,000 concurrent submits from 1,000 shoppers on stock 100 -> exactly 100 orders, stock 0, never negative', async () => {
  let negative = false
  let watching = true
  const watcher = (async () => {
    while (watching) {
      if (sku(t, 'hot').stock < 0) negative = true
      await new Promise((r) => setTimeout(r, 20))
    }
  })()
  const results = await Promise.all(
    buyers.map((b) =>
      t.callAs(b, 'order.submit', {
        source: { kind: 'buyNow', skuId: 'hot', quantity: 1 },
        requestId: rid(),
      }),
    ),
  )
  watching = false
  await watcher
  const won = results.filter((r) => r.ok)
  const lost = results.filter((r) => !r.ok)
  expect(won).toHaveLength(100)
  expect(new Set(lost.map((r) => (r.ok ? '' : r.code)))).toEqual(new Set(['OUT_OF_STOCK']))
  expect(sku(t, 'hot')).toMatchObject({ stock: 0, sold: 100 })
  expect(negative).toBe(false)
  // a shopper who lost the race between the stock check and the take leaves a hidden `failed` claim
  // whose release step found nothing to give back: no SKU marker of it is left
  const orders = t.find<{ _id: string; status: string }>('orders', { 'lines.skuId': 'hot' })
  const placed = orders.filter((o) => o.status !== 'failed')
  expect(placed).toHaveLength(100)
  expect(placed.every((o) => o.status === 'awaitingPayment')).toBe(true)
  const held = (sku(t, 'hot') as unknown as { held?: Record<string, number> }).held ?? {}
  expect(Object.keys(held).sort()).toEqual(placed.map((o) => o._id).sort())
})

test('random quantities 1-3: never oversold, and nothing left that a refused request could still have bought', async () => {
  const wants = buyers.slice(0, 300).map((b, i) => ({ b, q: 1 + ((i * 7919) % 3) }))
  const results = await Promise.all(
    wants.map(({ b, q }) =>
      t.callAs(b, 'order.submit', {
        source: { kind: 'buyNow', skuId: 'rand', quantity: q },
        requestId: rid(),
      }),
    ),
  )
  const sold = wants.reduce((s, w, i) => s + (results[i].ok ? w.q : 0), 0)
  const left = sku(t, 'rand')
  expect(sold).toBeLessThanOrEqual(100)
  expect(left.stock).toBe(100 - sold)
  expect(left.sold).toBe(sold)
  const refused = wants.filter((_, i) => !results[i].ok)
  expect(refused.length).toBeGreaterThan(0)
  for (const r of refused) expect(r.q).toBeGreaterThan(left.stock)
})

test('one shopper, 50 parallel submits with one requestId -> one order, stock taken once', async () => {
  const requestId = rid()
  const before = sku(t, 'same').stock
  const results = await Promise.all(
    Array.from({ length: 50 }, () =>
      t.callAs(buyers[0], 'order.submit', {
        source: { kind: 'buyNow', skuId: 'same', quantity: 2 },
        requestId,
      }),
    ),
  )
  const ids = new Set(results.map((r) => ok(r).id))
  expect(ids.size).toBe(1)
  expect(t.find('orders', { requestId })).toHaveLength(1)
  expect(sku(t, 'same').stock).toBe(before - 2)
  // and once more, later: still the same order
  const again = ok(
    await t.callAs(buyers[0], 'order.submit', {
      source: { kind: 'buyNow', skuId: 'same', quantity: 2 },
      requestId,
    }),
  )
  expect(again.id).toBe([...ids][0])
})

test('two-line carts racing for the last units: a failed second line gives back the first line exactly once', async () => {
  const racers = buyers.slice(400, 460)
  for (const b of racers) {
    ok(await t.callAs(b, 'cart.add', { skuId: 'multiA', quantity: 1 }))
    ok(await t.callAs(b, 'cart.add', { skuId: 'multiB', quantity: 1 }))
  }
  const results = await Promise.all(
    racers.map((b) => t.callAs(b, 'order.submit', { source: { kind: 'cart' }, requestId: rid() })),
  )
  const won = results.filter((r) => r.ok).length
  expect(won).toBe(10)
  expect(sku(t, 'multiB')).toMatchObject({ stock: 0, sold: 10 })
  // every multiA taken by a submit whose multiB then failed came back
  expect(sku(t, 'multiA')).toMatchObject({ stock: 1000 - won, sold: won })
})

test('the server prices the order: breakdown parts sum to the payable, expectedPayable mismatch is refused', async () => {
  const b = buyers[3]
  const p = ok(await t.callAs(b, 'order.preview', { source: { kind: 'buyNow', skuId: 'same', quantity: 1 } }))
  expect(p.breakdown.reduce((s, e) => s + e.amount, 0)).toBe(p.totals.payable)
  expect(p.totals.goods).toBe(3000)
  const wrong = await t.callAs(b, 'order.submit', {
    source: { kind: 'buyNow', skuId: 'same', quantity: 1 },
    requestId: rid(),
    expectedPayable: p.totals.payable - 1,
  })
  expect(wrong.ok ? '' : wrong.code).toBe('AMOUNT_MISMATCH')
  const right = ok(
    await t.callAs(b, 'order.submit', {
      source: { kind: 'buyNow', skuId: 'same', quantity: 1 },
      requestId: rid(),
      expectedPayable: p.totals.payable,
    }),
  )
  expect(right.totals.payable).toBe(p.totals.payable)
  expect(right.address.phone).toBe('13800138000')
})
