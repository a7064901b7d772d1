/**
 * The cases that broke before payments, refunds and submit became durable records: a shopper paying twice,
 * refunds nobody finished, a submit that dies half way. Each ends with the world's invariants.
 */
import { ok } from '../helpers/emulator'
import { ADMIN, insertShoppers, insertSkus, RACE_POOL, rid, sdkUpdate, shopper } from '../order/fixtures'
import { hidePrepay, MINUTE, SHOPPERS, startWorld, type World } from './world'

let w: World
const [A, B] = SHOPPERS as [string, string]

beforeAll(async () => {
  w = await startWorld(RACE_POOL)
  insertSkus(w.t, [{ id: 'last', price: 900, stock: 1 }])
  w.t.emu.db.insertMany('admins', [{ _id: ADMIN, roles: ['owner'], active: true }])
})
afterAll(() => w?.stop())

interface Stored {
  status: string
  payment?: { method: string; paymentId?: string }
  refund?: { status: string } | null
}
const order = (id: string) => w.t.find<Stored>('orders', { _id: id })[0]!
const cancel = (who: string, orderId: string) => w.t.callAs(who, 'order.cancel', { orderId })
const payBalance = (who: string, orderId: string) => w.t.callAs(who, 'pay.balance', { orderId })

afterEach(async () => {
  await w.recover()
  expect(w.violations()).toEqual([])
})

test('balance payment refuses an open WeChat prepay, then closes it: the shopper cannot pay twice', async () => {
  const id = await w.place(A)
  const trade = await w.prepay(A, id)
  const early = await payBalance(A, id)
  expect(early.ok ? '' : early.code).toBe('PAYMENT_IN_PROGRESS')
  expect(order(id).status).toBe('awaitingPayment')
  // WeChat closes a trade 5 minutes after its prepay: then the wallet may pay
  w.t.emu.clock.advance(5 * MINUTE + 1000)
  expect(ok(await payBalance(A, id)).status).toBe('paid')
  expect(w.t.emu.pay.order(trade)?.state).toBe('CLOSED')
  expect(order(id).payment).toMatchObject({ method: 'balance', paymentId: `bal_${id}` })
  // and WeChat Pay on the same order is refused from now on
  const again = await w.t.callAs(A, 'pay.wechat', { orderId: id })
  expect(again.ok ? '' : again.code).toBe('DUPLICATE_REQUEST')
})

test('a second successful payment (balance, then the WeChat trade) is an anomaly and goes back by itself', async () => {
  const id = await w.place(A)
  const trade = await w.prepay(A, id)
  await hidePrepay(w, id) // the race: the prepay landed after the balance payment had read the order
  ok(await payBalance(A, id))
  w.t.emu.pay.pay(trade)
  await w.t.emu.pay.flush()
  expect(order(id).status).toBe('paid')
  expect(w.t.find('payments', { _id: trade })).toEqual([
    expect.objectContaining({ state: 'duplicate', anomaly: 'doublePayment' }),
  ])
  expect(w.t.find('anomalies', { orderId: id })).toEqual([
    expect.objectContaining({ kind: 'doublePayment', paymentId: trade, keptPaymentId: `bal_${id}` }),
  ])
  expect(w.t.emu.pay.order(trade)?.refunds).toEqual([
    expect.objectContaining({ refundFee: w.t.emu.pay.order(trade)!.totalFee }),
  ])
})

test('a cancel that dies right after its transaction leaves the refund as a record, and cron finishes it', async () => {
  const id = await w.place(A)
  await w.payWechat(A, id)
  w.t.emu.faults.crash({ function: 'shop', write: 1, when: 'after' })
  await expect(cancel(A, id)).rejects.toThrow(/fault/)
  // the state change and its effects were one write: refunding, with the refund record and its steps
  expect(order(id).status).toBe('refunding')
  expect(w.t.find('refunds', { orderId: id })).toEqual([expect.objectContaining({ status: 'requested' })])
  expect(w.t.find('outbox', { ref: id, status: 'pending' }).length).toBeGreaterThan(0)
  await w.recover()
  expect(order(id).status).toBe('refunded')
  expect(w.t.find('refunds', { orderId: id })).toEqual([expect.objectContaining({ status: 'success' })])
})

