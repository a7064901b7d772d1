import { formatPrice, isFen, type Fen } from '../money/fen'
import { fail, type DomainError } from '../result/errors'
import { ok, type Result } from '../result/result'

export const aftersaleStatuses = [
  'requested',
  'approved',
  'rejected',
  'returning',
  'received',
  'refunded',
  'closed',
] as const
export type AftersaleStatus = (typeof aftersaleStatuses)[number]

export type AftersaleType = 'refundOnly' | 'returnAndRefund'

export type AftersaleEvent =
  'approve' | 'autoApprove' | 'reject' | 'shipBack' | 'confirmReturn' | 'refund' | 'withdraw' | 'expire'

export type AftersaleActor = 'shopper' | 'merchant' | 'system'

export const aftersaleTransitions: Readonly<
  Record<AftersaleStatus, Readonly<Partial<Record<AftersaleEvent, AftersaleStatus>>>>
> = {
  requested: { approve: 'approved', autoApprove: 'approved', reject: 'rejected', withdraw: 'closed' },
  approved: { shipBack: 'returning', refund: 'refunded', withdraw: 'closed', expire: 'closed' },
  returning: { confirmReturn: 'received' },
  received: { refund: 'refunded' },
  rejected: {},
  refunded: {},
  closed: {},
}

export const aftersaleEventActors: Readonly<Record<AftersaleEvent, readonly AftersaleActor[]>> = {
  approve: ['merchant'],
  autoApprove: ['system'],
  reject: ['merchant'],
  shipBack: ['shopper'],
  confirmReturn: ['merchant'],
  refund: ['system'],
  withdraw: ['shopper'],
  expire: ['system'],
}

export const aftersaleStatusLabels: Readonly<Record<AftersaleStatus, string>> = {
  requested: '待商家处理',
  approved: '商家已同意',
  rejected: '商家已拒绝',
  returning: '退货寄回中',
  received: '商家已收货',
  refunded: '已退款',
  closed: '已关闭',
}

export interface AftersaleLike {
  readonly status: AftersaleStatus
  readonly type: AftersaleType
  readonly amount: Fen
  readonly requestedAt: number
  readonly approvedAt?: number
}

export interface AftersaleTiming {
  /** Requests the merchant leaves unanswered are approved automatically after this (default 48 h). */
  readonly autoApproveMs: number
  /** Approved returns the shopper does not send back close after this (default 7 days). */
  readonly shipBackMs: number
}
export const defaultAftersaleTiming: AftersaleTiming = {
  autoApproveMs: 48 * 3_600_000,
  shipBackMs: 7 * 86_400_000,
}

export interface AftersaleContext {
  readonly now: number
  readonly actor: AftersaleActor
  readonly config?: Partial<AftersaleTiming>
  readonly reason?: string
  readonly tracking?: { readonly carrier: string; readonly trackingNo: string }
}

export interface AftersaleOutcome {
  readonly from: AftersaleStatus
  readonly to: AftersaleStatus
  readonly timelineEntry: {
    readonly at: number
    readonly from: AftersaleStatus
    readonly status: AftersaleStatus
    readonly event: AftersaleEvent
    readonly actor: AftersaleActor
    readonly text: string
  }
}

/** The after-sales machine: table, actor and guards; like the order machine, it changes nothing itself. */
export const transitionAftersale = (
  a: AftersaleLike,
  event: AftersaleEvent,
  ctx: AftersaleContext,
): Result<AftersaleOutcome, DomainError> => {
  const from = a.status
  const to = (aftersaleTransitions[from] || {})[event]
  if (!to)
    return fail('AFTERSALE_STATE_INVALID', `cannot ${event} an after-sale that is ${from}`, { from, event })
  if (aftersaleEventActors[event].indexOf(ctx.actor) < 0)
    return fail('AFTERSALE_STATE_INVALID', `${ctx.actor} may not ${event}`, { from, event, actor: ctx.actor })
  const cfg = { ...defaultAftersaleTiming, ...(ctx.config || {}) }
  let text: string
  switch (event) {
    case 'approve':
    case 'autoApprove':
      if (event === 'autoApprove' && ctx.now < a.requestedAt + cfg.autoApproveMs)
        return fail('AFTERSALE_STATE_INVALID', 'auto-approve time not reached yet')
      text =
        (event === 'approve' ? '商家已同意' : '商家未及时处理，系统已自动同意') +
        (a.type === 'returnAndRefund' ? '，请寄回商品并填写快递单号' : '，退款处理中')
      break
    case 'reject':
      if (!ctx.reason || !ctx.reason.trim()) return fail('INVALID_INPUT', 'a rejection needs a reason')
      text = `商家已拒绝（原因：${ctx.reason.trim()}）`
      break
    case 'shipBack': {
      if (a.type !== 'returnAndRefund')
        return fail('AFTERSALE_STATE_INVALID', 'refund-only requests ship nothing back')
      const t = ctx.tracking
      if (!t || !t.carrier || !t.carrier.trim() || !t.trackingNo || !t.trackingNo.trim())
        return fail('INVALID_INPUT', 'a return needs a carrier and a tracking number')
      text = `您已寄回商品（${t.carrier.trim()} ${t.trackingNo.trim()}）`
      break
    }
    case 'confirmReturn':
      text = '商家已收到退货，退款处理中'
      break
    case 'refund':
      if (from === 'approved' && a.type !== 'refundOnly')
        return fail('AFTERSALE_STATE_INVALID', 'a return must be received before the refund')
      text = `退款成功，${formatPrice(a.amount)}已原路退回`
      break
    case 'withdraw':
      text = '您已撤销售后申请'
      break
    case 'expire':
      if (
        a.type !== 'returnAndRefund' ||
        a.approvedAt === undefined ||
        ctx.now < a.approvedAt + cfg.shipBackMs
      )
        return fail('AFTERSALE_STATE_INVALID', 'return deadline not reached')
      text = '超时未寄回商品，售后已关闭'
      break
  }
  return ok({ from, to, timelineEntry: { at: ctx.now, from, status: to, event, actor: ctx.actor, text } })
}

/** A request may ask for at most what was paid for its lines minus what was already refunded for them. */
export const checkRefundAmount = (
  requested: Fen,
  paidForLines: Fen,
  alreadyRefunded: Fen,
): Result<Fen, DomainError> => {
  const max = paidForLines - alreadyRefunded
  if (!isFen(requested) || requested <= 0) return fail('INVALID_INPUT', 'refund amount must be positive fen')
  if (requested > max)
    return fail('AMOUNT_MISMATCH', `refund ${requested} exceeds refundable ${max}`, { requested, max })
  return ok(requested)
}
