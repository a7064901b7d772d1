import type { Database } from '../cloud'
import { byId } from '../db'
import { AppError, fail } from '../errors'
import { inTransaction, txGet } from '../flow/tx'
import { writeSteps } from '../flow/steps'
import { runSteps } from '../flow/run'
import { log } from '../log'
import { done } from '../order/dbx'
import { changeOrder } from '../order/flow'
import type { OrderDoc } from '../order/model'
import type { OrderSettings } from '../order/settings'
import { createRefund, type PaymentDoc } from './records'

export type SettleOutcome =
  'paid' | 'alreadyPaid' | 'lateRefunded' | 'duplicateRefunded' | 'amountMismatch' | 'unknownOrder'

const settled = (p: PaymentDoc) => p.state === 'captured' || p.state === 'duplicate'

/**
 * Applies a confirmed WeChat payment (confirmed = queryOrder said SUCCESS) to its payment record and order.
 * The order keeps at most one captured payment: the first to land on an order that has none is captured
 * (paid, or refunded at once when the order had already ended); any other successful payment of the order
 * (a second trade, a second channel) is a duplicate: recorded as an anomaly and refunded automatically.
 * Idempotent under duplicate, concurrent and late callbacks: a settled payment record changes nothing.
 */
export async function settleWechatPayment(
  db: Database,
  settings: OrderSettings,
  outTradeNo: string,
  confirmed: { totalFee: number; transactionId?: string },
  at: number,
): Promise<SettleOutcome> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const payment = await byId<PaymentDoc>(db.collection('payments'), outTradeNo)
    const order = payment && (await byId<OrderDoc>(db.collection('orders'), payment.orderId))
    if (!payment || !order) {
      log('pay.unknownOrder', { outTradeNo })
      return 'unknownOrder'
    }
    if (settled(payment)) return payment.state === 'captured' ? 'alreadyPaid' : 'duplicateRefunded'
    if (confirmed.totalFee !== payment.amount || confirmed.totalFee !== order.totals.payable) {
      log('pay.amountMismatch', { outTradeNo, paid: confirmed.totalFee, expected: order.totals.payable })
      await done(
        db
          .collection('payments')
          .doc(outTradeNo)
          .update({
            data: { anomaly: `amount ${confirmed.totalFee} != ${order.totals.payable}`, updatedAt: at },
          }),
      ).catch(() => undefined)
      return 'amountMismatch'
    }
    const capture = {
      state: 'captured',
      transactionId: confirmed.transactionId ?? '',
      paidAt: at,
      updatedAt: at,
    }
    const open =
      ['awaitingPayment', 'cancelled', 'closed'].includes(order.status) && !order.payment?.paymentId
    if (!open) return duplicatePayment(db, settings, payment, order, confirmed, at)
    try {
      const r = await changeOrder(db, settings, order._id, {
        event: 'pay',
        ctx: { now: at, actor: 'system', paidAmount: confirmed.totalFee, paymentMethod: 'wechat' },
        flow: 'pay.settle',
        from: ['awaitingPayment', 'cancelled', 'closed'],
        guard: (o) => {
          if (o.payment?.paymentId) fail('CONFLICT')
        },
        set: (o) => ({
          payment: db.command.set({
            ...(o.payment ?? {}),
            method: 'wechat',
            outTradeNo,
            paymentId: payment._id,
            paidAt: at,
            transactionId: confirmed.transactionId ?? '',
          }),
        }),
        alongside: async (t) => {
          const p = await txGet<PaymentDoc>(t, 'payments', outTradeNo)
          if (!p || settled(p)) fail('CONFLICT')
          await t.collection('payments').doc(outTradeNo).update({ data: capture })
        },
        paymentId: payment._id,
      })
      return r.to === 'paid' ? 'paid' : 'lateRefunded'
    } catch (e) {
      // another payment or transition won meanwhile: look again
      if (!(e instanceof AppError)) throw e
      log('pay.settle.retry', { outTradeNo, code: e.code })
    }
  }
  return 'alreadyPaid'
}

/** A second successful payment of an order: anomaly, and all of it goes back (refund record + step). */
async function duplicatePayment(
  db: Database,
  settings: OrderSettings,
  payment: PaymentDoc,
  order: OrderDoc,
  confirmed: { transactionId?: string },
  at: number,
): Promise<SettleOutcome> {
  const steps = await inTransaction(
    db,
    async (t) => {
      const p = await txGet<PaymentDoc>(t, 'payments', payment._id)
      if (!p || settled(p)) return []
      const dup: PaymentDoc = {
        ...p,
        refunded: p.refunded ?? 0,
        state: 'duplicate',
        transactionId: confirmed.transactionId ?? '',
        paidAt: at,
        anomaly: 'doublePayment',
        updatedAt: at,
      }
      const { _id, ...fields } = dup
      await t.collection('payments').doc(_id).set({ data: fields })
      await t.collection('anomalies').add({
        data: {
          _id: `dup_${payment._id}`,
          kind: 'doublePayment',
          orderId: order._id,
          paymentId: payment._id,
          keptPaymentId: order.payment?.paymentId ?? null,
          orderStatus: order.status,
          amount: payment.amount,
          at,
          text: '订单收到第二笔成功支付，已自动原路退回',
        },
      })
      const step = await createRefund(t, dup, {
        reason: 'duplicate',
        amount: dup.amount,
        settlesOrder: false,
        flow: 'pay.duplicate',
        at,
      })
      await writeSteps(t, [step])
      return [step]
    },
    'pay.duplicate',
  )
  log('pay.duplicate', { outTradeNo: payment._id, orderId: order._id })
  await runSteps(db, settings, steps, at)
  return 'duplicateRefunded'
}
