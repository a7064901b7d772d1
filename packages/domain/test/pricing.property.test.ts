import {
  priceCart,
  unwrap,
  type CartLineInput,
  type CouponInstance,
  type FullReductionCampaign,
  type PriceCartInput,
  type PricedCart,
  type Scope,
} from '../src'
import { check, forAll, type Rng } from './prop'

const NOW = 1_800_000_000_000
const SPUS = ['A', 'B', 'C', 'D', 'E']
const CATS = ['c1', 'c2', 'c3']

const scope = (r: Rng): Scope => {
  const k = r.int(0, 2)
  if (k === 0) return { type: 'all' }
  if (k === 1) return { type: 'categories', ids: [r.pick(CATS)] }
  return { type: 'products', ids: [r.pick(SPUS), r.pick(SPUS)] }
}

/** A time window around NOW that may be current, future or past. */
const window = <F extends string, T extends string>(r: Rng, from: F, to: T) => {
  const start = NOW + r.int(-10, 2) * 1000
  return { [from]: start, [to]: start + r.int(1, 14) * 1000 } as Record<F | T, number>
}

const genLine = (r: Rng, i: number): CartLineInput => {
  const spu = r.pick(SPUS)
  const unitPrice = r.bool(0.05) ? 0 : r.int(1, r.bool(0.3) ? 200 : 50000)
  const line: CartLineInput = {
    skuId: `${spu}-${i}`,
    spuId: spu,
    categoryIds: ['root', CATS[SPUS.indexOf(spu) % 3]!],
    unitPrice,
    quantity: r.bool(0.7) ? r.int(1, 3) : r.int(1, 999),
  }
  return {
    ...line,
    ...(r.bool(0.4) ? { memberPrice: r.int(0, unitPrice + 100) } : {}),
    ...(r.bool(0.3) ? { campaignPrice: r.int(0, unitPrice + 100) } : {}),
  }
}

const genCampaign = (r: Rng, i: number): FullReductionCampaign => {
  const kind = r.bool() ? 'amount' : 'quantity'
  const n = r.int(1, 3)
  const thresholds = Array.from({ length: n }, (_, k) =>
    kind === 'amount' ? r.int(1, 30000) * (k + 1) : r.int(1, 5) + k * 5,
  )
  const uniq = thresholds.filter((t, k) => thresholds.indexOf(t) === k)
  return {
    id: `fr${i}`,
    kind,
    tiers: uniq.map((threshold) =>
      r.bool(0.6)
        ? { threshold, off: r.int(1, r.bool(0.8) ? 5000 : 900000) }
        : { threshold, payPermille: r.int(0, 999) },
    ),
    scope: scope(r),
    ...window(r, 'startAt', 'endAt'),
    stackableWithCoupon: r.bool(),
  }
}

const genCoupon = (r: Rng, i: number): CouponInstance => {
  const kind = r.pick(['amountOff', 'percentOff', 'noThreshold'] as const)
  const common = {
    id: `cp${i}`,
    scope: scope(r),
    ...window(r, 'validFrom', 'validTo'),
    status: r.bool(0.8) ? ('available' as const) : r.pick(['locked', 'used', 'expired'] as const),
  }
  if (kind === 'noThreshold') return { ...common, kind, off: r.int(1, 3000) }
  if (kind === 'amountOff') return { ...common, kind, threshold: r.int(0, 40000), off: r.int(1, 6000) }
  return {
    ...common,
    kind,
    threshold: r.int(0, 20000),
    payPermille: r.int(0, 999),
    ...(r.bool() ? { cap: r.int(1, 5000) } : {}),
  }
}

const genInput = (r: Rng): PriceCartInput => {
  const lines = Array.from({ length: r.int(1, 6) }, (_, i) => genLine(r, i))
  const balance = r.int(0, 100000)
  return {
    lines,
    ...(r.bool(0.6)
      ? {
          member: {
            level: r.int(0, 5),
            ...(r.bool() ? { discountPermille: r.int(800, 1000) } : {}),
            freeShipping: r.bool(0.2),
          },
        }
      : {}),
    campaigns: Array.from({ length: r.int(0, 3) }, (_, i) => genCampaign(r, i)),
    coupons: Array.from({ length: r.int(0, 5) }, (_, i) => genCoupon(r, i)),
    coupon: 'auto',
    ...(r.bool(0.6)
      ? {
          points: {
            use: r.int(0, balance),
            balance,
            pointsPerYuan: r.pick([1, 10, 100, 1000, 3]),
            maxSharePermille: r.int(0, 1000),
          },
        }
      : {}),
    ...(r.bool(0.8)
      ? {
          shipping: {
            baseFee: r.int(0, 2000),
            freeOver: r.int(0, 50000),
            freeForLevelAtLeast: r.int(1, 6),
            regionExtra: { 西藏: 2000 },
          },
        }
      : {}),
    region: r.pick(['西藏', '上海']),
    now: NOW,
  }
}

const SOURCES = ['member', 'campaign', 'fullReduction', 'coupon', 'points'] as const

