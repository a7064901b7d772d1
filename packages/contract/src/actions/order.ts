import * as v from 'valibot'
import { Cursor, Fen, Id, PageSize, Quantity, RequestId, ShortText } from '../common'
import { action } from '../define'
import type { Address } from './address'
import type { AftersaleTimelineEntry } from './aftersale'

export type OrderStatus =
  | 'awaitingPayment'
  | 'paid'
  | 'shipped'
  | 'received'
  | 'completed'
  | 'cancelled'
  | 'closed'
  | 'refunding'
  | 'refunded'

/** Where the lines of a checkout come from. */
export const CheckoutSource = v.variant('kind', [
  v.strictObject({ kind: v.literal('cart') }),
  v.strictObject({ kind: v.literal('buyNow'), skuId: Id, quantity: Quantity }),
  v.strictObject({ kind: v.literal('buyAgain'), orderId: Id }),
])

/** 'auto' = the best applicable coupon, 'none', or a coupon id the shopper chose. */
export const CouponChoice = v.union([v.literal('auto'), v.literal('none'), Id])

const Points = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000_000))

const checkoutFields = {
  source: CheckoutSource,
  addressId: v.optional(Id),
  coupon: v.optional(CouponChoice),
  points: v.optional(Points),
  remark: v.optional(ShortText(200)),
}

export interface OrderLineView {
  skuId: string
  spuId: string
  title: string
  image: string
  specs: Record<string, string>
  quantity: number
  /** fen */
  unitPrice: number
  subtotal: number
  discount: number
  payable: number
}

export interface BreakdownEntry {
  source: string
  label: string
  /** fen, signed: discounts are negative, shipping positive; the entries sum to the payable */
  amount: number
}

export interface Totals {
  goods: number
  discount: number
  shipping: number
  payable: number
}

export interface CouponOption {
  id: string
  title: string
  applicable: boolean
  saving: number
  reason?: string
}

export interface CheckoutPreview {
  lines: OrderLineView[]
  totals: Totals
  breakdown: BreakdownEntry[]
  coupons: CouponOption[]
  couponId: string | null
  pointsUsed: number
  /** fen the points used take off */
  pointsDeduction: number
  pointsAvailable: number
  /** the most points this order can take (the share cap and the balance), and what they would take off */
  pointsMax: number
  pointsMaxDeduction: number
  address: Address | null
  /** problems the shopper must fix before submitting (e.g. a line out of stock) */
  problems: Array<{ skuId: string; code: string; message: string }>
}

export interface TimelineEntry {
  at: number
  status: OrderStatus
  text: string
}

export interface OrderSummary {
  id: string
  orderNo: string
  status: OrderStatus
  statusLabel: string
  createdAt: number
  lines: OrderLineView[]
  totals: Totals
  itemCount: number
  expireAt: number | null
  /** after-sales on the order: '售后中', '部分退款', '已全额退款' (null when none) */
  aftersaleLabel: string | null
}

/** What after-sales did to one line: units and fen refunded, and the open request if any. */
export interface OrderLineRefund {
  skuId: string
  refundedQuantity: number
  refundedAmount: number
  openAftersaleId: string | null
}

export interface OrderDetail extends OrderSummary {
  breakdown: BreakdownEntry[]
  address: Omit<Address, 'id' | 'isDefault'>
  remark: string
  couponId: string | null
  pointsUsed: number
  payment: { method: 'wechat' | 'balance'; paidAt: number | null; transactionId?: string } | null
  shipping: { carrier: string; trackingNo: string; shippedAt: number } | null
  /**
   * The refund that settled a cancelled or late-paid order, in the shopper's words: `label` is e.g.
   * '退款成功 ¥18.05', `at` when it succeeded (null while in progress). Never the internal refund number.
   */
  refund: { amount: number; status: string; label: string; at: number | null } | null
  timeline: TimelineEntry[]
  lineRefunds: OrderLineRefund[]
  /** fen refunded by after-sales so far */
  refundedAmount: number
  aftersales: Array<{
    id: string
    aftersaleNo: string
    type: 'refundOnly' | 'returnAndRefund'
    status: string
    statusLabel: string
    amount: number
    /** the request's progress, newest last (the order page shows it under the request) */
    timeline: AftersaleTimelineEntry[]
  }>
  /** what the shopper can do now */
  can: OrderActions & {
    /** a line can still get an after-sales request */
    aftersale: boolean
    /** a line is waiting for the shopper's review */
    review: boolean
  }
}

/** What the shopper can do with an order, from its card in the list and on its page. */
export interface OrderActions {
  pay: boolean
  cancel: boolean
  confirmReceipt: boolean
  buyAgain: boolean
}

/** An order card of the shopper's list: the summary and the buttons it offers. */
export interface OrderListItem extends OrderSummary {
  can: OrderActions
}

/** The badges of 我的 and the order tabs: orders waiting on each step, after-sales requests still open. */
export interface OrderCounts {
  awaitingPayment: number
  paid: number
  shipped: number
  aftersale: number
}

export interface OrderStatusPoll {
  status: OrderStatus
  /** bumps on every change: an open page refetches the detail when it moves */
  version: number
  updatedAt: number
}

export const ORDER_TABS = [
  'all',
  'awaitingPayment',
  'paid',
  'shipped',
  'received',
  'closedOrCancelled',
] as const

const OrderRef = v.strictObject({ orderId: Id })

export const orderActions = {
  'order.preview': action<CheckoutPreview>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject(checkoutFields),
  }),
  /**
   * Idempotent by requestId per shopper. `expectedPayable` is the amount the shopper saw: the server
   * recomputes everything and refuses with AMOUNT_MISMATCH when it differs (never trusts it as a price).
   */
  'order.submit': action<OrderDetail>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ ...checkoutFields, requestId: RequestId, expectedPayable: v.optional(Fen) }),
  }),
  'order.list': action<{ items: OrderListItem[]; cursor: string | null }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({
      tab: v.optional(v.picklist(ORDER_TABS)),
      cursor: v.optional(Cursor),
      pageSize: v.optional(PageSize),
    }),
  }),
  'order.counts': action<OrderCounts>()({ fn: 'shop', audience: 'shopper', input: v.strictObject({}) }),
  'order.detail': action<OrderDetail>()({ fn: 'shop', audience: 'shopper', input: OrderRef }),
  /** Cheap poll for an open order page (~1.5 s). */
  'order.status': action<OrderStatusPoll>()({ fn: 'shop', audience: 'shopper', input: OrderRef }),
  'order.cancel': action<OrderDetail>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ orderId: Id, reason: v.optional(ShortText(100)) }),
  }),
  'order.confirmReceipt': action<OrderDetail>()({ fn: 'shop', audience: 'shopper', input: OrderRef }),
  /** Puts the lines of a past order back into the cart (selected); skips what can no longer be bought. */
  'order.buyAgain': action<{ added: string[]; skipped: Array<{ skuId: string; code: string }> }>()({
    fn: 'shop',
    audience: 'shopper',
    input: OrderRef,
  }),
}

export type CheckoutInput = v.InferOutput<(typeof orderActions)['order.preview']['input']>
