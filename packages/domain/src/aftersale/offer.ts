import { mulDivFloor } from '../money/arith'
import { prorate } from '../money/prorate'
import type { Fen } from '../money/fen'
import { fail, type DomainError } from '../result/errors'
import { ok, type Result } from '../result/result'

/** An order line as after-sales reads it: what was bought, what it paid (discounts already spread). */
export interface RefundableLine {
  readonly skuId: string
  readonly quantity: number
  readonly payable: Fen
  readonly refundedQuantity: number
  readonly refundedAmount: Fen
  /** a request still holds this line */
  readonly open: boolean
}

export interface RefundableOrder {
  readonly lines: readonly RefundableLine[]
  readonly shipping: Fen
  readonly shippingRefunded: boolean
  /** the goods left the warehouse (shipping is then never refunded) */
  readonly shipped: boolean
}

export interface OfferLine {
  readonly skuId: string
  readonly quantity: number
  /** the most these units may get back */
  readonly max: Fen
}

export interface AftersaleOffer {
  readonly lines: readonly OfferLine[]
  readonly goods: Fen
  readonly shipping: Fen
  readonly max: Fen
}

/** The paid share of the first k units of a line: floor(payable·k/quantity), so all units sum to payable. */
export const unitsShare = (payable: Fen, quantity: number, k: number): Fen =>
  k >= quantity ? payable : mulDivFloor(payable, k, quantity).q

/**
 * The server's offer for a request: per line, the share of the requested units counted cumulatively (the
 * share of all units refunded so far plus these) minus the fen already refunded on the line, so a line never
 * gets back more than it paid however it is split over requests; shipping only when nothing shipped and the
 * request takes the last units of the whole order.
 */
export function aftersaleOffer(
  order: RefundableOrder,
  request: ReadonlyArray<{ readonly skuId: string; readonly quantity: number }>,
): Result<AftersaleOffer, DomainError> {
  if (request.length === 0) return fail('INVALID_INPUT', 'no lines requested')
  const seen = new Set<string>()
  const lines: OfferLine[] = []
  for (const r of request) {
    if (seen.has(r.skuId)) return fail('INVALID_INPUT', `line ${r.skuId} requested twice`)
    seen.add(r.skuId)
    const l = order.lines.find((x) => x.skuId === r.skuId)
    if (!l) return fail('INVALID_INPUT', `line ${r.skuId} is not in the order`)
    if (l.open) return fail('AFTERSALE_LINE_OPEN', `line ${r.skuId} has an open request`, { skuId: r.skuId })
    const available = l.quantity - l.refundedQuantity
    if (!Number.isSafeInteger(r.quantity) || r.quantity < 1 || r.quantity > available)
      return fail('QUANTITY_INVALID', `line ${r.skuId}: ${r.quantity} of ${available} refundable units`)
    const share = unitsShare(l.payable, l.quantity, l.refundedQuantity + r.quantity)
    lines.push({ skuId: r.skuId, quantity: r.quantity, max: Math.max(0, share - l.refundedAmount) })
  }
  const takesAll = order.lines.every(
    (l) => l.refundedQuantity + (request.find((r) => r.skuId === l.skuId)?.quantity ?? 0) === l.quantity,
  )
  const shipping = !order.shipped && !order.shippingRefunded && takesAll ? order.shipping : 0
  const goods = lines.reduce((s, l) => s + l.max, 0)
  return ok({ lines, goods, shipping, max: goods + shipping })
}

/**
 * Splits the fen a shopper asked for (≤ the offer) over the offer's lines and shipping in proportion, so
 * each line's refunded fen stays within its share and the parts sum to the amount.
 */
export function allocateRefund(
  offer: AftersaleOffer,
  amount: Fen,
): Result<{ lines: Array<{ skuId: string; quantity: number; amount: Fen }>; shipping: Fen }, DomainError> {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    return fail('INVALID_INPUT', 'amount must be positive fen')
  if (amount > offer.max)
    return fail('AFTERSALE_AMOUNT_EXCEEDED', `asked ${amount}, refundable ${offer.max}`, { max: offer.max })
  const parts = prorate(amount, [...offer.lines.map((l) => l.max), offer.shipping])
  return ok({
    lines: offer.lines.map((l, i) => ({ skuId: l.skuId, quantity: l.quantity, amount: parts[i] ?? 0 })),
    shipping: parts[offer.lines.length] ?? 0,
  })
}

/**
 * Points that follow a refund, in proportion to the refunded units' paid share of the goods, counted
 * cumulatively so the whole order refunded gives back exactly all of them: `total·refundedShare/goods −
 * moved so far`.
 */
export const proportionalPoints = (
  total: number,
  refundedShare: Fen,
  goods: Fen,
  movedSoFar: number,
): number => {
  if (total <= 0 || goods <= 0) return 0
  const due = refundedShare >= goods ? total : mulDivFloor(total, refundedShare, goods).q
  return Math.max(0, due - movedSoFar)
}
