import type {
  BreakdownEntry,
  OrderActions,
  OrderDetail,
  OrderLineView,
  OrderStatus,
  OrderSummary,
  TimelineEntry,
  Totals,
} from './types'
import { aftersaleStatusLabels, formatPrice, orderStatusLabel, type AftersaleStatus } from '@mall/domain'
import {
  allowedTypes,
  lineState,
  orderAftersale,
  refundedInFull,
  type OrderWithAftersale,
} from '../aftersale/model'
import type { OrderSettings } from './settings'
import { maskStoredPhone, showPhone, type StoredPhone } from '../pii/phone'

export interface AddressSnapshot {
  name: string
  /** sealed (pii/phone.ts); a plain string only in orders the migration has not reached yet */
  phone: StoredPhone
  province: string
  city: string
  district: string
  detail: string
  postalCode?: string
}

export interface OrderDoc {
  _id: string
  orderNo: string
  openid: string
  requestId: string
  /**
   * 'submitting' only while order.submit is taking stock; 'failed' when that submit could not finish (its
   * holdings are released by steps and `failure` is what a retry of the same requestId answers). Neither
   * is ever shown to the shopper.
   */
  status: OrderStatus | 'submitting' | 'failed'
  failure?: { code: string; message?: string }
  version: number
  lines: OrderLineView[]
  totals: Totals
  breakdown: BreakdownEntry[]
  couponId: string | null
  pointsUsed: number
  address: AddressSnapshot
  remark: string
  createdAt: number
  updatedAt: number
  expireAt: number
  timeline: TimelineEntry[]
  payment: {
    method: 'wechat' | 'balance'
    outTradeNo?: string
    prepayId?: string
    prepayAt?: number
    params?: Record<string, string>
    paidAt?: number
    transactionId?: string
    /** the captured payment record (payments/<id>) */
    paymentId?: string
    /** WeChat trades opened for this order; a closed trade is never reused */
    trades?: number
    /** the current trade was closed (so another way of paying may go ahead) */
    closedAt?: number
  } | null
  /** written by the domain's ship patch */
  shipment?: { carrier: string; trackingNo: string }
  /** the WeChat shipping-information upload (WeChat Pay orders only) */
  shippingUpload?: { at: number; ok: boolean; message?: string }
  refund: { refundNo: string; amount: number; status: string } | null
  paidAt?: number
  shippedAt?: number
  receivedAt?: number
  completedAt?: number
  closedAt?: number
  cancelledAt?: number
}

/** Internal statuses of order.submit: the order does not exist for anyone else yet (or any more). */
export const isHidden = (o: Pick<OrderDoc, 'status'>): boolean =>
  o.status === 'submitting' || o.status === 'failed'

/** The status its shopper sees: an order still being submitted (or failed to) reads as awaiting payment. */
const shopperStatus = (o: Pick<OrderDoc, 'status'>): OrderStatus =>
  o.status === 'submitting' || o.status === 'failed' ? 'awaitingPayment' : o.status

export function toSummary(o: OrderDoc): OrderSummary {
  const status = shopperStatus(o)
  return {
    id: o._id,
    orderNo: o.orderNo,
    status,
    statusLabel: orderStatusLabel(status),
    createdAt: o.createdAt,
    lines: o.lines,
    totals: o.totals,
    itemCount: o.lines.reduce((n, l) => n + l.quantity, 0),
    expireAt: status === 'awaitingPayment' ? o.expireAt : null,
    aftersaleLabel: aftersaleLabel(o),
  }
}

/** The buttons an order offers its shopper, the same on its card and on its page. */
export function orderActionsOf(o: OrderWithAftersale, now: number, settings: OrderSettings): OrderActions {
  const status = shopperStatus(o)
  return {
    pay: status === 'awaitingPayment' && o.expireAt > now,
    cancel:
      status === 'awaitingPayment' ||
      (status === 'paid' &&
        now - (o.paidAt ?? 0) <= settings.cancelWindowMinutes * 60_000 &&
        !o.aftersale?.seq),
    confirmReceipt: status === 'shipped',
    buyAgain: status !== 'awaitingPayment',
  }
}

