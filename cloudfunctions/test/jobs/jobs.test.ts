/**
 * The cron function's jobs on the emulator clock: timeout close (stock, coupon and points back exactly
 * once), late payment refunded, the payment poller, shipping with its WeChat upload, auto-complete and the
 * subscribe messages relayed from the outbox.
 */
import { ok, type TestEmulator } from '../helpers/emulator'
import {
  ADMIN,
  buyNow,
  insertSettings,
  insertShoppers,
  insertSkus,
  rid,
  shopper,
  sku,
  startOrderEmulator,
} from '../order/fixtures'

let t: TestEmulator
const S1 = shopper(1)
const S2 = shopper(2)
const MINUTE = 60_000
const DAY = 86_400_000

interface StoredOrder {
  status: string
  couponId: string | null
  pointsUsed: number
  timeline: Array<{ status: string }>
  shippingUpload?: { ok: boolean }
}
interface ApiRecord {
  api: string
  kind: string
  errcode?: number
  params: Record<string, unknown>
}
const order = (id: string) => t.find<StoredOrder>('orders', { _id: id })[0]
const cron = () =>
  t.invoke('cron', {}, { triggerSrc: 'timer' }) as Promise<{ ok: boolean; jobs: Record<string, unknown> }>
const records = (api: string) =>
  (t.emu.openapi.records() as ApiRecord[]).filter((r) => r.api === api && r.kind === 'call')

