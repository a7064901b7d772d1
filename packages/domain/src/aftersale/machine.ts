import { formatPrice, type Fen } from '../money/fen'
import { fail, type DomainError } from '../result/errors'
import { ok, type Result } from '../result/result'

export const aftersaleStatuses = [
  'requested',
  'awaitingReturn',
  'returning',
  'refunding',
  'refunded',
  'rejected',
  'closed',
] as const
export type AftersaleStatus = (typeof aftersaleStatuses)[number]
/** A request in one of these is over; in any other it is open. */
export const aftersaleFinalStatuses: readonly AftersaleStatus[] = ['refunded', 'rejected', 'closed']

export type AftersaleType = 'refundOnly' | 'returnAndRefund'

export type AftersaleEvent =
  | 'approve'
  | 'autoApprove'
  | 'reject'
  | 'withdraw'
  | 'shipBack'
  | 'expire'
  | 'confirmReturn'
  | 'autoConfirmReturn'
  | 'refundSucceeded'

export type AftersaleActor = 'shopper' | 'merchant' | 'system'

type Table = Readonly<Record<AftersaleStatus, Readonly<Partial<Record<AftersaleEvent, AftersaleStatus>>>>>
const ended = { refunded: {}, rejected: {}, closed: {} } as const

/**
 * The machine, one table per type. A refund-only request goes straight to the refund once approved (the
 * merchant or, after 48 h unanswered, the clock); a return waits for the parcel and the merchant's receipt.
 */
export const aftersaleTransitions: Readonly<Record<AftersaleType, Table>> = {
  refundOnly: {
    requested: { approve: 'refunding', autoApprove: 'refunding', reject: 'rejected', withdraw: 'closed' },
    awaitingReturn: {},
    returning: {},
    refunding: { refundSucceeded: 'refunded' },
    ...ended,
  },
  returnAndRefund: {
    requested: { approve: 'awaitingReturn', reject: 'rejected', withdraw: 'closed' },
    awaitingReturn: { shipBack: 'returning', withdraw: 'closed', expire: 'closed' },
    returning: { confirmReturn: 'refunding', autoConfirmReturn: 'refunding' },
    refunding: { refundSucceeded: 'refunded' },
    ...ended,
  },
}

export const aftersaleEventActors: Readonly<Record<AftersaleEvent, readonly AftersaleActor[]>> = {
  approve: ['merchant'],
  autoApprove: ['system'],
  reject: ['merchant'],
  withdraw: ['shopper'],
  shipBack: ['shopper'],
  expire: ['system'],
  confirmReturn: ['merchant'],
  autoConfirmReturn: ['system'],
  refundSucceeded: ['system'],
}

export const aftersaleStatusLabels: Readonly<Record<AftersaleStatus, string>> = {
  requested: '待商家处理',
  awaitingReturn: '待寄回商品',
  returning: '退货寄回中',
  refunding: '退款中',
  refunded: '已退款',
  rejected: '商家已拒绝',
  closed: '已关闭',
}
export const aftersaleTypeLabels: Readonly<Record<AftersaleType, string>> = {
  refundOnly: '仅退款',
  returnAndRefund: '退货退款',
}

/** A request that still holds its lines (no other request may take them). */
export const isOpenAftersale = (s: AftersaleStatus): boolean =>
  s !== 'refunded' && s !== 'rejected' && s !== 'closed'

export interface AftersaleLike {
  readonly status: AftersaleStatus
  readonly type: AftersaleType
  readonly amount: Fen
  readonly requestedAt: number
  readonly approvedAt?: number
  readonly shippedBackAt?: number
}

export interface AftersaleTiming {
  /** Refund-only requests the merchant leaves unanswered are approved after this (default 48 h). */
  readonly autoApproveMs: number
  /** Approved returns without a tracking number close after this (default 7 days). */
  readonly shipBackMs: number
  /** Returns are received automatically this long after the tracking number; 0 = never (default). */
  readonly autoReceiveMs: number
}
export const defaultAftersaleTiming: AftersaleTiming = {
  autoApproveMs: 48 * 3_600_000,
  shipBackMs: 7 * 86_400_000,
  autoReceiveMs: 0,
}

export interface AftersaleContext {
  readonly now: number
  readonly actor: AftersaleActor
  readonly config?: Partial<AftersaleTiming>
  readonly reason?: string
  readonly tracking?: { readonly carrier: string; readonly trackingNo: string }
}

export interface AftersaleTimelineEntry {
  readonly at: number
  readonly from: AftersaleStatus
  readonly status: AftersaleStatus
  readonly event: AftersaleEvent
  readonly actor: AftersaleActor
  readonly text: string
}

export interface AftersaleOutcome {
  readonly from: AftersaleStatus
  readonly to: AftersaleStatus
  readonly timelineEntry: AftersaleTimelineEntry
}

const due = (at: number | undefined, ms: number) => (at === undefined ? Infinity : at + ms)