function aftersaleLabel(o: OrderWithAftersale): string | null {
  const st = o.aftersale
  if (!st) return null
  if (st.open > 0) return '售后中'
  if (st.refundedAmount <= 0) return null
  return refundedInFull(o) ? '已全额退款' : '部分退款'
}

/**
 * The order's settling refund as the shopper reads it: amount, state and time in Chinese; the refund number
 * is an internal key (payment id + reason) and stays on the server. A failed submit is retried, so it still
 * reads as in progress.
 */
export function refundView(o: Pick<OrderDoc, 'refund' | 'timeline'>): OrderDetail['refund'] {
  if (!o.refund) return null
  const done = o.refund.status === 'success'
  return {
    amount: o.refund.amount,
    status: o.refund.status,
    label: `${done ? '退款成功' : '退款处理中'} ${formatPrice(o.refund.amount)}`,
    at: done ? (o.timeline.find((e) => e.status === 'refunded')?.at ?? null) : null,
  }
}

/** The order's requests as the order page lists them. */
export interface OrderAftersaleRow {
  _id: string
  aftersaleNo: string
  type: 'refundOnly' | 'returnAndRefund'
  status: AftersaleStatus
  amount: number
  timeline: Array<{ at: number; status: AftersaleStatus; text: string }>
}

/**
 * The order as its shopper sees it (the phone opened: it is their own), or with `phone: 'mask'` for anyone
 * else (the merchant's answer to a ship; the full receiver is admin.orders.receiver's alone).
 */
export function toDetail(
  o: OrderWithAftersale,
  now: number,
  settings: OrderSettings,
  aftersales: OrderAftersaleRow[] = [],
  phone: 'open' | 'mask' = 'open',
): OrderDetail {
  const s = toSummary(o)
  const lineRefunds = o.lines.map((l) => ({ skuId: l.skuId, ...lineState(o, l.skuId) }))
  const types = allowedTypes(o, settings, now)
  return {
    ...s,
    breakdown: o.breakdown,
    address: {
      ...o.address,
      phone: phone === 'open' ? showPhone(o.address.phone) : maskStoredPhone(o.address.phone),
    },
    remark: o.remark,
    couponId: o.couponId,
    pointsUsed: o.pointsUsed,
    payment:
      o.payment && o.payment.paidAt
        ? { method: o.payment.method, paidAt: o.payment.paidAt, transactionId: o.payment.transactionId }
        : o.payment
          ? { method: o.payment.method, paidAt: null }
          : null,
    shipping: o.shipment
      ? { carrier: o.shipment.carrier, trackingNo: o.shipment.trackingNo, shippedAt: o.shippedAt ?? 0 }
      : null,
    refund: refundView(o),
    timeline: o.timeline,
    lineRefunds: lineRefunds.map((l) => ({
      skuId: l.skuId,
      refundedQuantity: l.refundedQuantity,
      refundedAmount: l.refundedAmount,
      openAftersaleId: l.open,
    })),
    refundedAmount: orderAftersale(o).refundedAmount,
    aftersales: aftersales.map((a) => ({
      id: a._id,
      aftersaleNo: a.aftersaleNo,
      type: a.type,
      status: a.status,
      statusLabel: aftersaleStatusLabels[a.status],
      amount: a.amount,
      timeline: a.timeline.map((e) => ({ at: e.at, status: e.status, text: e.text })),
    })),
    can: {
      ...orderActionsOf(o, now, settings),
      aftersale:
        types !== null &&
        o.lines.some((l, i) => !lineRefunds[i]!.open && lineRefunds[i]!.refundedQuantity < l.quantity),
      review:
        (s.status === 'received' || s.status === 'completed') && o.lines.some((l) => !o.reviews?.[l.skuId]),
    },
  }
}