beforeAll(async () => {
  t = await startOrderEmulator(4)
  insertSettings(t, [
    {
      _id: 'trade',
      orderTimeoutMinutes: 1,
      cancelWindowMinutes: 30,
      autoConfirmDays: 10,
      autoCompleteDays: 7,
    },
    { _id: 'shipping', baseFee: 0, freeOver: 0 },
  ])
  insertSkus(t, [{ id: 'box', price: 5000, stock: 10 }])
  insertShoppers(t, [S1, S2], { points: 1000 })
  t.emu.db.insertMany('admins', [{ _id: ADMIN, roles: ['owner'], active: true, name: '测试店长' }])
  t.emu.db.insertMany('coupons', [
    {
      _id: 'cp_t1',
      openid: S1,
      title: '无门槛5元',
      kind: 'noThreshold',
      threshold: 0,
      amount: 500,
      scope: { type: 'all' },
      validFrom: 0,
      validTo: Date.now() + 365 * DAY,
      status: 'unused',
    },
  ])
  const res = await fetch(`${t.emu.url}/__emulator/openapi/templates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      tpl_order_paid: { title: '订单支付成功', fields: ['thing1', 'amount2', 'character_string3', 'time4'] },
      tpl_order_shipped: {
        title: '订单发货',
        fields: ['thing1', 'character_string2', 'thing3', 'character_string4'],
      },
    }),
  })
  expect(res.ok).toBe(true)
})
afterAll(() => t?.stop())

test('cron refuses a shopper invoking it', async () => {
  expect(await t.invoke('cron', {}, { openid: S1, source: 'wx_client' })).toEqual({ ok: false })
})

test('timeout closes unpaid orders and gives stock, coupon and points back exactly once (cron run twice at once, then again)', async () => {
  const res = ok(
    await t.callAs(S1, 'order.submit', {
      source: { kind: 'buyNow', skuId: 'box', quantity: 2 },
      requestId: rid(),
      coupon: 'auto',
      points: 500,
    }),
  )
  expect(res.couponId).toBe('cp_t1')
  expect(res.pointsUsed).toBe(500)
  expect(sku(t, 'box').stock).toBe(8)
  expect(t.find('coupons', { _id: 'cp_t1' })[0]).toMatchObject({ status: 'locked', orderId: res.id })
  expect(t.find<{ points: number }>('users', { _id: S1 })[0].points).toBe(500)

  expect((await cron()).ok).toBe(true) // not due yet
  expect(order(res.id).status).toBe('awaitingPayment')
  t.emu.clock.advance(2 * MINUTE)
  await Promise.all([cron(), cron()])
  await cron()
  expect(order(res.id).status).toBe('closed')
  expect(order(res.id).timeline.filter((e) => e.status === 'closed')).toHaveLength(1)
  expect(sku(t, 'box')).toMatchObject({ stock: 10, sold: 0 })
  expect(t.find('coupons', { _id: 'cp_t1' })[0]).toMatchObject({ status: 'unused' })
  expect(t.find<{ points: number }>('users', { _id: S1 })[0].points).toBe(1000)
  const pay = await t.callAs(S1, 'pay.wechat', { orderId: res.id })
  expect(pay.ok ? '' : pay.code).toBe('PAYMENT_CLOSED')
})

test('a payment that lands after the timeout close is refunded automatically', async () => {
  const id = await buyNow(t, S2, 'box', 1)
  const { outTradeNo } = ok(await t.callAs(S2, 'pay.wechat', { orderId: id }))
  t.emu.clock.advance(2 * MINUTE)
  await cron()
  expect(order(id).status).toBe('closed')
  expect(sku(t, 'box').stock).toBe(10)
  // the shopper still had the cashier open and paid
  t.emu.pay.pay(outTradeNo)
  await t.emu.pay.flush()
  expect(['refunding', 'refunded']).toContain(order(id).status)
  await t.emu.pay.flush()
  expect(order(id).status).toBe('refunded')
  expect(t.emu.pay.order(outTradeNo)?.refunds).toHaveLength(1)
  expect(t.find('refunds', { orderId: id })).toEqual([
    expect.objectContaining({ status: 'success', reason: 'late' }),
  ])
  expect(sku(t, 'box').stock).toBe(10)
})

let shippedOrder = ''
test('a dropped callback: the poller asks queryOrder and marks the order paid', async () => {
  const id = await buyNow(t, S2, 'box', 1)
  const { outTradeNo } = ok(await t.callAs(S2, 'pay.wechat', { orderId: id }))
  t.emu.pay.setSwitches({ drop: true })
  t.emu.pay.pay(outTradeNo)
  await t.emu.pay.flush()
  t.emu.pay.setSwitches({ drop: false })
  expect(order(id).status).toBe('awaitingPayment')
  t.emu.clock.advance(31_000)
  await cron()
  expect(order(id).status).toBe('paid')
  expect(t.find('payments', { _id: outTradeNo })).toEqual([expect.objectContaining({ state: 'captured' })])
  shippedOrder = id
})

test('ship (admin) records the shipping upload; confirm; completed after N days; subscribe messages sent', async () => {
  const id = shippedOrder
  const forbidden = await t.invoke('admin', { action: 'admin.orders.list', input: {} }, { openid: S2 })
  expect(forbidden).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  const list = ok(
    (await t.invoke('admin', { action: 'admin.orders.list', input: {} }, { openid: ADMIN })) as never,
  ) as { items: Array<{ id: string; receiver: { phoneMasked: string } }> }
  const row = list.items.find((r) => r.id === id)!
  expect(row.receiver.phoneMasked).toBe('138****8000')

  const shipped = (await t.invoke(
    'admin',
    { action: 'admin.orders.ship', input: { orderId: id, carrier: '顺丰速运', trackingNo: 'SF1234567890' } },
    { openid: ADMIN },
  )) as { ok: boolean; data: { status: string; shipping: { trackingNo: string } } }
  expect(shipped.ok).toBe(true)
  expect(shipped.data.status).toBe('shipped')
  expect(shipped.data.shipping.trackingNo).toBe('SF1234567890')
  const uploads = records('wxa.sec.order.uploadShippingInfo')
  expect(uploads).toHaveLength(1)
  expect(uploads[0].errcode ?? 0).toBe(0)
  expect(order(id).shippingUpload?.ok).toBe(true)
  // shipping twice is refused
  const twice = await t.invoke(
    'admin',
    { action: 'admin.orders.ship', input: { orderId: id, carrier: '顺丰速运', trackingNo: 'SF1234567890' } },
    { openid: ADMIN },
  )
  expect(twice).toMatchObject({ ok: false, code: 'ORDER_STATE_INVALID' })

  expect(ok(await t.callAs(S2, 'order.confirmReceipt', { orderId: id })).status).toBe('received')
  t.emu.clock.advance(8 * DAY)
  await cron()
  expect(order(id).status).toBe('completed')
  expect(ok(await t.callAs(S2, 'order.status', { orderId: id })).status).toBe('completed')

  const sent = records('subscribeMessage.send').filter((r) => (r.errcode ?? 0) === 0)
  const templates = sent.map((r) => r.params.template_id)
  expect(templates).toEqual(expect.arrayContaining(['tpl_order_paid', 'tpl_order_shipped']))
  for (const r of sent) {
    const data = r.params.data as Record<string, { value: string }>
    for (const [k, v] of Object.entries(data))
      if (k.startsWith('thing')) expect([...v.value].length).toBeLessThanOrEqual(20)
  }
  expect(t.find('outbox', { status: 'pending', 'payload.event': 'order.shipped' })).toHaveLength(0)
})

test('a submit claim left behind by a crashed invocation is abandoned, its release steps run, and it goes a day later', async () => {
  const at = t.emu.clock.now()
  const stock = sku(t, 'box').stock
  t.emu.db.insertMany('orders', [
    {
      _id: 'ostale',
      openid: S1,
      requestId: 'req_stale_0001',
      status: 'submitting',
      createdAt: at,
      updatedAt: at,
      couponId: null,
      pointsUsed: 0,
      lines: [{ skuId: 'box', spuId: 'p_box', quantity: 1 }],
    },
  ])
  await cron()
  expect(t.find('orders', { _id: 'ostale' })).toEqual([expect.objectContaining({ status: 'submitting' })])
  t.emu.clock.advance(3 * MINUTE)
  await cron()
  expect(t.find('orders', { _id: 'ostale' })).toEqual([
    expect.objectContaining({ status: 'failed', failure: { code: 'ORDER_SUBMIT_FAILED' } }),
  ])
  // it never took the stock (no marker on the SKU), so the release gave nothing back
  expect(t.find('outbox', { ref: 'ostale' })).toEqual([expect.objectContaining({ status: 'done' })])
  expect(sku(t, 'box').stock).toBe(stock)
  t.emu.clock.advance(DAY + MINUTE)
  await cron()
  expect(t.find('orders', { _id: 'ostale' })).toHaveLength(0)
})

test('wallet reconciliation flags a balance that differs from the sum of its ledger', async () => {
  t.emu.db.insertMany('wallets', [
    { _id: 'w_good', openid: 'w_good', balance: 300 },
    { _id: 'w_bad', openid: 'w_bad', balance: 999 },
  ])
  t.emu.db.insertMany('ledger', [
    { _id: 'l1', walletId: 'w_good', amount: 500, kind: 'recharge' },
    { _id: 'l2', walletId: 'w_good', amount: -200, kind: 'pay' },
    { _id: 'l3', walletId: 'w_bad', amount: 500, kind: 'recharge' },
  ])
  await cron()
  const [good] = t.find<{ ledgerMismatch?: unknown; checkedAt?: number }>('wallets', { _id: 'w_good' })
  const [bad] = t.find<{ ledgerMismatch?: { ledgerSum: number } }>('wallets', { _id: 'w_bad' })
  expect(good.ledgerMismatch).toBeUndefined()
  expect(good.checkedAt).toBeDefined()
  expect(bad.ledgerMismatch?.ledgerSum).toBe(500)
  expect(t.find<{ balance: number }>('wallets', { _id: 'w_bad' })[0].balance).toBe(999)
})

test('reconciliation pages through every entry (more than one page) and checks points like the wallet', async () => {
  const entries = Array.from({ length: 2500 }, (_, i) => ({
    _id: `big_${String(i).padStart(5, '0')}`,
    walletId: 'w_big',
    amount: 2,
    kind: 'recharge',
    seq: i + 1,
  }))
  // one entry newer than the balance read (seq beyond the wallet's): it is not part of this balance yet
  entries.push({ _id: 'big_late', walletId: 'w_big', amount: 7, kind: 'recharge', seq: 2501 })
  t.emu.db.insertMany('wallets', [{ _id: 'w_big', openid: 'w_big', balance: 5000, seq: 2500 }])
  t.emu.db.insertMany('ledger', entries)
  t.emu.db.insertMany('users', [
    { _id: 'u_pts_ok', openid: 'u_pts_ok', points: 30, pointsSeq: 2 },
    { _id: 'u_pts_bad', openid: 'u_pts_bad', points: 99, pointsSeq: 1 },
  ])
  t.emu.db.insertMany('pointsLedger', [
    { _id: 'p1', openid: 'u_pts_ok', amount: 50, kind: 'seed', seq: 1 },
    { _id: 'p2', openid: 'u_pts_ok', amount: -20, kind: 'use', seq: 2 },
    { _id: 'p3', openid: 'u_pts_bad', amount: 10, kind: 'seed', seq: 1 },
  ])
  await cron()
  expect(t.find<{ ledgerMismatch?: unknown; checkedAt?: number }>('wallets', { _id: 'w_big' })[0]).toEqual(
    expect.objectContaining({ checkedAt: expect.any(Number) }),
  )
  expect(t.find<{ ledgerMismatch?: unknown }>('wallets', { _id: 'w_big' })[0].ledgerMismatch).toBeUndefined()
  const users = t.find<{ _id: string; pointsMismatch?: { ledgerSum: number } }>('users', {
    _id: { $in: ['u_pts_ok', 'u_pts_bad'] },
  })
  expect(users.find((u) => u._id === 'u_pts_ok')?.pointsMismatch).toBeUndefined()
  expect(users.find((u) => u._id === 'u_pts_bad')?.pointsMismatch?.ledgerSum).toBe(10)
})
