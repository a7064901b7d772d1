import type { Fen } from '../money/fen'
import type { Scope } from './scope'

/**
 * One tier of a full-reduction campaign. `threshold` is in fen for amount campaigns and in items for
 * quantity campaigns; the reward is either a fixed `off` (fen) or a discount `payPermille` (900 = 9折).
 */
export interface FullReductionTier {
  readonly threshold: number
  readonly off?: Fen
  readonly payPermille?: number
}

export interface FullReductionCampaign {
  readonly id: string
  readonly name?: string
  /** 'amount': 满200减30 over the eligible amount; 'quantity': 满2件9折 over the eligible item count. */
  readonly kind: 'amount' | 'quantity'
  readonly tiers: readonly FullReductionTier[]
  readonly scope: Scope
  /** Active when startAt <= now < endAt (epoch ms). */
  readonly startAt: number
  readonly endAt: number
  /** When false, lines that take this reduction cannot also take a coupon. */
  readonly stackableWithCoupon: boolean
}

export type CouponStatus = 'available' | 'locked' | 'used' | 'expired'

export interface CouponInstance {
  readonly id: string
  readonly name?: string
  /**
   * amountOff: 满threshold减off; percentOff: pay payPermille/1000 of the eligible amount (850 = 8.5折),
   * saving capped by `cap`, optional threshold; noThreshold: 无门槛减off.
   */
  readonly kind: 'amountOff' | 'percentOff' | 'noThreshold'
  readonly threshold?: Fen
  readonly off?: Fen
  readonly payPermille?: number
  readonly cap?: Fen
  readonly scope: Scope
  /** Usable when validFrom <= now < validTo (epoch ms). */
  readonly validFrom: number
  readonly validTo: number
  readonly status: CouponStatus
}
