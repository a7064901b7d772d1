/**
 * Cart (server side, per shopper), addresses, checkout from the cart, buy again, order list/detail/status.
 */
import { ok, type TestEmulator } from '../helpers/emulator'
import { insertShoppers, insertSkus, rid, sdkUpdate, shopper, startOrderEmulator } from '../order/fixtures'

let t: TestEmulator
const S1 = shopper(1)
const S2 = shopper(2)
const S3 = shopper(3) // no address yet

beforeAll(async () => {
  t = await startOrderEmulator(4)
  insertSkus(t, [
    { id: 'pen', price: 300, stock: 50 },
    { id: 'ink', price: 1200, stock: 5 },
    { id: 'pad', price: 2000, stock: 20 },
    { id: 'gone', price: 100, stock: 10 },
  ])
  insertShoppers(t, [S1, S2])
  t.emu.db.insertMany('users', [{ _id: S3, openid: S3, level: 0, points: 0 }])
})
afterAll(() => t?.stop())

test('add, sum, cap by stock, set quantity, select, remove', async () => {
  let cart = ok(await t.callAs(S1, 'cart.add', { skuId: 'pen', quantity: 2 }))
  cart = ok(await t.callAs(S1, 'cart.add', { skuId: 'pen', quantity: 3 }))
  expect(cart.items).toEqual([expect.objectContaining({ skuId: 'pen', quantity: 5, selected: true })])
  const tooMany = await t.callAs(S1, 'cart.add', { skuId: 'ink', quantity: 6 })
  expect(tooMany.ok ? '' : tooMany.code).toBe('OUT_OF_STOCK')
  cart = ok(await t.callAs(S1, 'cart.add', { skuId: 'ink', quantity: 1 }))
  cart = ok(await t.callAs(S1, 'cart.setQuantity', { skuId: 'ink', quantity: 4 }))
  expect(cart.items.find((i) => i.skuId === 'ink')?.quantity).toBe(4)
  expect(cart.goodsTotal).toBe(5 * 300 + 4 * 1200)
  cart = ok(await t.callAs(S1, 'cart.select', { skuId: 'pen', selected: false }))
  expect(cart.goodsTotal).toBe(4 * 1200)
  expect(cart.hints.length).toBeGreaterThan(0) // e.g. how far from free shipping
  cart = ok(await t.callAs(S1, 'cart.select', { selected: true }))
  expect(cart.items.every((i) => i.selected)).toBe(true)
  cart = ok(await t.callAs(S1, 'cart.remove', { skuIds: ['ink'] }))
  expect(cart.items.map((i) => i.skuId)).toEqual(['pen'])
  // another shopper's cart is separate
  expect(ok(await t.callAs(S2, 'cart.get', {})).items).toEqual([])
})

test('flags: off shelf, out of stock, price changed since added', async () => {
  ok(await t.callAs(S2, 'cart.add', { skuId: 'gone', quantity: 1 }))
  ok(await t.callAs(S2, 'cart.add', { skuId: 'pad', quantity: 1 }))
  ok(await t.callAs(S2, 'cart.add', { skuId: 'ink', quantity: 1 }))
  await sdkUpdate(t, 'skus', 'gone', { status: 'offShelf' })
  await sdkUpdate(t, 'skus', 'pad', { price: 1800 })
  await sdkUpdate(t, 'skus', 'ink', { stock: 0 })
  const cart = ok(await t.callAs(S2, 'cart.get', {}))
  const flags = Object.fromEntries(cart.items.map((i) => [i.skuId, i.flags]))
  expect(flags.gone.offShelf).toBe(true)
  expect(flags.pad.priceChanged).toBe(true)
  expect(flags.ink.outOfStock).toBe(true)
  // only the purchasable selected item counts
  expect(cart.goodsTotal).toBe(1800)
  await sdkUpdate(t, 'skus', 'ink', { stock: 5 })
  ok(await t.callAs(S2, 'cart.remove', { skuIds: ['gone', 'pad', 'ink'] }))
})

test('merge of the local (signed-out) cart: by sku, quantities added and capped by stock, unknown skus skipped', async () => {
  ok(await t.callAs(S2, 'cart.add', { skuId: 'pen', quantity: 1 }))
  const cart = ok(
    await t.callAs(S2, 'cart.merge', {
      lines: [
        { skuId: 'pen', quantity: 2 },
        { skuId: 'ink', quantity: 9 },
        { skuId: 'nosuch', quantity: 1 },
      ],
    }),
  )
  const q = Object.fromEntries(cart.items.map((i) => [i.skuId, i.quantity]))
  expect(q).toEqual({ pen: 3, ink: 5 })
})

