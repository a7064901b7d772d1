import { mulDivFloor } from '../money/arith'
import type { Fen } from '../money/fen'
import type { PointsInput } from './types'

export interface PointsQuote {
  readonly requested: number
  readonly used: number
  readonly deduction: Fen
  readonly maxUsable: number
  readonly maxDeduction: Fen
}

const mulDivCeil = (a: number, b: number, c: number): number => {
  const { q, r } = mulDivFloor(a, b, c)
  return r === 0 ? q : q + 1
}

/**
 * Rule: points apply last, to goods only (not shipping), at most `maxSharePermille` of the goods payable
 * and never below 1 fen of goods payable. Whole fen only: the points charged are the fewest that buy the
 * deduction, so a shopper never pays points for a fraction of a fen.
 */
export const quotePoints = (input: PointsInput | undefined, goodsPayable: Fen): PointsQuote => {
  if (!input) return { requested: 0, used: 0, deduction: 0, maxUsable: 0, maxDeduction: 0 }
  const byShare = mulDivFloor(goodsPayable, input.maxSharePermille, 1000).q
  const byFloor = Math.max(0, goodsPayable - 1)
  const byBalance = mulDivFloor(input.balance, 100, input.pointsPerYuan).q
  const maxDeduction = Math.min(byShare, byFloor, byBalance)
  const byRequest = mulDivFloor(input.use, 100, input.pointsPerYuan).q
  const deduction = Math.min(maxDeduction, byRequest)
  return {
    requested: input.use,
    used: mulDivCeil(deduction, input.pointsPerYuan, 100),
    deduction,
    maxUsable: mulDivCeil(maxDeduction, input.pointsPerYuan, 100),
    maxDeduction,
  }
}