test('a refund with no callback is found by the poller (queryRefund), and statuses only move forward', async () => {
  const id = await w.place(A)
  await w.payWechat(A, id)
  w.t.emu.pay.setSwitches({ drop: true })
  ok(await cancel(A, id))
  w.t.emu.pay.setSwitches({ drop: false })
  expect(order(id).status).toBe('refunding')
  const [refund] = w.t.find<{ _id: string; status: string }>('refunds', { orderId: id })
  expect(refund!.status).toBe('processing')
  w.t.emu.clock.advance(2 * MINUTE)
  await w.cron()
  expect(order(id).status).toBe('refunded')
  // the refund step run once more (a retry after a lost answer) changes nothing: no second refund
  await sdkUpdate(w.t, 'outbox', `refund:${refund!._id}`, { status: 'pending', nextAttemptAt: 0 })
  await w.cron()
  expect(w.t.find('refunds', { orderId: id })).toEqual([expect.objectContaining({ status: 'success' })])
  expect(w.t.emu.pay.order(id)?.refunds).toHaveLength(1)
})

test('a refund callback is checked with queryRefund: one WeChat does not know changes nothing', async () => {
  const id = await w.place(B)
  ok(await payBalance(B, id))
  const before = w.t.find('refunds')
  const forged = (await w.t.invoke(
    'payNotify',
    { outRefundNo: `bal_${id}-cancel`, refundStatus: 'SUCCESS', outTradeNo: id },
    { source: 'wx_paycallback' },
  )) as { errcode: number }
  expect(forged.errcode).toBe(0)
  expect(w.t.find('refunds')).toEqual(before)
  expect(order(id).status).toBe('paid')
})

test('a submit that loses the last unit on its second line gives back the first line exactly', async () => {
  const racers = Array.from({ length: 12 }, (_, i) => shopper(100 + i))
  insertShoppers(w.t, racers)
  for (const o of racers) {
    ok(await w.t.callAs(o, 'cart.add', { skuId: 'tea', quantity: 1 }))
    ok(await w.t.callAs(o, 'cart.add', { skuId: 'last', quantity: 1 }))
  }
  const tea = () => w.t.find<{ stock: number }>('skus', { _id: 'tea' })[0]!.stock
  const teaBefore = tea()
  const requests = racers.map(() => rid())
  const submit = (i: number) =>
    w.t.callAs(racers[i]!, 'order.submit', { source: { kind: 'cart' }, requestId: requests[i]! })
  const results = await Promise.all(racers.map((_, i) => submit(i)))
  const won = results.filter((r) => r.ok)
  expect(won).toHaveLength(1)
  expect(new Set(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code)))).toEqual(
    new Set(['OUT_OF_STOCK']),
  )
  expect(tea()).toBe(teaBefore - 1)
  expect(w.t.find('skus', { _id: 'last' })).toEqual([expect.objectContaining({ stock: 0, sold: 1 })])
  // the same request again answers what it answered (a refusal is remembered), and takes nothing
  const lost = results.findIndex((r) => !r.ok && r.code === 'OUT_OF_STOCK')
  const replay = await submit(lost)
  expect(replay.ok ? '' : replay.code).toBe('OUT_OF_STOCK')
  expect(tea()).toBe(teaBefore - 1)
})

const ship = (orderId: string) =>
  w.t.invoke(
    'admin',
    {
      action: 'admin.orders.ship',
      input: { orderId, carrier: '顺丰速运', trackingNo: `SF${orderId.slice(1, 13)}` },
    },
    { openid: ADMIN },
  ) as Promise<{ ok: boolean }>
