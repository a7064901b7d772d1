import type { Fen } from '../money/fen'
import { mulDivFloor } from '../money/arith'

/**
 * What a completed order earns. Net paid = what the shopper paid for the order less what was refunded by
 * then (fen). Points = floor(net yuan × pointsPerYuan × multiplier / 1000); growth = floor(net yuan ×
 * growthPerYuan). Both are counted in whole units, rounded down.
 */
export const netPaid = (payable: Fen, refunded: Fen): Fen => Math.max(0, payable - Math.max(0, refunded))

export const pointsEarned = (net: Fen, pointsPerYuan: number, multiplierPermille: number): number =>
  net <= 0 || pointsPerYuan <= 0 || multiplierPermille <= 0
    ? 0
    : mulDivFloor(mulDivFloor(net, pointsPerYuan, 1).q, multiplierPermille, 100_000).q

export const growthEarned = (net: Fen, growthPerYuan: number): number =>
  net <= 0 || growthPerYuan <= 0 ? 0 : mulDivFloor(net, growthPerYuan, 100).q

/**
 * What refunds after completion take back of an earning, counted cumulatively so that refunding all of
 * the order's net paid takes back exactly all of it and never more: `earned × refundedSince / basis` (basis
 * = the net paid the earning was computed on, refundedSince = refunded after it), minus what was taken
 * back already.
 */
export const clawbackDue = (earned: number, basis: Fen, refundedSince: Fen, takenSoFar: number): number => {
  if (earned <= 0 || refundedSince <= 0) return 0
  const target = basis <= 0 || refundedSince >= basis ? earned : mulDivFloor(earned, refundedSince, basis).q
  return Math.max(0, Math.min(earned, target) - takenSoFar)
}
