import { formatYuanCompact, type Fen } from '../money/fen'
import { prorate } from '../money/prorate'
import { compileCampaign, compileCoupon } from '../promotion/compile'
import { fail, type DomainError } from '../result/errors'
import { ok, type Result } from '../result/result'
import { basePrice } from './basePrice'
import {
  allocateCoupon,
  bestCoupon,
  evaluateCoupon,
  nearestCouponHint,
  sortOptions,
  type CompiledCoupon,
} from './coupons'
import { applyFullReductions, type CompiledCampaign } from './fullReduction'
import { quotePoints } from './points'
import { quoteShipping } from './shipping'
import {
  discountSources,
  type BreakdownEntry,
  type CartHint,
  type PriceCartInput,
  type PricedCart,
  type PricedLine,
  type PricedTotals,
} from './types'
import { validatePriceCartInput } from './validate'
import { remaining, type WorkLine } from './work'

/**
 * The pricing engine. Order of application, each step on what the previous left:
 * 1. unit price: lowest of list / member / campaign price (member level discount on list-price lines), the
 *    campaign price from the running limited-time discounts (`campaignPriceFor`);
 * 2. full reduction (one campaign per line, greedy by saving);
 * 3. one coupon (chosen, or the best for the shopper with 'auto'), skipping non-stackable reduced lines;
 * 4. shipping on the amount after step 2;
 * 5. points, last, on goods only, leaving at least 1 fen of goods payable.
 * Every discount is allocated to lines with `prorate`, so the lines sum exactly to the totals and no line
 * goes below zero. The payable can be 0 only when coupons and prices make it so (a 0-fen order must be
 * settled without WeChat Pay); points never bring it there.
 */
export const priceCart = (input: PriceCartInput): Result<PricedCart, DomainError> => {
  const valid = validatePriceCartInput(input)
  if (!valid.ok) return valid

  const campaigns: CompiledCampaign[] = []
  for (const campaign of input.campaigns || []) {
    const p = compileCampaign(campaign)
    if (!p.ok) return p
    campaigns.push({ campaign, promotion: p.value })
  }
  const coupons: CompiledCoupon[] = []
  for (const coupon of input.coupons || []) {
    const p = compileCoupon(coupon)
    if (!p.ok) return p
    coupons.push({ coupon, promotion: p.value })
  }

  const work: WorkLine[] = input.lines.map((l) =>
    basePrice(l, input.member, input.discounts || [], input.now),
  )
  const fr = applyFullReductions(work, campaigns, input.now)

  const evaluations = coupons.map((c) => evaluateCoupon(work, c, input.now))
  const choice = input.coupon ?? 'none'
  let chosen = undefined as (typeof evaluations)[number] | undefined
  if (choice === 'auto') chosen = bestCoupon(evaluations)
  else if (choice !== 'none') {
    chosen = evaluations.find((e) => e.option.id === choice.id)
    if (!chosen)
      return fail('COUPON_NOT_APPLICABLE', `coupon ${choice.id} is not offered`, { couponId: choice.id })
    if (!chosen.option.applicable)
      return fail(chosen.option.code ?? 'COUPON_NOT_APPLICABLE', chosen.option.reason, {
        couponId: choice.id,
      })
  }

  const afterReduction = work.reduce((s, w) => s + remaining(w), 0)
  const shipping = quoteShipping(input.shipping, afterReduction, input.member, input.region)

  if (chosen) allocateCoupon(chosen)

  const goodsPayable = work.reduce((s, w) => s + remaining(w), 0)
  const points = quotePoints(input.points, goodsPayable)
  if (points.deduction > 0) {
    const parts = prorate(points.deduction, work.map(remaining))
    work.forEach((w, k) => {
      w.discounts.points = parts[k]!
    })
  }

  const lines: PricedLine[] = work.map((w) => ({
    skuId: w.input.skuId,
    spuId: w.input.spuId,
    quantity: w.input.quantity,
    unitPrice: w.input.unitPrice,
    unitPriceUsed: w.unitPriceUsed,
    priceSource: w.priceSource,
    listSubtotal: w.list,
    subtotal: w.list - w.discounts.member - w.discounts.campaign,
    discounts: { ...w.discounts },
    payable: remaining(w),
    ...(w.fullReductionId !== undefined ? { fullReductionId: w.fullReductionId } : {}),
  }))

  const total = (pick: (l: PricedLine) => Fen) => lines.reduce((s, l) => s + pick(l), 0)
  const goods = total((l) => l.listSubtotal)
  const bySource = {} as Record<(typeof discountSources)[number], Fen>
  for (const s of discountSources) bySource[s] = total((l) => l.discounts[s])
  const discount = discountSources.reduce((s, k) => s + bySource[k], 0)
  const totals: PricedTotals = {
    goods,
    ...bySource,
    discount,
    shipping: shipping.fee,
    payable: goods - discount + shipping.fee,
  }

  const breakdown: BreakdownEntry[] = [{ source: 'goods', label: '商品金额', amount: goods }]
  if (bySource.member > 0) breakdown.push({ source: 'member', label: '会员优惠', amount: -bySource.member })
  if (bySource.campaign > 0)
    breakdown.push({ source: 'campaign', label: '活动价优惠', amount: -bySource.campaign })
  for (const a of fr.applied)
    breakdown.push({ source: 'fullReduction', label: a.label, amount: -a.saving, ref: a.campaignId })
  if (chosen)
    breakdown.push({
      source: 'coupon',
      label: `优惠券（${chosen.option.label}）`,
      amount: -chosen.option.saving,
      ref: chosen.option.id,
    })
  if (points.deduction > 0)
    breakdown.push({ source: 'points', label: `积分抵扣（${points.used}积分）`, amount: -points.deduction })
  breakdown.push({
    source: 'shipping',
    label: shipping.freeReason
      ? `运费（${shipping.freeReason}${shipping.extra > 0 ? `，偏远地区加收${formatYuanCompact(shipping.extra)}元` : ''}）`
      : '运费',
    amount: shipping.fee,
  })

  // Hints: full-reduction tiers, then (only when no coupon is applied) the coupon nearest its
  // threshold, then free shipping.
  const hints: CartHint[] = fr.hints.slice()
  const couponHint = chosen ? undefined : nearestCouponHint(evaluations)
  if (couponHint) hints.push(couponHint)
  if (shipping.hint) hints.push(shipping.hint)

  return ok({
    lines,
    totals,
    breakdown,
    hints,
    fullReductions: fr.applied,
    coupon: chosen
      ? { id: chosen.option.id, label: chosen.option.label, saving: chosen.option.saving }
      : null,
    coupons: sortOptions(evaluations),
    points,
    shipping: {
      fee: shipping.fee,
      baseFee: shipping.baseFee,
      extra: shipping.extra,
      ...(shipping.freeReason ? { freeReason: shipping.freeReason } : {}),
    },
  })
}

/**
 * Submit guard: the shopper confirmed `expected` on the checkout page; if the server's price differs the
 * order must not be created (AMOUNT_MISMATCH, with both figures).
 */
export const confirmPayable = (priced: PricedCart, expected: Fen): Result<PricedCart, DomainError> =>
  priced.totals.payable === expected
    ? ok(priced)
    : fail('AMOUNT_MISMATCH', `expected ${expected}, priced ${priced.totals.payable}`, {
        expected,
        actual: priced.totals.payable,
      })