test('addresses: save (first is default), set default, remove; another shopper cannot touch them', async () => {
  const a = ok(
    await t.callAs(S3, 'address.save', {
      name: '李四',
      phone: '13900139000',
      province: '广东省',
      city: '深圳市',
      district: '南山区',
      detail: '科技园1号',
    }),
  )
  expect(a.isDefault).toBe(true)
  const b = ok(
    await t.callAs(S3, 'address.save', {
      name: '李四（公司）',
      phone: '13900139000',
      province: '广东省',
      city: '深圳市',
      district: '福田区',
      detail: '中心区2号',
      postalCode: '518000',
    }),
  )
  expect(b.isDefault).toBe(false)
  ok(await t.callAs(S3, 'address.setDefault', { id: b.id }))
  const list = ok(await t.callAs(S3, 'address.list', {}))
  expect(list.map((x) => [x.id, x.isDefault])).toEqual([
    [b.id, true],
    [a.id, false],
  ])
  const stolen = await t.callAs(S1, 'address.remove', { id: b.id })
  expect(stolen.ok ? '' : stolen.code).toBe('ADDRESS_NOT_FOUND')
  const edit = await t.callAs(S1, 'address.save', { ...b, name: '黑客' })
  expect(edit.ok ? '' : edit.code).toBe('ADDRESS_NOT_FOUND')
  expect(t.find('addresses', { _id: b.id })[0]).toMatchObject({ name: '李四（公司）', openid: S3 })
  ok(await t.callAs(S3, 'address.remove', { id: b.id }))
  expect(ok(await t.callAs(S3, 'address.list', {}))).toEqual([
    expect.objectContaining({ id: a.id, isDefault: true }),
  ])
})

test('checkout from the cart removes the bought lines; list tabs, detail, status, buy again', async () => {
  const before = ok(await t.callAs(S1, 'cart.get', {}))
  expect(before.items.map((i) => i.skuId)).toEqual(['pen'])
  ok(await t.callAs(S1, 'cart.add', { skuId: 'pad', quantity: 1 }))
  ok(await t.callAs(S1, 'cart.select', { skuId: 'pad', selected: false }))
  const preview = ok(await t.callAs(S1, 'order.preview', { source: { kind: 'cart' } }))
  expect(preview.lines.map((l) => l.skuId)).toEqual(['pen'])
  expect(preview.address?.name).toBe('张三')
  const o = ok(await t.callAs(S1, 'order.submit', { source: { kind: 'cart' }, requestId: rid() }))
  expect(ok(await t.callAs(S1, 'cart.get', {})).items.map((i) => i.skuId)).toEqual(['pad'])

  const second = ok(
    await t.callAs(S1, 'order.submit', {
      source: { kind: 'buyNow', skuId: 'pad', quantity: 1 },
      requestId: rid(),
    }),
  )
  ok(await t.callAs(S1, 'order.cancel', { orderId: second.id }))
  const unpaid = ok(await t.callAs(S1, 'order.list', { tab: 'awaitingPayment' }))
  expect(unpaid.items.map((i) => i.id)).toEqual([o.id])
  const closed = ok(await t.callAs(S1, 'order.list', { tab: 'closedOrCancelled' }))
  expect(closed.items.map((i) => i.id)).toEqual([second.id])
  const page1 = ok(await t.callAs(S1, 'order.list', { pageSize: 1 }))
  expect(page1.cursor).not.toBeNull()
  const page2 = ok(await t.callAs(S1, 'order.list', { pageSize: 1, cursor: page1.cursor! }))
  expect([...page1.items, ...page2.items].map((i) => i.id).sort()).toEqual([o.id, second.id].sort())

  const detail = ok(await t.callAs(S1, 'order.detail', { orderId: o.id }))
  expect(detail.can).toMatchObject({ pay: true, cancel: true, confirmReceipt: false })
  expect(detail.timeline.length).toBeGreaterThan(0)
  expect(ok(await t.callAs(S1, 'order.status', { orderId: o.id })).status).toBe('awaitingPayment')
  const other = await t.callAs(S2, 'order.detail', { orderId: o.id })
  expect(other.ok ? '' : other.code).toBe('ORDER_NOT_FOUND')

  const again = ok(await t.callAs(S1, 'order.buyAgain', { orderId: second.id }))
  expect(again.added).toEqual(['pad'])
  const fromOrder = ok(
    await t.callAs(S1, 'order.preview', { source: { kind: 'buyAgain', orderId: second.id } }),
  )
  expect(fromOrder.lines.map((l) => [l.skuId, l.quantity])).toEqual([['pad', 1]])
  const stolen = await t.callAs(S2, 'order.buyAgain', { orderId: second.id })
  expect(stolen.ok ? '' : stolen.code).toBe('ORDER_NOT_FOUND')
})
