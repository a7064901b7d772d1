import { prorate } from '../money/prorate'
import { runPromotion, type Promotion, type RuleHint } from '../promotion/rules'
import { inScope } from '../promotion/scope'
import type { CouponInstance } from '../promotion/types'
import type { DomainErrorCode } from '../result/errors'
import type { CartHint, CouponOption } from './types'
import { remaining, ruleLine, type WorkLine } from './work'

export interface CompiledCoupon {
  readonly coupon: CouponInstance
  readonly promotion: Promotion
}

export interface CouponEvaluation {
  readonly option: CouponOption
  readonly lines: readonly WorkLine[]
  readonly validTo: number
  /** Set when only the threshold is missing: how much more to spend. */
  readonly hint?: RuleHint
}

const unusable = (
  c: CompiledCoupon,
  label: string,
  code: DomainErrorCode,
  reason: string,
): CouponEvaluation => ({
  option: { id: c.coupon.id, label, applicable: false, saving: 0, code, reason },
  lines: [],
  validTo: c.coupon.validTo,
})

/**
 * Rule: a coupon applies to the in-scope lines after member/campaign prices and full reduction, except
 * lines whose full reduction does not stack with coupons. Coupons never stack with each other.
 */
export const evaluateCoupon = (
  work: readonly WorkLine[],
  c: CompiledCoupon,
  now: number,
): CouponEvaluation => {
  const label = runPromotion(c.promotion, []).label
  const { status, validFrom, validTo } = c.coupon
  if (status === 'used') return unusable(c, label, 'COUPON_USED', '优惠券已使用')
  if (status === 'locked') return unusable(c, label, 'COUPON_USED', '优惠券已被其他订单占用')
  if (status === 'expired' || now >= validTo) return unusable(c, label, 'COUPON_EXPIRED', '优惠券已过期')
  if (now < validFrom) return unusable(c, label, 'COUPON_NOT_APPLICABLE', '优惠券未到使用时间')
  const scoped = work.filter((w) => inScope(c.coupon.scope, w.input))
  // the same words for a cart and a buy-now order
  if (scoped.length === 0) return unusable(c, label, 'COUPON_NOT_APPLICABLE', '本单没有适用此券的商品')
  const lines = scoped.filter((w) => !w.couponBlocked)
  if (lines.length === 0)
    return unusable(c, label, 'COUPON_NOT_APPLICABLE', '所选商品参与的满减活动不可与优惠券同享')
  const outcome = runPromotion(c.promotion, lines.map(ruleLine))
  if (!outcome.applicable) {
    const e = unusable(c, label, outcome.code, outcome.reason)
    return outcome.hint ? { ...e, hint: outcome.hint } : e
  }
  if (outcome.saving <= 0) return unusable(c, label, 'COUPON_NOT_APPLICABLE', '适用商品金额为0')
  return { option: { id: c.coupon.id, label, applicable: true, saving: outcome.saving }, lines, validTo }
}

/** Best for the shopper: the largest saving; ties go to the coupon expiring first, then the smaller id. */
export const bestCoupon = (evaluations: readonly CouponEvaluation[]): CouponEvaluation | undefined => {
  let best: CouponEvaluation | undefined
  for (const e of evaluations) {
    if (!e.option.applicable) continue
    if (
      !best ||
      e.option.saving > best.option.saving ||
      (e.option.saving === best.option.saving &&
        (e.validTo < best.validTo || (e.validTo === best.validTo && e.option.id < best.option.id)))
    )
      best = e
  }
  return best
}

export const allocateCoupon = (e: CouponEvaluation): void => {
  const parts = prorate(e.option.saving, e.lines.map(remaining))
  e.lines.forEach((w, k) => {
    w.discounts.coupon = parts[k]!
  })
}

/** Applicable first by saving (desc), then the rest in input order. */
export const sortOptions = (evaluations: readonly CouponEvaluation[]): CouponOption[] => {
  const applicable = evaluations.filter((e) => e.option.applicable)
  const rest = evaluations.filter((e) => !e.option.applicable)
  const best = bestCoupon(applicable)
  applicable.sort((a, b) =>
    a === best ? -1 : b === best ? 1 : b.option.saving - a.option.saving || a.validTo - b.validTo,
  )
  return applicable.concat(rest).map((e) => e.option)
}

/** The coupon closest to its threshold (smallest spend missing; ties: input order), for a cart hint. */
export const nearestCouponHint = (evaluations: readonly CouponEvaluation[]): CartHint | undefined => {
  let best: CouponEvaluation | undefined
  for (const e of evaluations) if (e.hint && (!best || e.hint.shortBy < best.hint!.shortBy)) best = e
  return best && best.hint ? { ...best.hint, source: 'coupon', ref: best.option.id } : undefined
}
