/**
 * Payment: WeChat Pay through the cloudPay sandbox (callbacks duplicated, concurrent, forged), wallet
 * payments under contention, and refunds when a paid order is cancelled.
 */
import { ok, type TestEmulator } from '../helpers/emulator'
import {
  buyNow,
  insertSettings,
  insertShoppers,
  insertSkus,
  insertWallet,
  payEvent,
  sdkUpdate,
  shopper,
  sku,
  RACE_POOL,
  startOrderEmulator,
} from '../order/fixtures'

let t: TestEmulator
const A = shopper(1)
const B = shopper(2)
const RICH = shopper(3)

beforeAll(async () => {
  t = await startOrderEmulator(RACE_POOL)
  // free shipping so that payable == price (¥10 orders in the balance test)
  insertSettings(t, [{ _id: 'shipping', baseFee: 0, freeOver: 0 }])
  insertSkus(t, [
    { id: 'tea', price: 2500, stock: 1000 },
    { id: 'ten', price: 1000, stock: 1000 },
  ])
  insertShoppers(t, [A, B, RICH])
  insertWallet(t, RICH, 20_000)
})
afterAll(() => t?.stop())

interface StoredOrder {
  status: string
  totals: { payable: number }
  timeline: Array<{ status: string }>
}
const order = (id: string) => t.find<StoredOrder>('orders', { _id: id })[0]
const paidEntries = (id: string) => order(id).timeline.filter((e) => e.status === 'paid')
const notify = (event: unknown, source = 'wx_paycallback') =>
  t.invoke('payNotify', event, { openid: A, source }) as Promise<{ errcode: number; errmsg: string }>

async function wechatOrder(who = A): Promise<{ id: string; outTradeNo: string; fee: number }> {
  const id = await buyNow(t, who, 'tea', 1)
  const p = ok(await t.callAs(who, 'pay.wechat', { orderId: id }))
  return { id, outTradeNo: p.outTradeNo, fee: p.totalFee }
}

function expectPaidOnce(id: string, outTradeNo: string) {
  expect(order(id).status).toBe('paid')
  expect(paidEntries(id)).toHaveLength(1)
  expect(t.find('payments', { _id: outTradeNo })).toEqual([expect.objectContaining({ state: 'captured' })])
  expect(t.find('payments', { orderId: id })).toHaveLength(1)
  expect(t.find('outbox', { 'payload.orderId': id, 'payload.event': 'order.paid' })).toHaveLength(1)
}

test('pay.wechat: payment params from the server amount, the same prepay reused, cashier path on the emulator', async () => {
  const { id, outTradeNo, fee } = await wechatOrder()
  expect(fee).toBe(order(id).totals.payable)
  const again = ok(await t.callAs(A, 'pay.wechat', { orderId: id }))
  expect(again.outTradeNo).toBe(outTradeNo)
  expect(again.payment.package).toMatch(/^prepay_id=/)
  expect(again.cashierPath).toMatch(/^\/__pay\/cashier\?prepayId=/)
  expect(t.emu.pay.order(outTradeNo)?.totalFee).toBe(fee)
  // someone else cannot pay (or even see) this order
  const other = await t.callAs(B, 'pay.wechat', { orderId: id })
  expect(other.ok ? '' : other.code).toBe('ORDER_NOT_FOUND')
})

test('callback x5 in a row -> paid once, one payment record, one outbox effect, every answer errcode 0', async () => {
  const { id, outTradeNo, fee } = await wechatOrder()
  t.emu.pay.setSwitches({ deliverTimes: 5, concurrent: false, drop: false, delayMs: 0 })
  t.emu.pay.pay(outTradeNo)
  await t.emu.pay.flush()
  expect(t.emu.pay.order(outTradeNo)?.deliveries[0]?.status).toBe('delivered')
  expectPaidOnce(id, outTradeNo)
  for (let i = 0; i < 5; i++) expect((await notify(payEvent(outTradeNo, fee))).errcode).toBe(0)
  expectPaidOnce(id, outTradeNo)
  const query = ok(await t.callAs(A, 'pay.query', { orderId: id }))
  expect(query).toEqual({ status: 'paid', paid: true })
})

test('callback x5 at once -> paid once, one payment record, one outbox effect, every answer errcode 0', async () => {
  const { id, outTradeNo, fee } = await wechatOrder()
  t.emu.pay.setSwitches({ deliverTimes: 5, concurrent: true })
  t.emu.pay.pay(outTradeNo)
  await t.emu.pay.flush()
  expectPaidOnce(id, outTradeNo)
  const answers = await Promise.all(Array.from({ length: 5 }, () => notify(payEvent(outTradeNo, fee))))
  expect(answers.map((a) => a.errcode)).toEqual([0, 0, 0, 0, 0])
  expectPaidOnce(id, outTradeNo)
  t.emu.pay.setSwitches({ deliverTimes: 1, concurrent: false })
})

