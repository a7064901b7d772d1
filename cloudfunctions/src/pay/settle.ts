import type { Database } from '../cloud'
import { byId } from '../db'
import { done } from '../order/dbx'
import { log } from '../log'
import { applyTransition, consumeCoupon } from '../order/effects'
import { changed } from '../order/dbx'
import type { OrderDoc } from '../order/model'
import type { OrderSettings } from '../order/settings'
import { enqueue } from '../outbox/outbox'
import { refund } from './cloudpay'

export type SettleOutcome = 'paid' | 'alreadyPaid' | 'lateRefunded' | 'amountMismatch' | 'unknownOrder'

/**
 * Applies a confirmed WeChat payment (confirmed = queryOrder said SUCCESS) to its order. Idempotent under
 * duplicate, concurrent and late callbacks: the payments record is keyed by outTradeNo and only the one
 * caller that wins the order's compare-and-set produces effects (coupon used, outbox entry).
 */
export async function settleWechatPayment(
  db: Database,
  settings: OrderSettings,
  outTradeNo: string,
  confirmed: { totalFee: number; transactionId?: string },
  at: number,
): Promise<SettleOutcome> {
  const _ = db.command
  const order = await byId<OrderDoc>(db.collection('orders'), outTradeNo)
  if (!order) {
    log('pay.unknownOrder', { outTradeNo })
    return 'unknownOrder'
  }
  if (confirmed.totalFee !== order.totals.payable) {
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
  await changed(
    db
      .collection('payments')
      .where({ _id: outTradeNo, state: _.neq('paid') })
      .update({
        data: { state: 'paid', transactionId: confirmed.transactionId ?? '', paidAt: at, updatedAt: at },
      }),
  )
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = attempt === 0 ? order : await byId<OrderDoc>(db.collection('orders'), outTradeNo)
    if (!current) return 'unknownOrder'
    if (current.status !== 'awaitingPayment' && current.status !== 'closed' && current.status !== 'cancelled')
      return 'alreadyPaid'
    const r = await applyTransition(
      db,
      current,
      'pay',
      settings,
      { now: at, actor: 'system', paidAmount: confirmed.totalFee, paymentMethod: 'wechat' },
      {
        payment: _.set({
          ...(current.payment ?? {}),
          method: 'wechat',
          outTradeNo,
          paidAt: at,
          transactionId: confirmed.transactionId ?? '',
        }),
      },
    )
    if (r.ok && r.to === 'paid') {
      await afterPaid(db, current, at)
      return 'paid'
    }
    if (r.ok && r.to === 'refunding') {
      // The money arrived after the order had ended (timeout or cancel): it goes straight back.
      await refundWechat(db, settings, current, at, 'late')
      return 'lateRefunded'
    }
    if (!r.ok && r.code !== 'CONFLICT') {
      log('pay.settle.refused', { outTradeNo, code: r.code })
      return 'alreadyPaid'
    }
  }
  return 'alreadyPaid'
}

/** Effects of awaitingPayment -> paid, run once by the caller that won the transition. */
export async function afterPaid(db: Database, order: OrderDoc, at: number): Promise<void> {
  await consumeCoupon(db, order)
  await enqueue(db, `paid_${order._id}`, 'order.paid', { orderId: order._id, openid: order.openid }, at)
}

export const refundNoFor = (orderId: string): string => `r${orderId}`

/**
 * Refunds a WeChat-paid order in full. `out_refund_no` is derived from the order, so retries (cron, a
 * duplicate late callback) can never refund twice; the refunds collection keeps our own record.
 */
export async function refundWechat(
  db: Database,
  settings: OrderSettings,
  order: OrderDoc,
  at: number,
  reason: 'late' | 'cancel',
): Promise<void> {
  const refundNo = refundNoFor(order._id)
  const amount = order.totals.payable
  try {
    await db.collection('refunds').add({
      data: {
        _id: refundNo,
        outRefundNo: refundNo,
        orderId: order._id,
        openid: order.openid,
        outTradeNo: order._id,
        amount,
        reason,
        status: 'requested',
        createdAt: at,
        updatedAt: at,
      },
    })
  } catch {
    // already recorded: asking cloudPay again with the same out_refund_no is safe
  }
  const res = await refund({
    outTradeNo: order._id,
    outRefundNo: refundNo,
    totalFee: amount,
    refundFee: amount,
    subMchId: settings.subMchId,
  }).catch((e: unknown) => ({ accepted: false, message: String(e) }))
  await db
    .collection('refunds')
    .where({ _id: refundNo, status: db.command.neq('success') })
    .update({
      data: { status: res.accepted ? 'processing' : 'failed', message: res.message ?? '', updatedAt: at },
    })
  await done(
    db
      .collection('orders')
      .doc(order._id)
      .update({
        data: {
          refund: db.command.set({ refundNo, amount, status: res.accepted ? 'processing' : 'failed' }),
        },
      }),
  )
}
