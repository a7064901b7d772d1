import type { Tx } from '../flow/tx'
import { txGet } from '../flow/tx'
import { stepDoc, type StepDoc } from '../flow/steps'
import { fail } from '../errors'

/**
 * Payments and refunds as records. A payment is one attempt to collect an order's money on one channel
 * (a WeChat trade, keyed by outTradeNo, or a wallet debit `bal_<orderId>`); an order keeps at most one
 * captured payment. A refund is created in the same transaction as the change that causes it, with a
 * deterministic out_refund_no; the payment's `refunded` grows in that transaction, so the sum of its
 * refunds can never exceed it, however many run at once.
 */
export type PaymentState = 'created' | 'closed' | 'captured' | 'duplicate'

export interface PaymentDoc {
  _id: string
  channel: 'wechat' | 'balance'
  outTradeNo: string
  orderId: string
  openid: string
  amount: number
  state: PaymentState
  /** fen refunded or being refunded (reserved when the refund record is created) */
  refunded: number
  /**
   * Balance payments: the fen of `amount` taken from the wallet's bonus bucket (positive; the rest was
   * principal), so refunds return money to the buckets it came from.
   */
  bonusAmount?: number
  /** Balance payments: fen already credited back to the wallet by completed refunds, and the bonus part of it. */
  walletRefunded?: number
  bonusRefunded?: number
  transactionId?: string
  paidAt?: number
  anomaly?: string
  createdAt: number
  updatedAt: number
}

export type RefundStatus = 'requested' | 'processing' | 'success' | 'failed'

/** Statuses only move forward; a failed refund may be submitted again (same out_refund_no). */
export const refundMoves: Record<RefundStatus, RefundStatus[]> = {
  requested: ['processing', 'success', 'failed'],
  processing: ['success', 'failed'],
  failed: ['processing', 'success'],
  success: [],
}

export interface RefundDoc {
  _id: string
  outRefundNo: string
  paymentId: string
  channel: 'wechat' | 'balance'
  outTradeNo: string
  orderId: string
  openid: string
  amount: number
  /** the payment's amount (cloudPay's total_fee) */
  totalFee: number
  reason: 'cancel' | 'late' | 'duplicate' | 'aftersale'
  /** the after-sales request it pays (success moves it refunding -> refunded) */
  aftersaleId?: string
  /** success moves the order refunding -> refunded */
  settlesOrder: boolean
  status: RefundStatus
  submits: number
  refundId?: string
  message?: string
  createdAt: number
  updatedAt: number
}

export const balancePaymentId = (orderId: string) => `bal_${orderId}`
/** One refund per reason and payment; after-sales refunds are numbered by the order's request sequence. */
export const refundNoFor = (paymentId: string, reason: RefundDoc['reason'], seq?: number) =>
  reason === 'aftersale' ? `${paymentId}-as${seq ?? 0}` : `${paymentId}-${reason}`
export const refundStepKey = (refundNo: string, submit = 0) =>
  `refund:${refundNo}${submit ? `#${submit}` : ''}`

/** Creates the refund record (and reserves the amount on its payment) inside the caller's transaction. */
export async function createRefund(
  t: Tx,
  payment: PaymentDoc,
  r: {
    reason: RefundDoc['reason']
    amount: number
    settlesOrder: boolean
    flow: string
    at: number
    aftersale?: { id: string; seq: number }
  },
): Promise<StepDoc> {
  const refundNo = refundNoFor(payment._id, r.reason, r.aftersale?.seq)
  const refunded = payment.refunded ?? 0
  if (r.amount <= 0 || refunded + r.amount > payment.amount) fail('CONFLICT', '退款金额超过支付金额')
  const doc: RefundDoc = {
    _id: refundNo,
    outRefundNo: refundNo,
    paymentId: payment._id,
    channel: payment.channel,
    outTradeNo: payment.outTradeNo,
    orderId: payment.orderId,
    openid: payment.openid,
    amount: r.amount,
    totalFee: payment.amount,
    reason: r.reason,
    settlesOrder: r.settlesOrder,
    ...(r.aftersale ? { aftersaleId: r.aftersale.id } : {}),
    status: 'requested',
    submits: 0,
    createdAt: r.at,
    updatedAt: r.at,
  }
  await t.collection('refunds').add({ data: doc })
  await t
    .collection('payments')
    .doc(payment._id)
    .update({ data: { refunded: refunded + r.amount, updatedAt: r.at } })
  return stepDoc(
    { key: refundStepKey(refundNo), kind: 'refund.submit', payload: { refundNo } },
    r.flow,
    payment.orderId,
    r.at,
  )
}

/** The order's captured payment, read inside the transaction. */
export async function capturedPayment(t: Tx, paymentId: string | undefined): Promise<PaymentDoc | null> {
  if (!paymentId) return null
  const p = await txGet<PaymentDoc>(t, 'payments', paymentId)
  return p && p.state === 'captured' ? p : null
}