const uploadStep = (orderId: string) =>
  w.t.find<{ status: string; attempts: number; lastError?: string }>('outbox', {
    _id: `${orderId}:uploadShipping`,
  })[0]!

test('a failed shipping-info upload does not undo the shipment and is retried by cron until WeChat takes it', async () => {
  const id = await w.place(A)
  await w.payWechat(A, id)
  w.t.emu.faults.failCall({ function: 'admin', call: 1, kind: 'openapi' })
  expect((await ship(id)).ok).toBe(true)
  expect(order(id).status).toBe('shipped')
  expect(w.t.find<{ shippingUpload?: { ok: boolean } }>('orders', { _id: id })[0]!.shippingUpload?.ok).toBe(
    false,
  )
  expect(uploadStep(id)).toMatchObject({ status: 'pending', attempts: 1 })
  await w.recover()
  expect(uploadStep(id).status).toBe('done')
  expect(w.t.find<{ shippingUpload?: { ok: boolean } }>('orders', { _id: id })[0]!.shippingUpload?.ok).toBe(
    true,
  )
})

test('a step that keeps failing lands in the dead letters with its error', async () => {
  const id = await w.place(A)
  await w.payWechat(A, id)
  for (let i = 0; i < 6; i++) w.t.emu.faults.failCall({ call: 1, kind: 'openapi' })
  // each armed fault fails the first open-API call of one invocation: the ship itself, then every cron retry
  expect((await ship(id)).ok).toBe(true)
  for (let i = 0; i < 8 && uploadStep(id).status === 'pending'; i++) {
    w.t.emu.clock.advance(61 * MINUTE)
    await w.cron()
  }
  w.t.emu.faults.clear()
  expect(uploadStep(id)).toMatchObject({
    status: 'dead',
    attempts: 6,
    lastError: expect.stringMatching(/SYS_ERR|fault|error/i),
  })
  // the merchant sees it in the admin area and runs it again
  const admin = (action: string, input: object) =>
    w.t.invoke('admin', { action, input }, { openid: ADMIN }) as Promise<{
      ok: boolean
      data: { items?: Array<{ id: string; lastError: string | null }>; status?: string }
    }>
  const listed = await admin('admin.steps.list', { status: 'dead' })
  expect(listed.data.items).toEqual([
    expect.objectContaining({ id: `${id}:uploadShipping`, lastError: expect.any(String) }),
  ])
  const shopperTry = await w.t.invoke(
    'admin',
    { action: 'admin.steps.list', input: { status: 'dead' } },
    { openid: A },
  )
  expect(shopperTry).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  expect(await admin('admin.steps.replay', { stepId: 'o_none:releaseStock' })).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  })
  expect((await admin('admin.steps.replay', { stepId: `${id}:uploadShipping` })).data.status).toBe('done')
  expect(uploadStep(id).status).toBe('done')
  expect((await admin('admin.steps.list', { status: 'dead' })).data.items).toEqual([])
})

test('ten concurrent cancels of a paid order: one transition, one refund record, one WeChat refund', async () => {
  const id = await w.place(A)
  const trade = await w.payWechat(A, id)
  const results = await Promise.all(Array.from({ length: 10 }, () => cancel(A, id)))
  expect(results.filter((r) => r.ok)).toHaveLength(1)
  for (const r of results) if (!r.ok) expect(['ORDER_STATE_INVALID', 'CONFLICT']).toContain(r.code)
  await w.t.emu.pay.flush()
  expect(w.t.find('refunds', { orderId: id })).toHaveLength(1)
  expect(w.t.emu.pay.order(trade)?.refunds).toHaveLength(1)
  expect(w.t.find<{ refunded: number; amount: number }>('payments', { _id: trade })[0]).toEqual(
    expect.objectContaining({ refunded: w.t.emu.pay.order(trade)!.totalFee }),
  )
  expect(
    w.t
      .find<{ timeline: Array<{ status: string }> }>('orders', { _id: id })[0]!
      .timeline.filter((e) => e.status === 'refunding'),
  ).toHaveLength(1)
})
