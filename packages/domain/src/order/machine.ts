import { formatPrice, type Fen } from '../money/fen'
import { fail, type DomainError } from '../result/errors'
import { ok, type Result } from '../result/result'

/**
 * One status per meaning. `cancelled`: ended before payment by the shopper or the merchant (who is in
 * `cancelledBy`); `closed`: ended by the payment timeout; `refunding`/`refunded`: money came in and goes
 * back (paid-then-cancelled, or a payment that arrived after the order had ended).
 */
export const orderStatuses = [
  'awaitingPayment',
  'paid',
  'shipped',
  'received',
  'completed',
  'cancelled',
  'closed',
  'refunding',
  'refunded',
] as const
export type OrderStatus = (typeof orderStatuses)[number]

export type OrderEvent =
  | 'pay'
  | 'revive'
  | 'cancel'
  | 'merchantCancel'
  | 'timeout'
  | 'ship'
  | 'confirmReceipt'
  | 'autoConfirm'
  | 'complete'
  | 'refundSucceeded'
  | 'refundedInFull'

export type OrderActor = 'shopper' | 'merchant' | 'system'

/** The whole machine. A pair missing here is refused with ORDER_STATE_INVALID. */
export const orderTransitions: Readonly<
  Record<OrderStatus, Readonly<Partial<Record<OrderEvent, OrderStatus>>>>
> = {
  awaitingPayment: { pay: 'paid', cancel: 'cancelled', merchantCancel: 'cancelled', timeout: 'closed' },
  // refundedInFull: after-sales gave every unit's money back, so the order ends
  paid: { ship: 'shipped', cancel: 'refunding', merchantCancel: 'refunding', refundedInFull: 'refunded' },
  shipped: { confirmReceipt: 'received', autoConfirm: 'received', refundedInFull: 'refunded' },
  received: { complete: 'completed', refundedInFull: 'refunded' },
  completed: { refundedInFull: 'refunded' },
  // A payment that lands after the order ended is refunded; a timed-out order may instead be revived
  // when the caller could re-reserve its stock.
  cancelled: { pay: 'refunding' },
  closed: { pay: 'refunding', revive: 'paid' },
  refunding: { refundSucceeded: 'refunded' },
  refunded: {},
}

/** Who may fire each event: the shopper never ships, the merchant never pays. */
export const orderEventActors: Readonly<Record<OrderEvent, readonly OrderActor[]>> = {
  pay: ['system'],
  revive: ['system'],
  cancel: ['shopper'],
  merchantCancel: ['merchant'],
  timeout: ['system'],
  ship: ['merchant'],
  confirmReceipt: ['shopper'],
  autoConfirm: ['system'],
  complete: ['system'],
  refundSucceeded: ['system'],
  refundedInFull: ['system'],
}

export const orderStatusLabels: Readonly<Record<OrderStatus, string>> = {
  awaitingPayment: '待付款',
  paid: '待发货',
  shipped: '待收货',
  received: '已收货',
  completed: '已完成',
  cancelled: '已取消',
  closed: '已关闭',
  refunding: '退款中',
  refunded: '已退款',
}

export const orderStatusLabel = (status: OrderStatus): string => orderStatusLabels[status] ?? '未知状态'

export interface OrderTimingConfig {
  /** Unpaid orders close after this (default 15 min). */
  readonly payTimeoutMs: number
  /** Paid, not shipped orders may be cancelled by the shopper within this after payment (default 30 min). */
  readonly cancelWindowMs: number
  /** Shipped orders are received automatically after this (default 10 days). */
  readonly autoConfirmMs: number
  /** Received orders complete after this (default 7 days, the after-sales window). */
  readonly completeAfterMs: number
}

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
export const defaultOrderTiming: OrderTimingConfig = {
  payTimeoutMs: 15 * MINUTE,
  cancelWindowMs: 30 * MINUTE,
  autoConfirmMs: 10 * DAY,
  completeAfterMs: 7 * DAY,
}

/** The fields the machine reads; an order document carries more. */
export interface OrderLike {
  readonly status: OrderStatus
  readonly payable: Fen
  readonly createdAt: number
  readonly paidAt?: number
  readonly shippedAt?: number
  readonly receivedAt?: number
}

export interface Shipment {
  readonly carrier: string
  readonly trackingNo: string
}

export interface TransitionContext {
  readonly now: number
  readonly actor: OrderActor
  readonly config?: Partial<OrderTimingConfig>
  /** pay / revive: the amount the payment channel confirmed, checked against the order's payable. */
  readonly paidAmount?: Fen
  readonly paymentMethod?: 'wechat' | 'balance'
  /** ship: carrier and tracking number. */
  readonly shipment?: Shipment
  /** cancel / merchantCancel: a reason the shopper or merchant gave. */
  readonly reason?: string
}

export interface TimelineEntry {
  readonly at: number
  readonly from: OrderStatus
  readonly status: OrderStatus
  readonly event: OrderEvent
  readonly actor: OrderActor
  readonly text: string
}

/** Fields the caller writes together with the new status (in the same compare-and-set update). */
export interface OrderPatch {
  paidAt?: number
  paymentMethod?: 'wechat' | 'balance'
  shippedAt?: number
  shipment?: Shipment
  receivedAt?: number
  completedAt?: number
  cancelledAt?: number
  cancelledBy?: 'shopper' | 'merchant'
  cancelReason?: string
  closedAt?: number
  refundedAt?: number
}

export interface TransitionOutcome {
  readonly from: OrderStatus
  readonly to: OrderStatus
  readonly timelineEntry: TimelineEntry
  readonly patch: OrderPatch
}

