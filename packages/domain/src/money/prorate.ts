import { fen, type Fen } from './fen'
import { mulDivFloor } from './arith'

/**
 * Splits `total` over `weights` in proportion (largest remainder method). Guarantees:
 * - the parts sum exactly to `total`;
 * - a zero weight gets 0, unless every weight is zero: then the total is split evenly;
 * - for a non-negative total every part is non-negative, and when total <= sum(weights) no part exceeds
 *   its weight (so a discount allocated over line amounts never drives a line below zero);
 * - ties in the remainder go to the larger weight, then to the earlier index (deterministic).
 * A negative total is split as the mirror image of its absolute value.
 */
export const prorate = (total: Fen, weights: readonly Fen[]): Fen[] => {
  fen(total)
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`weights must be non-negative integers: ${w}`)
  }
  if (weights.length === 0) {
    if (total === 0) return []
    throw new RangeError('cannot prorate a non-zero total over no weights')
  }
  if (total < 0) return prorate(-total, weights).map((p) => (p === 0 ? 0 : -p))
  let sum = 0
  for (const w of weights) sum += w
  if (!Number.isSafeInteger(sum)) throw new RangeError('sum of weights beyond the safe range')
  const effective = sum === 0 ? weights.map(() => 1) : weights
  const divisor = sum === 0 ? weights.length : sum

  const parts: number[] = []
  const remainders: number[] = []
  let allocated = 0
  for (const w of effective) {
    const { q, r } = mulDivFloor(total, w, divisor)
    parts.push(q)
    remainders.push(r)
    allocated += q
  }
  let leftover = total - allocated
  if (leftover > 0) {
    const order = effective.map((_, i) => i)
    order.sort((i, j) => remainders[j]! - remainders[i]! || effective[j]! - effective[i]! || i - j)
    // leftover < number of non-zero remainders, so zero weights (remainder 0) never receive a unit.
    for (let k = 0; leftover > 0; k++, leftover--) parts[order[k]!]! += 1
  }
  return parts
}
