import { fen, type Fen } from './fen'
import { mulDivRound, type RoundingMode } from './arith'

export type RateUnit = 'percent' | 'permille'

/**
 * `rate` percent (or per-mille) of an amount, rounded by an explicit mode: percentOf(999, 15, 'percent',
 * 'halfUp') -> 150. The rate must be an integer in its unit so the result is exact before rounding;
 * use per-mille for rates like 8.5% (85).
 */
export const percentOf = (amount: Fen, rate: number, unit: RateUnit, rounding: RoundingMode): Fen => {
  if (!Number.isSafeInteger(rate) || rate < 0)
    throw new RangeError(`rate must be a non-negative integer: ${rate}`)
  return mulDivRound(fen(amount), rate, unit === 'percent' ? 100 : 1000, rounding)
}