test('forged callbacks change nothing: client source, unpaid trade, unknown order, wrong amount', async () => {
  const { id, outTradeNo, fee } = await wechatOrder()
  const before = order(id)
  // a shopper invoking payNotify directly, claiming the order is paid
  expect((await notify(payEvent(outTradeNo, fee), 'wx_client')).errcode).toBe(403)
  // right source, but WeChat Pay says the trade is not paid: no change, and a retry is asked for
  expect((await notify(payEvent(outTradeNo, fee))).errcode).not.toBe(0)
  // an order nobody created
  expect(await notify(payEvent('o000000000000000000000000', 1))).toEqual(
    expect.objectContaining({ errcode: 0 }),
  )
  expect(t.find('orders', { _id: 'o000000000000000000000000' })).toHaveLength(0)
  expect(order(id)).toEqual(before)

  // the paid amount no longer matches the order: recorded as an anomaly, the order is not marked paid
  await sdkUpdate(t, 'orders', id, { 'totals.payable': fee + 100 })
  t.emu.pay.pay(outTradeNo)
  await t.emu.pay.flush()
  expect(order(id).status).toBe('awaitingPayment')
  expect(t.find<{ anomaly?: string }>('payments', { _id: outTradeNo })[0].anomaly).toMatch(/amount/)
  expect(t.find('outbox', { 'payload.orderId': id, 'payload.event': 'order.paid' })).toHaveLength(0)
})

// 40 at once against one wallet: every payment after the first waits on the wallet's transaction, and on two
// shared cores 100 of them queued past the functions' 20 s timeout (a lost race for time, not for money)
test('40 concurrent balance payments of ¥10 against ¥200 -> exactly 20 succeed, balance 0, ledger sums to it', async () => {
  const ids: string[] = []
  for (let i = 0; i < 40; i += 10)
    ids.push(...(await Promise.all(Array.from({ length: 10 }, () => buyNow(t, RICH, 'ten', 1)))))
  expect(new Set(ids.map((id) => order(id).totals.payable))).toEqual(new Set([1000]))
  const results = await Promise.all(ids.map((orderId) => t.callAs(RICH, 'pay.balance', { orderId })))
  const won = results.filter((r) => r.ok)
  expect(won).toHaveLength(20)
  expect(new Set(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code)))).toEqual(
    new Set(['BALANCE_INSUFFICIENT']),
  )
  const wallet = t.find<{ balance: number }>('wallets', { _id: RICH })[0]
  expect(wallet.balance).toBe(0)
  const ledger = t.find<{ amount: number; _id: string }>('ledger', { walletId: RICH })
  expect(ledger.reduce((s, e) => s + e.amount, 0)).toBe(wallet.balance)
  expect(ledger.filter((e) => e._id.startsWith('pay_'))).toHaveLength(20)
  expect(ids.filter((id) => order(id).status === 'paid')).toHaveLength(20)
  // paying the same order again is refused and changes nothing
  const paidId = ids.find((id) => order(id).status === 'paid')!
  const again = await t.callAs(RICH, 'pay.balance', { orderId: paidId })
  expect(again.ok).toBe(false)
  expect(t.find('ledger', { walletId: RICH })).toHaveLength(ledger.length)
})

test('cancel of a paid, not shipped order refunds it (WeChat: refund callback -> refunded; wallet: at once)', async () => {
  const { id, outTradeNo } = await wechatOrder(B)
  t.emu.pay.pay(outTradeNo)
  await t.emu.pay.flush()
  expect(order(id).status).toBe('paid')
  const stockBefore = sku(t, 'tea').stock
  const res = ok(await t.callAs(B, 'order.cancel', { orderId: id, reason: '不想要了' }))
  expect(res.status).toBe('refunding')
  expect(sku(t, 'tea').stock).toBe(stockBefore + 1)
  await t.emu.pay.flush()
  expect(order(id).status).toBe('refunded')
  expect(t.emu.pay.order(outTradeNo)?.refunds).toHaveLength(1)
  expect(t.find('refunds', { orderId: id })).toEqual([expect.objectContaining({ status: 'success' })])
  // cancelling again changes nothing
  const again = await t.callAs(B, 'order.cancel', { orderId: id })
  expect(again.ok ? '' : again.code).toBe('ORDER_STATE_INVALID')
  expect(t.emu.pay.order(outTradeNo)?.refunds).toHaveLength(1)

  insertWallet(t, B, 10_000)
  const bal = await buyNow(t, B, 'ten', 1)
  ok(await t.callAs(B, 'pay.balance', { orderId: bal }))
  expect(t.find<{ balance: number }>('wallets', { _id: B })[0].balance).toBe(9_000)
  expect(ok(await t.callAs(B, 'order.cancel', { orderId: bal })).status).toBe('refunded')
  expect(t.find<{ balance: number }>('wallets', { _id: B })[0].balance).toBe(10_000)
  expect(t.find('ledger', { ref: bal, kind: 'refund' })).toHaveLength(1)
})

test('cancelling an unpaid order that WeChat says is paid (callback not here yet) settles it instead of releasing', async () => {
  const { id, outTradeNo } = await wechatOrder(B)
  t.emu.pay.setSwitches({ drop: true })
  t.emu.pay.pay(outTradeNo)
  await t.emu.pay.flush()
  t.emu.pay.setSwitches({ drop: false })
  const stock = sku(t, 'tea').stock
  const res = await t.callAs(B, 'order.cancel', { orderId: id })
  expect(res.ok ? '' : res.code).toBe('ORDER_STATE_INVALID')
  expect(order(id).status).toBe('paid')
  expect(sku(t, 'tea').stock).toBe(stock)
})

test('a paid order can no longer be cancelled by the shopper after the window', async () => {
  const { id, outTradeNo } = await wechatOrder(B)
  t.emu.pay.pay(outTradeNo)
  await t.emu.pay.flush()
  t.emu.clock.advance(31 * 60_000)
  const res = await t.callAs(B, 'order.cancel', { orderId: id })
  expect(res.ok ? '' : res.code).toBe('CANCEL_WINDOW_CLOSED')
  expect(order(id).status).toBe('paid')
})
