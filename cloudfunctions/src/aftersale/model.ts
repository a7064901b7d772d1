import {
  aftersaleDue,
  aftersaleStatusLabels,
  aftersaleTypeLabels,
  type AftersaleStatus,
  type AftersaleTimelineEntry,
  type AftersaleType,
} from '@mall/domain'
import type { AftersaleSummary, AftersaleView, PhotoView, ReturnAddress } from '@mall/contract'
import type { PhotoRef } from '../security/media'
import type { OrderDoc } from '../order/model'
import { fail } from '../errors'
import { showPhone, type StoredPhone } from '../pii/phone'
import { aftersaleTimingOf, type OrderSettings } from '../order/settings'

export interface AftersaleLineDoc {
  skuId: string
  spuId: string
  title: string
  image: string
  specs: Record<string, string>
  quantity: number
  /** fen of the refund allocated to this line */
  amount: number
  received?: { fine: number; damaged: number }
}

export interface AftersaleDoc {
  _id: string
  aftersaleNo: string
  /** the order's request sequence: numbers the refund (`<paymentId>-as<seq>`) */
  seq: number
  orderId: string
  orderNo: string
  openid: string
  requestId: string
  type: AftersaleType
  status: AftersaleStatus
  reason: string
  description: string
  photos: PhotoRef[]
  lines: AftersaleLineDoc[]
  amount: number
  maxAmount: number
  /** fen of the refund that is shipping */
  shipping: number
  refundNo?: string
  refundStatus?: string
  channel?: 'wechat' | 'balance'
  /** a copy of where the parcel goes; its phone sealed (pii/phone.ts) like every phone at rest */
  returnAddress?: Omit<ReturnAddress, 'phone'> & { phone: StoredPhone }
  returnShipment?: { carrier: string; trackingNo: string; at: number }
  rejectReason?: string
  rating?: { score: number; comment: string; at: number }
  requestedAt: number
  approvedAt?: number
  shippedBackAt?: number
  receivedAt?: number
  refundedAt?: number
  closedAt?: number
  /** when the cron acts on it next (null: it waits for a person) */
  dueAt: number | null
  /** the machine's entries, after the shopper's own first one (`request`) */
  timeline: Array<
    Omit<AftersaleTimelineEntry, 'event'> & { event: AftersaleTimelineEntry['event'] | 'request' }
  >
  version: number
  createdAt: number
  updatedAt: number
}

/** Per line of an order: what after-sales did to it (`afterLines.<skuId>` on the order). */
export interface AfterLineState {
  refundedQuantity: number
  refundedAmount: number
  /** the open request holding the line */
  open: string | null
}

/** `aftersale` on the order. */
export interface OrderAftersaleState {
  seq: number
  open: number
  refundedAmount: number
  shippingRefunded: boolean
  pointsReturned: number
  pointsClawedBack: number
}

export type OrderWithAftersale = OrderDoc & {
  afterLines?: Record<string, AfterLineState>
  aftersale?: OrderAftersaleState
  reviews?: Record<string, string>
}

/**
 * Order events after-sales forbids: a whole-order cancel once any request exists (the requests own the
 * refunds then), and completion while one is open.
 */
export function aftersaleGuard(o: OrderWithAftersale, event: string): void {
  const st = o.aftersale
  if (!st) return
  if ((event === 'cancel' || event === 'merchantCancel') && st.seq > 0)
    fail('ORDER_STATE_INVALID', '订单已有售后申请，请通过售后处理')
  if (event === 'complete' && st.open > 0) fail('ORDER_STATE_INVALID', '订单有进行中的售后')
}

const DAY = 86_400_000

/** Which types an order allows now; null = none (not paid, ended, or past the after-sales window). */
export function allowedTypes(o: OrderWithAftersale, s: OrderSettings, now: number): AftersaleType[] | null {
  switch (o.status) {
    case 'paid':
      return ['refundOnly']
    case 'shipped':
      return ['refundOnly', 'returnAndRefund']
    case 'received':
    case 'completed':
      return now <= (o.receivedAt ?? 0) + s.aftersale.windowDays * DAY ? ['returnAndRefund'] : null
    default:
      return null
  }
}

export const windowEndsAt = (o: OrderWithAftersale, s: OrderSettings): number | null =>
  o.receivedAt !== undefined ? o.receivedAt + s.aftersale.windowDays * DAY : null

export const lineState = (o: OrderWithAftersale, skuId: string): AfterLineState =>
  o.afterLines?.[skuId] ?? { refundedQuantity: 0, refundedAmount: 0, open: null }

/** Every unit of every line refunded: the order itself ends (its own transition, a step). */
export const refundedInFull = (o: OrderWithAftersale): boolean =>
  o.lines.every((l) => lineState(o, l.skuId).refundedQuantity >= l.quantity)

export const orderAftersale = (o: OrderWithAftersale): OrderAftersaleState =>
  o.aftersale ?? {
    seq: 0,
    open: 0,
    refundedAmount: 0,
    shippingRefunded: false,
    pointsReturned: 0,
    pointsClawedBack: 0,
  }

/** When the clock acts next, from the settings. */
export const dueOf = (
  a: Pick<AftersaleDoc, 'status' | 'type' | 'amount' | 'requestedAt' | 'approvedAt' | 'shippedBackAt'>,
  s: OrderSettings,
) => aftersaleDue(a, aftersaleTimingOf(s))

export function toAftersaleSummary(a: AftersaleDoc): AftersaleSummary {
  return {
    id: a._id,
    aftersaleNo: a.aftersaleNo,
    orderId: a.orderId,
    type: a.type,
    typeLabel: aftersaleTypeLabels[a.type],
    status: a.status,
    statusLabel: aftersaleStatusLabels[a.status],
    amount: a.amount,
    lines: a.lines.map((l) => ({
      skuId: l.skuId,
      spuId: l.spuId,
      title: l.title,
      image: l.image,
      specs: l.specs,
      quantity: l.quantity,
      received: l.received ?? null,
    })),
    createdAt: a.createdAt,
  }
}

export function toAftersaleView(a: AftersaleDoc, photos: PhotoView[], s: OrderSettings): AftersaleView {
  const due = dueOf(a, s)
  return {
    ...toAftersaleSummary(a),
    orderNo: a.orderNo,
    reason: a.reason,
    description: a.description,
    photos,
    maxAmount: a.maxAmount,
    includesShipping: a.shipping > 0,
    refund: a.refundNo
      ? { refundNo: a.refundNo, status: a.refundStatus ?? 'requested', channel: a.channel ?? 'wechat' }
      : null,
    // opened: the shopper copies it onto the courier's form, the merchant sees their own warehouse's
    returnAddress: a.returnAddress ? { ...a.returnAddress, phone: showPhone(a.returnAddress.phone) } : null,
    returnShipment: a.returnShipment ?? null,
    rejectReason: a.rejectReason ?? null,
    timeline: a.timeline.map((t) => ({ at: t.at, status: t.status, text: t.text })),
    rating: a.rating ?? null,
    dueAt: due ? due.at : null,
    dueLabel: due ? due.label : null,
    updatedAt: a.updatedAt,
    can: {
      cancel: a.status === 'requested' || a.status === 'awaitingReturn',
      shipBack: a.status === 'awaitingReturn',
      rate: !a.rating && (a.status === 'refunded' || a.status === 'rejected'),
    },
  }
}
