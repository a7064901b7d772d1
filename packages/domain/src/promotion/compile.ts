import { isFen } from '../money/fen'
import { fail, type DomainError } from '../result/errors'
import { ok, type Result } from '../result/result'
import type { Promotion } from './rules'
import type { Scope } from './scope'
import type { CouponInstance, FullReductionCampaign } from './types'

const isNonNegFen = (n: unknown): boolean => isFen(n) && (n as number) >= 0
const isPermille = (n: unknown): boolean =>
  Number.isSafeInteger(n) && (n as number) >= 0 && (n as number) <= 1000
const isTime = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n)

const validScope = (scope: Scope | undefined): boolean =>
  !!scope &&
  (scope.type === 'all' ||
    ((scope.type === 'categories' || scope.type === 'products') &&
      Array.isArray(scope.ids) &&
      scope.ids.every((id) => typeof id === 'string')))

const bad = (what: string, id: string, why: string): Result<never, DomainError> =>
  fail('INVALID_INPUT', `${what} ${id}: ${why}`, { id })

/**
 * Checks a campaign's configuration and turns it into the declarative rule the engine runs. The admin
 * side should validate with this when saving, so checkout never meets a malformed campaign.
 */
export const compileCampaign = (c: FullReductionCampaign): Result<Promotion, DomainError> => {
  if (!c || typeof c.id !== 'string') return fail('INVALID_INPUT', 'campaign without id')
  if (c.kind !== 'amount' && c.kind !== 'quantity')
    return bad('campaign', c.id, 'kind must be amount or quantity')
  if (!validScope(c.scope)) return bad('campaign', c.id, 'invalid scope')
  if (!isTime(c.startAt) || !isTime(c.endAt) || c.endAt <= c.startAt)
    return bad('campaign', c.id, 'invalid window')
  if (!Array.isArray(c.tiers) || c.tiers.length === 0) return bad('campaign', c.id, 'needs at least one tier')
  const seen: number[] = []
  for (const t of c.tiers) {
    if (!Number.isSafeInteger(t.threshold) || t.threshold <= 0)
      return bad('campaign', c.id, 'tier threshold must be > 0')
    if (seen.indexOf(t.threshold) >= 0) return bad('campaign', c.id, 'duplicate tier threshold')
    seen.push(t.threshold)
    const hasOff = t.off !== undefined
    const hasPermille = t.payPermille !== undefined
    if (hasOff === hasPermille) return bad('campaign', c.id, 'a tier has exactly one of off / payPermille')
    if (hasOff && (!isNonNegFen(t.off) || (t.off as number) <= 0))
      return bad('campaign', c.id, 'tier off must be > 0')
    if (hasPermille && (!isPermille(t.payPermille) || (t.payPermille as number) >= 1000))
      return bad('campaign', c.id, 'tier payPermille must be in 0..999')
  }
  return ok({ code: 'full_reduction', args: { measure: c.kind, tiers: c.tiers } })
}

/** Checks a coupon instance's configuration and turns it into its declarative rule. */
export const compileCoupon = (c: CouponInstance): Result<Promotion, DomainError> => {
  if (!c || typeof c.id !== 'string') return fail('INVALID_INPUT', 'coupon without id')
  if (!validScope(c.scope)) return bad('coupon', c.id, 'invalid scope')
  if (!isTime(c.validFrom) || !isTime(c.validTo) || c.validTo <= c.validFrom)
    return bad('coupon', c.id, 'invalid validity window')
  if (['available', 'locked', 'used', 'expired'].indexOf(c.status) < 0)
    return bad('coupon', c.id, 'invalid status')
  const threshold = c.threshold ?? 0
  if (!isNonNegFen(threshold)) return bad('coupon', c.id, 'threshold must be a non-negative fen amount')
  switch (c.kind) {
    case 'amountOff':
    case 'noThreshold':
      if (!isNonNegFen(c.off) || (c.off as number) <= 0) return bad('coupon', c.id, 'off must be > 0')
      if (c.kind === 'noThreshold' && threshold !== 0)
        return bad('coupon', c.id, 'noThreshold has no threshold')
      return ok({ code: 'amount_off', args: { threshold, off: c.off as number } })
    case 'percentOff':
      if (!isPermille(c.payPermille) || (c.payPermille as number) >= 1000)
        return bad('coupon', c.id, 'payPermille must be in 0..999')
      if (c.cap !== undefined && (!isNonNegFen(c.cap) || c.cap <= 0))
        return bad('coupon', c.id, 'cap must be > 0')
      return ok({
        code: 'percent_off',
        args: {
          threshold,
          payPermille: c.payPermille as number,
          ...(c.cap !== undefined ? { cap: c.cap } : {}),
        },
      })
    default:
      return bad('coupon', (c as CouponInstance).id, 'unknown kind')
  }
}