/** When the clock acts on a request next, and what it does then (null: it waits for a person). */
export function aftersaleDue(
  a: AftersaleLike,
  config?: Partial<AftersaleTiming>,
): { at: number; event: AftersaleEvent; label: string } | null {
  const cfg = { ...defaultAftersaleTiming, ...(config || {}) }
  if (a.status === 'requested' && a.type === 'refundOnly')
    return { at: a.requestedAt + cfg.autoApproveMs, event: 'autoApprove', label: '商家逾期未处理将自动同意' }
  if (a.status === 'awaitingReturn' && a.approvedAt !== undefined)
    return { at: a.approvedAt + cfg.shipBackMs, event: 'expire', label: '逾期未填写退货单号将关闭售后' }
  if (a.status === 'returning' && cfg.autoReceiveMs > 0 && a.shippedBackAt !== undefined)
    return {
      at: a.shippedBackAt + cfg.autoReceiveMs,
      event: 'autoConfirmReturn',
      label: '商家逾期未确认收货将自动收货退款',
    }
  return null
}

/** The after-sales machine: table, actor and guards; like the order machine, it changes nothing itself. */
export const transitionAftersale = (
  a: AftersaleLike,
  event: AftersaleEvent,
  ctx: AftersaleContext,
): Result<AftersaleOutcome, DomainError> => {
  const from = a.status
  const to = (aftersaleTransitions[a.type]?.[from] || {})[event]
  if (!to)
    return fail('AFTERSALE_STATE_INVALID', `cannot ${event} a ${a.type} after-sale that is ${from}`, {
      from,
      event,
    })
  if (aftersaleEventActors[event].indexOf(ctx.actor) < 0)
    return fail('AFTERSALE_STATE_INVALID', `${ctx.actor} may not ${event}`, { from, event, actor: ctx.actor })
  const cfg = { ...defaultAftersaleTiming, ...(ctx.config || {}) }
  const notYet = () => fail('AFTERSALE_STATE_INVALID', `${event}: time not reached yet`)
  let text: string
  switch (event) {
    case 'approve':
    case 'autoApprove':
      if (event === 'autoApprove' && ctx.now < a.requestedAt + cfg.autoApproveMs) return notYet()
      text =
        (event === 'approve' ? '商家已同意' : '商家未及时处理，系统已自动同意') +
        (a.type === 'returnAndRefund' ? '，请寄回商品并填写快递单号' : '，退款处理中')
      break
    case 'reject':
      if (!ctx.reason || !ctx.reason.trim()) return fail('INVALID_INPUT', 'a rejection needs a reason')
      text = `商家已拒绝（原因：${ctx.reason.trim()}）`
      break
    case 'withdraw':
      text = '您已撤销售后申请'
      break
    case 'shipBack': {
      const t = ctx.tracking
      if (!t || !t.carrier || !t.carrier.trim() || !t.trackingNo || !t.trackingNo.trim())
        return fail('INVALID_INPUT', 'a return needs a carrier and a tracking number')
      text = `您已寄回商品（${t.carrier.trim()} ${t.trackingNo.trim()}）`
      break
    }
    case 'expire':
      if (ctx.now < due(a.approvedAt, cfg.shipBackMs)) return notYet()
      text = '超时未填写退货单号，售后已关闭'
      break
    case 'confirmReturn':
      text = '商家已收到退货，退款处理中'
      break
    case 'autoConfirmReturn':
      if (cfg.autoReceiveMs <= 0 || ctx.now < due(a.shippedBackAt, cfg.autoReceiveMs)) return notYet()
      text = '商家未及时确认，系统已自动确认收货，退款处理中'
      break
    case 'refundSucceeded':
      text = `退款成功，${formatPrice(a.amount)}已原路退回`
      break
  }
  return ok({ from, to, timelineEntry: { at: ctx.now, from, status: to, event, actor: ctx.actor, text } })
}

/**
 * What a change must cause, as data (the function layer makes each a durable step in the same transaction).
 * `releaseHeld`: a refund-only request on an order not shipped yet gives its units' reserved stock back;
 * `restock`: returned units received fine go back on sale. The refund record is created in the transaction
 * (`refundPayment`); the lines' refunded units and fen are written with `refundSucceeded`.
 */
export type AftersaleEffect =
  | 'refundPayment'
  | 'releaseHeld'
  | 'restock'
  | 'returnPoints'
  | 'clawbackPoints'
  | 'closeOrderIfRefunded'
  | 'notify'

export const aftersaleEffects = (
  a: { readonly type: AftersaleType },
  event: AftersaleEvent,
  to: AftersaleStatus,
  c: { readonly orderShipped: boolean },
): AftersaleEffect[] => {
  if (to === 'refunding')
    return [
      ...(a.type === 'refundOnly' && !c.orderShipped ? (['releaseHeld'] as const) : []),
      ...(event === 'confirmReturn' || event === 'autoConfirmReturn' ? (['restock'] as const) : []),
      'refundPayment',
      'notify',
    ]
  // spent points come back and earned ones go in proportion; an order refunded in full closes
  if (to === 'refunded') return ['returnPoints', 'clawbackPoints', 'closeOrderIfRefunded', 'notify']
  return ['notify']
}
