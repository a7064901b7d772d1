import type { Fen } from '../money/fen'
import type { CartLineInput, DiscountSource } from './types'

/** Mutable per-line state while the engine runs; frozen into PricedLine at the end. */
export interface WorkLine {
  readonly input: CartLineInput
  readonly list: Fen
  unitPriceUsed: Fen
  priceSource: 'list' | 'member' | 'campaign'
  discounts: Record<DiscountSource, Fen>
  fullReductionId?: string
  /** True when the line took a full reduction that does not stack with coupons. */
  couponBlocked: boolean
}

export const remaining = (w: WorkLine): Fen =>
  w.list -
  w.discounts.member -
  w.discounts.campaign -
  w.discounts.fullReduction -
  w.discounts.coupon -
  w.discounts.points

export const ruleLine = (w: WorkLine) => ({ amount: remaining(w), quantity: w.input.quantity })
