import { isFen } from '../money/fen'
import { fail, type DomainError } from '../result/errors'
import { ok, type Result } from '../result/result'
import type { PriceCartInput } from './types'

export const MAX_LINE_QUANTITY = 999

const nonNegFen = (n: unknown): boolean => isFen(n) && (n as number) >= 0
const nonNegInt = (n: unknown): boolean => Number.isSafeInteger(n) && (n as number) >= 0

/** Refuses malformed input with a precise code before any money is computed. */
export const validatePriceCartInput = (input: PriceCartInput): Result<PriceCartInput, DomainError> => {
  if (!input || typeof input.now !== 'number' || !Number.isFinite(input.now))
    return fail('INVALID_INPUT', 'now must be epoch milliseconds')
  if (!Array.isArray(input.lines) || input.lines.length === 0) return fail('CART_EMPTY', 'no lines to price')
  for (let i = 0; i < input.lines.length; i++) {
    const l = input.lines[i]!
    const where = { line: i, skuId: l && l.skuId }
    if (!l || typeof l.skuId !== 'string' || typeof l.spuId !== 'string' || !Array.isArray(l.categoryIds))
      return fail('INVALID_INPUT', `line ${i}: skuId, spuId and categoryIds are required`, where)
    if (!Number.isSafeInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_LINE_QUANTITY)
      return fail('QUANTITY_INVALID', `line ${i}: quantity must be an integer 1..${MAX_LINE_QUANTITY}`, where)
    if (!nonNegFen(l.unitPrice))
      return fail('INVALID_INPUT', `line ${i}: unitPrice must be integer fen >= 0`, where)
    if (l.memberPrice !== undefined && !nonNegFen(l.memberPrice))
      return fail('INVALID_INPUT', `line ${i}: memberPrice must be integer fen >= 0`, where)
    if (l.campaignPrice !== undefined && !nonNegFen(l.campaignPrice))
      return fail('INVALID_INPUT', `line ${i}: campaignPrice must be integer fen >= 0`, where)
    if (!Number.isSafeInteger(l.unitPrice * l.quantity))
      return fail('INVALID_INPUT', `line ${i}: amount too large`, where)
  }
  const m = input.member
  if (m) {
    if (!nonNegInt(m.level)) return fail('INVALID_INPUT', 'member level must be an integer >= 0')
    if (m.discountPermille !== undefined && !(nonNegInt(m.discountPermille) && m.discountPermille <= 1000))
      return fail('INVALID_INPUT', 'member discountPermille must be an integer 0..1000')
  }
  const p = input.points
  if (p) {
    if (!nonNegInt(p.use) || !nonNegInt(p.balance))
      return fail('INVALID_INPUT', 'points must be integers >= 0')
    if (!Number.isSafeInteger(p.pointsPerYuan) || p.pointsPerYuan <= 0)
      return fail('INVALID_INPUT', 'pointsPerYuan must be an integer > 0')
    if (!(nonNegInt(p.maxSharePermille) && p.maxSharePermille <= 1000))
      return fail('INVALID_INPUT', 'points maxSharePermille must be an integer 0..1000')
    if (p.use > p.balance)
      return fail('POINTS_INSUFFICIENT', `wants ${p.use} points, holds ${p.balance}`, {
        use: p.use,
        balance: p.balance,
      })
  }
  const s = input.shipping
  if (s) {
    if (!nonNegFen(s.baseFee)) return fail('INVALID_INPUT', 'shipping baseFee must be integer fen >= 0')
    if (s.freeOver !== undefined && !nonNegFen(s.freeOver))
      return fail('INVALID_INPUT', 'shipping freeOver invalid')
    if (s.freeForLevelAtLeast !== undefined && !nonNegInt(s.freeForLevelAtLeast))
      return fail('INVALID_INPUT', 'shipping freeForLevelAtLeast invalid')
    for (const k in s.regionExtra || {}) {
      if (!nonNegFen((s.regionExtra || {})[k]))
        return fail('INVALID_INPUT', `shipping surcharge for ${k} invalid`)
    }
  }
  const c = input.coupon
  if (c !== undefined && c !== 'auto' && c !== 'none' && !(c && typeof c.id === 'string'))
    return fail('INVALID_INPUT', "coupon must be 'auto', 'none' or {id}")
  return ok(input)
}