const payText = (ctx: TransitionContext, amount: Fen): string =>
  `${ctx.paymentMethod === 'balance' ? '已使用余额支付' : '已通过微信支付付款'}${formatPrice(amount)}`

const withReason = (text: string, reason: string | undefined): string =>
  reason ? `${text}（原因：${reason}）` : text

/**
 * The only way an order changes status. Checks the table, the actor and the guards, and returns the
 * target status, the timeline entry and the fields to write; it changes nothing itself. The caller
 * persists with a compare-and-set on `from`.
 */
export const transition = (
  order: OrderLike,
  event: OrderEvent,
  ctx: TransitionContext,
): Result<TransitionOutcome, DomainError> => {
  const from = order.status
  const row = orderTransitions[from]
  if (!row) return fail('INVALID_INPUT', `unknown order status ${String(from)}`)
  const to = row[event]
  if (!to) return fail('ORDER_STATE_INVALID', `cannot ${event} an order that is ${from}`, { from, event })
  const actors = orderEventActors[event]
  if (actors.indexOf(ctx.actor) < 0)
    return fail('ORDER_STATE_INVALID', `${ctx.actor} may not ${event}`, { from, event, actor: ctx.actor })
  const cfg: OrderTimingConfig = { ...defaultOrderTiming, ...(ctx.config || {}) }
  const now = ctx.now
  if (typeof now !== 'number' || !Number.isFinite(now)) return fail('INVALID_INPUT', 'now must be epoch ms')

  let text: string
  const patch: OrderPatch = {}
  switch (event) {
    case 'pay':
    case 'revive': {
      if (ctx.paidAmount === undefined || ctx.paidAmount !== order.payable)
        return fail('AMOUNT_MISMATCH', `paid ${String(ctx.paidAmount)}, order payable ${order.payable}`, {
          paid: ctx.paidAmount,
          payable: order.payable,
        })
      patch.paidAt = now
      if (ctx.paymentMethod) patch.paymentMethod = ctx.paymentMethod
      if (to === 'refunding')
        text = `${payText(ctx, order.payable)}，订单已${from === 'closed' ? '关闭' : '取消'}，款项将原路退回`
      else if (event === 'revive') text = `${payText(ctx, order.payable)}，订单已恢复`
      else text = payText(ctx, order.payable)
      break
    }
    case 'cancel':
    case 'merchantCancel': {
      if (from === 'paid' && event === 'cancel') {
        if (order.paidAt === undefined) return fail('INVALID_INPUT', 'paid order without paidAt')
        if (now - order.paidAt > cfg.cancelWindowMs)
          return fail(
            'CANCEL_WINDOW_CLOSED',
            `paid ${now - order.paidAt} ms ago, window ${cfg.cancelWindowMs} ms`,
          )
      }
      const who = event === 'cancel' ? '您' : '商家'
      patch.cancelledAt = now
      patch.cancelledBy = event === 'cancel' ? 'shopper' : 'merchant'
      if (ctx.reason) patch.cancelReason = ctx.reason
      text = withReason(from === 'paid' ? `${who}已取消订单，退款处理中` : `${who}已取消订单`, ctx.reason)
      break
    }
    case 'timeout':
      if (now < order.createdAt + cfg.payTimeoutMs)
        return fail('ORDER_STATE_INVALID', 'payment timeout not reached yet', {
          dueAt: order.createdAt + cfg.payTimeoutMs,
        })
      patch.closedAt = now
      text = '订单超时未支付，已自动关闭'
      break
    case 'ship': {
      const s = ctx.shipment
      if (
        !s ||
        typeof s.carrier !== 'string' ||
        !s.carrier.trim() ||
        typeof s.trackingNo !== 'string' ||
        !s.trackingNo.trim()
      )
        return fail('INVALID_INPUT', 'shipping needs a carrier and a tracking number')
      patch.shippedAt = now
      patch.shipment = { carrier: s.carrier.trim(), trackingNo: s.trackingNo.trim() }
      text = `商家已发货（${patch.shipment.carrier} ${patch.shipment.trackingNo}）`
      break
    }
    case 'confirmReceipt':
    case 'autoConfirm':
      if (event === 'autoConfirm') {
        if (order.shippedAt === undefined) return fail('INVALID_INPUT', 'shipped order without shippedAt')
        if (now < order.shippedAt + cfg.autoConfirmMs)
          return fail('ORDER_STATE_INVALID', 'auto-confirm time not reached yet', {
            dueAt: order.shippedAt + cfg.autoConfirmMs,
          })
      }
      patch.receivedAt = now
      text = event === 'confirmReceipt' ? '您已确认收货' : '已超过收货期限，系统自动确认收货'
      break
    case 'complete':
      if (order.receivedAt === undefined) return fail('INVALID_INPUT', 'received order without receivedAt')
      if (now < order.receivedAt + cfg.completeAfterMs)
        return fail('ORDER_STATE_INVALID', 'completion time not reached yet', {
          dueAt: order.receivedAt + cfg.completeAfterMs,
        })
      patch.completedAt = now
      text = '订单已完成'
      break
    case 'refundSucceeded':
      patch.refundedAt = now
      text = `退款成功，${formatPrice(order.payable)}已原路退回`
      break
    case 'refundedInFull':
      patch.refundedAt = now
      text = '订单商品已全部退款，订单已关闭'
      break
  }
  return ok({ from, to, patch, timelineEntry: { at: now, from, status: to, event, actor: ctx.actor, text } })
}

/** Events an actor may try from a status (for buttons); guards may still refuse. */
export const availableOrderEvents = (status: OrderStatus, actor: OrderActor): OrderEvent[] =>
  (Object.keys(orderTransitions[status] || {}) as OrderEvent[]).filter(
    (e) => orderEventActors[e].indexOf(actor) >= 0,
  )
