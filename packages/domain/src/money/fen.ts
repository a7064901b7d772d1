import { fail, type DomainError } from '../result/errors'
import { ok, type Result } from '../result/result'

/** An amount of money in fen (1/100 yuan): always a safe integer. Yuan only appear at the display edge. */
export type Fen = number

export const isFen = (n: unknown): n is Fen => typeof n === 'number' && Number.isSafeInteger(n)

/** Asserts an integer amount: a non-integer here is a programming error, so it throws. */
export const fen = (n: number): Fen => {
  if (!isFen(n)) throw new RangeError(`not an integer fen amount: ${String(n)}`)
  return n
}

const checked = (n: number, what: string): Fen => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} left the safe integer range`)
  return n
}

export const addFen = (a: Fen, b: Fen): Fen => checked(fen(a) + fen(b), 'addFen')

export const subFen = (a: Fen, b: Fen): Fen => checked(fen(a) - fen(b), 'subFen')

export const sumFen = (amounts: readonly Fen[]): Fen => {
  let total = 0
  for (const a of amounts) total = checked(total + fen(a), 'sumFen')
  return total
}

/** Unit price times an integer quantity. */
export const mulFen = (price: Fen, quantity: number): Fen => {
  if (!Number.isSafeInteger(quantity))
    throw new RangeError(`quantity must be an integer: ${String(quantity)}`)
  return checked(fen(price) * quantity, 'mulFen')
}

export const minFen = (a: Fen, b: Fen): Fen => (a < b ? a : b)
export const maxFen = (a: Fen, b: Fen): Fen => (a > b ? a : b)

const YUAN_RE = /^(-)?(0|[1-9]\d*)(?:\.(\d{1,2}))?$/

export interface ParseYuanOptions {
  /** Negative amounts are refused unless allowed (refund adjustments, ledger corrections). */
  readonly allowNegative?: boolean
}

/**
 * Strict yuan text to fen: '12.30' -> 1230, '12' -> 1200, '0.5' -> 50. Refuses more than two decimals,
 * exponent notation, spaces, '+', leading zeros, empty text and amounts beyond the safe range.
 */
export const parseYuan = (text: string, options: ParseYuanOptions = {}): Result<Fen, DomainError> => {
  const m = typeof text === 'string' ? YUAN_RE.exec(text) : null
  if (!m) return fail('INVALID_INPUT', `not a yuan amount: ${JSON.stringify(text)}`)
  const negative = m[1] === '-'
  if (negative && !options.allowNegative) return fail('INVALID_INPUT', `negative amount not allowed: ${text}`)
  const yuan = Number(m[2])
  const cents = Number(((m[3] || '') + '00').slice(0, 2))
  const value = yuan * 100 + cents
  if (!Number.isSafeInteger(value) || !Number.isSafeInteger(yuan * 100))
    return fail('INVALID_INPUT', `amount too large: ${text}`)
  return ok(negative ? -value : value)
}

/** 1230 -> '12.30', -5 -> '-0.05'. */
export const formatYuan = (amount: Fen): string => {
  const a = fen(amount)
  const abs = Math.abs(a)
  const cents = abs % 100
  return `${a < 0 ? '-' : ''}${(abs - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`
}

/** 1230 -> '¥12.30'. */
export const formatPrice = (amount: Fen): string => {
  const s = formatYuan(amount)
  return s.charAt(0) === '-' ? `-¥${s.slice(1)}` : `¥${s}`
}

/** Compact yuan for rule labels: 20000 -> '200', 1250 -> '12.5', 1205 -> '12.05'. */
export const formatYuanCompact = (amount: Fen): string => {
  const s = formatYuan(amount)
  return s.replace(/\.00$/, '').replace(/(\.\d)0$/, '$1')
}