const checkInvariants = (input: PriceCartInput, p: PricedCart): void => {
  const t = p.totals
  for (const k of Object.keys(t) as (keyof typeof t)[])
    check(Number.isSafeInteger(t[k]) && t[k] >= 0, `total ${k} >= 0`)
  check(t.goods - t.discount + t.shipping === t.payable, 'goods - discount + shipping = payable')
  check(p.breakdown.reduce((s, e) => s + e.amount, 0) === t.payable, 'breakdown sums to payable')
  check(p.lines.reduce((s, l) => s + l.payable, 0) + t.shipping === t.payable, 'lines + shipping = payable')
  check(SOURCES.reduce((s, k) => s + t[k], 0) === t.discount, 'sources sum to discount')
  for (const k of SOURCES)
    check(p.lines.reduce((s, l) => s + l.discounts[k], 0) === t[k], `lines sum to ${k}`)
  const fr = p.fullReductions.reduce((s, f) => s + f.saving, 0)
  check(fr === t.fullReduction, 'campaign savings = fullReduction total')
  check((p.coupon ? p.coupon.saving : 0) === t.coupon, 'coupon saving = coupon total')
  check(p.points.deduction === t.points, 'points deduction = points total')
  p.lines.forEach((l, i) => {
    const src = input.lines[i]!
    for (const k of SOURCES)
      check(Number.isSafeInteger(l.discounts[k]) && l.discounts[k] >= 0, `line ${i} ${k} >= 0`)
    check(l.payable >= 0, `line ${i} payable >= 0`)
    check(l.listSubtotal === src.unitPrice * src.quantity, `line ${i} list subtotal`)
    check(
      l.listSubtotal - SOURCES.reduce((s, k) => s + l.discounts[k], 0) === l.payable,
      `line ${i} discounts explain its payable`,
    )
    check(!(l.discounts.member > 0 && l.discounts.campaign > 0), `line ${i}: member and campaign never both`)
    const candidates = [
      src.unitPrice,
      src.campaignPrice ?? Infinity,
      input.member ? (src.memberPrice ?? Infinity) : Infinity,
    ]
    check(l.unitPriceUsed === Math.min(...candidates), `line ${i} takes the lowest price`)
    const campaign = p.fullReductions.find((f) => f.campaignId === l.fullReductionId)
    if (campaign && !campaign.stackableWithCoupon)
      check(l.discounts.coupon === 0, `line ${i}: no coupon on non-stackable`)
    if (l.fullReductionId === undefined)
      check(l.discounts.fullReduction === 0, `line ${i}: reduction needs a campaign`)
  })
  const skuCampaigns = p.fullReductions.flatMap((f) => f.skuIds)
  check(new Set(skuCampaigns).size === skuCampaigns.length, 'a line takes at most one campaign')
  if (p.points.deduction > 0) {
    check(t.payable >= 1, 'points never bring payable below 1 fen')
    check(p.points.used <= (input.points?.use ?? 0), 'never more points than requested')
    check(
      p.points.used * 100 >= p.points.deduction * input.points!.pointsPerYuan,
      'points pay for the deduction',
    )
  }
  if (t.coupon > 0) check(p.coupons.filter((c) => c.applicable).length > 0, 'applied coupon is applicable')
}

describe('priceCart: invariants over random carts and rules', () => {
  it('parts sum to totals, nothing negative, stacking rules hold', () => {
    forAll(
      genInput,
      (input) => {
        const r = priceCart(input)
        check(r.ok || r.error.code === 'POINTS_INSUFFICIENT', `priced: ${r.ok ? '' : r.error.code}`)
        if (r.ok) checkInvariants(input, r.value)
      },
      { runs: 3000 },
    )
  })

  it("'auto' is really the best coupon: no explicit choice (or none) pays less", () => {
    forAll(
      genInput,
      (input) => {
        const auto = unwrap(priceCart(input))
        const none = unwrap(priceCart({ ...input, coupon: 'none' }))
        check(auto.totals.payable <= none.totals.payable, 'auto <= none')
        for (const option of auto.coupons) {
          const chosen = priceCart({ ...input, coupon: { id: option.id } })
          check(chosen.ok === option.applicable, `coupon ${option.id} applicability agrees`)
          if (chosen.ok) {
            checkInvariants(input, chosen.value)
            check(chosen.value.totals.coupon === option.saving, `coupon ${option.id} saving as offered`)
            check(auto.totals.payable <= chosen.value.totals.payable, `auto <= ${option.id}`)
          } else {
            check(chosen.error.code === option.code, `coupon ${option.id} error code as offered`)
          }
        }
      },
      { runs: 1500, seed: 777 },
    )
  })

  it('is deterministic and does not mutate its input', () => {
    forAll(
      genInput,
      (input) => {
        const copy = JSON.stringify(input)
        const a = priceCart(input)
        const b = priceCart(JSON.parse(copy) as PriceCartInput)
        check(JSON.stringify(a) === JSON.stringify(b), 'same input, same output')
        check(JSON.stringify(input) === copy, 'input unchanged')
      },
      { runs: 500, seed: 99 },
    )
  })
})
