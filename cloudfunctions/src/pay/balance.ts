import type { Ctx } from '../router'
import { byId } from '../db'
import { fail } from '../errors'
import { txGet } from '../flow/tx'
import { changeOrder } from '../order/flow'
import { ownOrder } from '../order/handlers'
import { loadOrderSettings } from '../order/settings'
import { balancePaymentId, type PaymentDoc } from './records'
import { closeOpenTrade } from './trade'
import { planPayment } from '@mall/domain'
import { postEntry, walletBook } from '../ledger/books'

/**
 * Wallet payment. An open WeChat trade is closed first (or the payment is refused while WeChat will not
 * close it yet), so the shopper cannot pay twice; then ONE transaction: order awaitingPayment -> paid with
 * its steps, the wallet debit with its immutable ledger entry `pay_<orderId>` (refused below zero) and the
 * captured payment record. The debit spends principal first and bonus last (domain planPayment, on the
 * wallet as read in the transaction); the bonus part is kept on the payment record so a refund returns
 * it to the right bucket. Concurrent payments on one wallet serialise on its document.
 */
export async function payWithBalance(
  ctx: Ctx,
  orderId: string,
): Promise<{ status: 'paid'; balance: number }> {
  const { db, openid } = ctx
  const settings = await loadOrderSettings(db)
  const order = await ownOrder(ctx, orderId)
  const at = ctx.now()
  if (order.status !== 'awaitingPayment')
    return fail(order.status === 'paid' ? 'DUPLICATE_REQUEST' : 'ORDER_STATE_INVALID')
  if (order.expireAt <= at) return fail('PAYMENT_CLOSED')
  const amount = order.totals.payable
  const wallet = await byId<{ balance?: number }>(db.collection('wallets'), openid)
  if ((wallet?.balance ?? 0) < amount) return fail('BALANCE_INSUFFICIENT')
  const trade = await closeOpenTrade(db, settings, order, at)
  if (trade === 'paid') return fail('DUPLICATE_REQUEST', '订单已通过微信支付')
  if (trade === 'tooEarly' || trade === 'unknown') return fail('PAYMENT_IN_PROGRESS')
  const paymentId = balancePaymentId(orderId)
  let balance = 0
  await changeOrder(db, settings, orderId, {
    event: 'pay',
    ctx: { now: at, actor: 'system', paidAmount: amount, paymentMethod: 'balance' },
    flow: 'pay.balance',
    guard: (o) => {
      if (o.openid !== openid) fail('ORDER_NOT_FOUND')
      if (o.status === 'paid') fail('DUPLICATE_REQUEST')
      if (o.status !== 'awaitingPayment') fail('ORDER_STATE_INVALID')
      if (o.expireAt <= at) fail('PAYMENT_CLOSED')
      // a WeChat prepay opened since we looked
      if (o.payment?.method === 'wechat' && o.payment.prepayId && !o.payment.closedAt)
        fail('PAYMENT_IN_PROGRESS')
    },
    set: (o) => ({
      payment: db.command.set({
        method: 'balance',
        paymentId,
        paidAt: at,
        ...(o.payment?.trades ? { trades: o.payment.trades } : {}),
      }),
    }),
    alongside: async (t) => {
      if (await txGet<PaymentDoc>(t, 'payments', paymentId)) fail('DUPLICATE_REQUEST')
      const posted = await postEntry(
        t,
        walletBook,
        { _id: `pay_${orderId}`, openid, amount: -amount, kind: 'pay', ref: orderId, at },
        (buckets) => {
          const plan = planPayment(buckets, amount)
          return plan.ok ? plan.value.bonusAmount : fail('BALANCE_INSUFFICIENT')
        },
      )
      balance = posted.balanceAfter
      const record: PaymentDoc = {
        _id: paymentId,
        channel: 'balance',
        outTradeNo: paymentId,
        orderId,
        openid,
        amount,
        state: 'captured',
        refunded: 0,
        bonusAmount: Math.abs(posted.bonusAmount),
        walletRefunded: 0,
        bonusRefunded: 0,
        paidAt: at,
        createdAt: at,
        updatedAt: at,
      }
      await t.collection('payments').add({ data: record })
    },
    paymentId,
  })
  return { status: 'paid', balance }
}
