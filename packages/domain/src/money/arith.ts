/**
 * Exact integer arithmetic without BigInt (old phone runtimes lack it): floor(a * b / c) and its remainder
 * for non-negative safe integers even when a * b exceeds 2^53.
 */
const MAX_DIVISOR = Math.floor(Number.MAX_SAFE_INTEGER / 2)

export interface QuotRem {
  readonly q: number
  readonly r: number
}

export const mulDivFloor = (a: number, b: number, c: number): QuotRem => {
  if (
    !(Number.isSafeInteger(a) && Number.isSafeInteger(b) && Number.isSafeInteger(c)) ||
    a < 0 ||
    b < 0 ||
    c <= 0
  )
    throw new RangeError('mulDivFloor expects non-negative safe integers and a positive divisor')
  const p = a * b
  if (Number.isSafeInteger(p)) return { q: Math.floor(p / c), r: p % c }
  if (c > MAX_DIVISOR) throw new RangeError('mulDivFloor divisor too large')
  // Binary long multiplication modulo c: invariant a * prefix(b) = q * c + r with 0 <= r < c.
  const qa = Math.floor(a / c)
  const ra = a % c
  let q = 0
  let r = 0
  const bits = b.toString(2)
  for (let i = 0; i < bits.length; i++) {
    q *= 2
    r *= 2
    if (r >= c) {
      q += 1
      r -= c
    }
    if (bits.charAt(i) === '1') {
      q += qa
      r += ra
      if (r >= c) {
        q += 1
        r -= c
      }
    }
  }
  if (!Number.isSafeInteger(q)) throw new RangeError('mulDivFloor result beyond the safe range')
  return { q, r }
}

export type RoundingMode = 'floor' | 'ceil' | 'halfUp' | 'halfEven'

/** round(a * b / c) with an explicit mode; a may be negative (sign handled symmetrically for half modes). */
export const mulDivRound = (a: number, b: number, c: number, mode: RoundingMode): number => {
  const negative = a < 0
  const { q, r } = mulDivFloor(Math.abs(a), b, c)
  if (r === 0) return negative ? -q : q
  let up: boolean
  switch (mode) {
    case 'floor':
      up = negative
      break
    case 'ceil':
      up = !negative
      break
    case 'halfUp':
      up = r * 2 >= c
      break
    case 'halfEven':
      up = r * 2 > c || (r * 2 === c && q % 2 === 1)
      break
  }
  const magnitude = up ? q + 1 : q
  return negative ? -magnitude : magnitude
}
