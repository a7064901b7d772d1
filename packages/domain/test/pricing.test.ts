import {
  confirmPayable,
  priceCart,
  unwrap,
  type CartLineInput,
  type CouponInstance,
  type FullReductionCampaign,
  type PriceCartInput,
} from '../src'

const NOW = Date.UTC(2026, 10, 25, 8, 0, 0)
const DAY = 86_400_000

const lineA: CartLineInput = {
  skuId: 'a1',
  spuId: 'A',
  categoryIds: ['food', 'snack'],
  unitPrice: 10000,
  memberPrice: 9000,
  quantity: 2,
}
const lineB: CartLineInput = {
  skuId: 'b1',
  spuId: 'B',
  categoryIds: ['home', 'kitchen'],
  unitPrice: 5000,
  campaignPrice: 4500,
  quantity: 1,
}
const manjian = (over: Partial<FullReductionCampaign> = {}): FullReductionCampaign => ({
  id: 'fr1',
  name: '双11满减',
  kind: 'amount',
  tiers: [
    { threshold: 20000, off: 3000 },
    { threshold: 30000, off: 6000 },
  ],
  scope: { type: 'all' },
  startAt: NOW - DAY,
  endAt: NOW + DAY,
  stackableWithCoupon: false,
  ...over,
})
const coupon = (over: Partial<CouponInstance> & { id: string }): CouponInstance => ({
  kind: 'amountOff',
  threshold: 10000,
  off: 1000,
  scope: { type: 'all' },
  validFrom: NOW - DAY,
  validTo: NOW + DAY,
  status: 'available',
  ...over,
})
const shipping = { baseFee: 1000, freeOver: 9900, regionExtra: { 新疆: 1500 } }

const base: PriceCartInput = {
  lines: [lineA, lineB],
  member: { level: 2 },
  campaigns: [manjian()],
  coupons: [coupon({ id: 'c1' }), coupon({ id: 'c2', kind: 'noThreshold', threshold: 0, off: 500 })],
  shipping,
  now: NOW,
}

describe('priceCart: worked examples', () => {
  it('member and campaign prices, a non-stackable full reduction, free shipping', () => {
    const p = unwrap(priceCart({ ...base, coupon: 'auto' }))
    expect(
      p.lines.map((l) => [l.unitPriceUsed, l.priceSource, l.subtotal, l.discounts.fullReduction, l.payable]),
    ).toEqual([
      [9000, 'member', 18000, 2400, 15600],
      [4500, 'campaign', 4500, 600, 3900],
    ])
    expect(p.totals).toEqual({
      goods: 25000,
      member: 2000,
      campaign: 500,
      fullReduction: 3000,
      coupon: 0,
      points: 0,
      discount: 5500,
      shipping: 0,
      payable: 19500,
    })
    expect(p.fullReductions).toEqual([
      {
        campaignId: 'fr1',
        label: '满200减30',
        saving: 3000,
        skuIds: ['a1', 'b1'],
        stackableWithCoupon: false,
      },
    ])
    expect(p.coupon).toBeNull()
    expect(p.coupons).toEqual([
      {
        id: 'c1',
        label: '满100减10',
        applicable: false,
        saving: 0,
        code: 'COUPON_NOT_APPLICABLE',
        reason: '所选商品参与的满减活动不可与优惠券同享',
      },
      {
        id: 'c2',
        label: '无门槛减5',
        applicable: false,
        saving: 0,
        code: 'COUPON_NOT_APPLICABLE',
        reason: '所选商品参与的满减活动不可与优惠券同享',
      },
    ])
    expect(p.hints).toEqual([
      { source: 'fullReduction', ref: 'fr1', shortBy: 7500, unit: 'fen', text: '再买¥75.00可减¥60.00' },
    ])
    expect(p.breakdown).toEqual([
      { source: 'goods', label: '商品金额', amount: 25000 },
      { source: 'member', label: '会员优惠', amount: -2000 },
      { source: 'campaign', label: '活动价优惠', amount: -500 },
      { source: 'fullReduction', label: '满200减30', amount: -3000, ref: 'fr1' },
      { source: 'shipping', label: '运费（满¥99.00包邮）', amount: 0 },
    ])
  })

  it('stackable reduction + best coupon + points, with exact allocation', () => {
    const p = unwrap(
      priceCart({
        ...base,
        campaigns: [manjian({ stackableWithCoupon: true })],
        coupon: 'auto',
        points: { use: 1000, balance: 5000, pointsPerYuan: 100, maxSharePermille: 500 },
      }),
    )
    expect(p.coupon).toEqual({ id: 'c1', label: '满100减10', saving: 1000 })
    expect(p.coupons.map((c) => [c.id, c.applicable, c.saving])).toEqual([
      ['c1', true, 1000],
      ['c2', true, 500],
    ])
    expect(p.lines.map((l) => [l.discounts.coupon, l.discounts.points, l.payable])).toEqual([
      [800, 800, 14000],
      [200, 200, 3500],
    ])
    expect(p.points).toEqual({
      requested: 1000,
      used: 1000,
      deduction: 1000,
      maxUsable: 5000,
      maxDeduction: 5000,
    })
    expect(p.totals.payable).toBe(17500)
    expect(p.breakdown.slice(4)).toEqual([
      { source: 'coupon', label: '优惠券（满100减10）', amount: -1000, ref: 'c1' },
      { source: 'points', label: '积分抵扣（1000积分）', amount: -1000 },
      { source: 'shipping', label: '运费（满¥99.00包邮）', amount: 0 },
    ])
    expect(p.breakdown.reduce((s, e) => s + e.amount, 0)).toBe(p.totals.payable)
  })

  it('without member: list price or campaign price, shipping charged with a hint and surcharge', () => {
    const p = unwrap(
      priceCart({
        lines: [{ ...lineA, quantity: 1 }, lineB],
        shipping,
        region: '新疆',
        now: NOW,
        coupon: 'none',
      }),
    )
    // A stays at list (member price needs a member), B takes the campaign price.
    expect(p.lines.map((l) => [l.unitPriceUsed, l.priceSource])).toEqual([
      [10000, 'list'],
      [4500, 'campaign'],
    ])
    expect(p.shipping).toEqual({ fee: 0 + 1500, baseFee: 0, extra: 1500, freeReason: '满¥99.00包邮' })
    const small = unwrap(priceCart({ lines: [lineB], shipping, region: '新疆', now: NOW }))
    expect(small.shipping).toEqual({ fee: 2500, baseFee: 1000, extra: 1500 })
    expect(small.hints).toEqual([
      { source: 'shipping', shortBy: 5400, unit: 'fen', text: '再买¥54.00可免运费' },
    ])
    expect(small.totals.payable).toBe(4500 + 2500)
  })

  it('takes the lower of member and campaign price, never both', () => {
    const p = unwrap(
      priceCart({
        lines: [{ ...lineA, memberPrice: 9000, campaignPrice: 8800, quantity: 1 }],
        member: { level: 1, discountPermille: 950 },
        now: NOW,
      }),
    )
    expect(p.lines[0]).toMatchObject({ unitPriceUsed: 8800, priceSource: 'campaign' })
    expect(p.lines[0]!.discounts).toMatchObject({ member: 0, campaign: 1200 })
  })

  it('applies the member level discount only to list-price lines, rounding for the shopper to pay the fraction', () => {
    const p = unwrap(
      priceCart({
        lines: [
          { skuId: 'x', spuId: 'X', categoryIds: [], unitPrice: 999, quantity: 1 },
          { ...lineB, quantity: 1 },
        ],
        member: { level: 3, discountPermille: 950 },
        now: NOW,
      }),
    )
    // 999 * 5% = 49.95 -> saving 49
    expect(p.lines.map((l) => [l.discounts.member, l.discounts.campaign, l.payable])).toEqual([
      [49, 0, 950],
      [0, 500, 4500],
    ])
  })

  it('quantity tiers: 满2件9折 and 满3件8折 in scope only', () => {
    const q = manjian({
      id: 'q1',
      kind: 'quantity',
      tiers: [
        { threshold: 2, payPermille: 900 },
        { threshold: 3, payPermille: 800 },
      ],
      scope: { type: 'categories', ids: ['snack'] },
    })
    const p = unwrap(priceCart({ lines: [lineA, lineB], campaigns: [q], now: NOW }))
    expect(p.fullReductions).toEqual([
      { campaignId: 'q1', label: '满2件9折', saving: 2000, skuIds: ['a1'], stackableWithCoupon: false },
    ])
    expect(p.lines[1]!.discounts.fullReduction).toBe(0)
    expect(p.hints[0]).toMatchObject({ text: '再买1件享8折', shortBy: 1, unit: 'items' })
  })

  it('ignores campaigns outside their window', () => {
    const p = unwrap(priceCart({ ...base, campaigns: [manjian({ startAt: NOW + 1, endAt: NOW + DAY })] }))
    expect(p.fullReductions).toEqual([])
    expect(p.hints).toEqual([])
  })

  it('gives each line to at most one campaign, the bigger saving first', () => {
    const food = manjian({
      id: 'food',
      scope: { type: 'categories', ids: ['food'] },
      tiers: [{ threshold: 100, off: 1500 }],
    })
    const all = manjian({ id: 'all', tiers: [{ threshold: 100, off: 1000 }] })
    const p = unwrap(priceCart({ lines: [lineA, lineB], campaigns: [all, food], now: NOW }))
    expect(p.fullReductions.map((f) => [f.campaignId, f.saving, f.skuIds])).toEqual([
      ['food', 1500, ['a1']],
      ['all', 1000, ['b1']],
    ])
  })

  it('percent-off coupon with cap and threshold', () => {
    const c = coupon({ id: 'p', kind: 'percentOff', threshold: 20000, payPermille: 850, cap: 2000 })
    const p = unwrap(priceCart({ lines: [lineA], coupons: [c], coupon: { id: 'p' }, now: NOW }))
    // 20000 * 15% = 3000, capped at 2000
    expect(p.coupon).toEqual({ id: 'p', label: '满200享8.5折（最高减20）', saving: 2000 })
    const small = priceCart({
      lines: [{ ...lineA, quantity: 1 }],
      coupons: [c],
      coupon: { id: 'p' },
      now: NOW,
    })
    expect(small).toEqual({
      ok: false,
      error: { code: 'COUPON_NOT_APPLICABLE', message: '还差¥100.00可用', details: { couponId: 'p' } },
    })
  })

  it('reports why a coupon cannot be used', () => {
    const coupons = [
      coupon({ id: 'used', status: 'used' }),
      coupon({ id: 'locked', status: 'locked' }),
      coupon({ id: 'old', validTo: NOW }),
      coupon({ id: 'future', validFrom: NOW + 1 }),
      coupon({ id: 'scope', scope: { type: 'products', ids: ['Z'] } }),
    ]
    const p = unwrap(priceCart({ lines: [lineA], coupons, coupon: 'auto', now: NOW }))
    expect(p.coupon).toBeNull()
    expect(p.coupons.map((c) => [c.id, c.code, c.reason])).toEqual([
      ['used', 'COUPON_USED', '优惠券已使用'],
      ['locked', 'COUPON_USED', '优惠券已被其他订单占用'],
      ['old', 'COUPON_EXPIRED', '优惠券已过期'],
      ['future', 'COUPON_NOT_APPLICABLE', '优惠券未到使用时间'],
      ['scope', 'COUPON_NOT_APPLICABLE', '本单没有适用此券的商品'],
    ])
    expect(priceCart({ lines: [lineA], coupons, coupon: { id: 'old' }, now: NOW })).toMatchObject({
      ok: false,
      error: { code: 'COUPON_EXPIRED' },
    })
    expect(priceCart({ lines: [lineA], coupons, coupon: { id: 'nope' }, now: NOW })).toMatchObject({
      ok: false,
      error: { code: 'COUPON_NOT_APPLICABLE' },
    })
  })

  it('points: capped by share, balance and the 1-fen floor; charges the fewest points', () => {
    const one = { skuId: 's', spuId: 'S', categoryIds: [], unitPrice: 3, quantity: 1 }
    const p = unwrap(
      priceCart({
        lines: [one],
        points: { use: 500, balance: 500, pointsPerYuan: 100, maxSharePermille: 1000 },
        now: NOW,
      }),
    )
    expect(p.points).toMatchObject({ used: 2, deduction: 2 })
    expect(p.totals.payable).toBe(1)
    const rate = unwrap(
      priceCart({
        lines: [lineA],
        points: { use: 999, balance: 10000, pointsPerYuan: 1000, maxSharePermille: 100 },
        now: NOW,
      }),
    )
    // 999 points at 1000/yuan = 99.9 fen -> 99 fen, costing 990 points; balance caps at 1000 fen
    expect(rate.points).toMatchObject({ requested: 999, used: 990, deduction: 99, maxDeduction: 1000 })
    expect(
      priceCart({
        lines: [lineA],
        points: { use: 10, balance: 5, pointsPerYuan: 100, maxSharePermille: 500 },
        now: NOW,
      }),
    ).toMatchObject({ ok: false, error: { code: 'POINTS_INSUFFICIENT' } })
  })

  it('refuses bad input with precise codes', () => {
    expect(priceCart({ lines: [], now: NOW })).toMatchObject({ ok: false, error: { code: 'CART_EMPTY' } })
    for (const quantity of [0, -1, 1.5, 1000, NaN]) {
      expect(priceCart({ lines: [{ ...lineA, quantity }], now: NOW })).toMatchObject({
        ok: false,
        error: { code: 'QUANTITY_INVALID' },
      })
    }
    for (const unitPrice of [-1, 1.5, NaN]) {
      expect(priceCart({ lines: [{ ...lineA, unitPrice }], now: NOW })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
    const badCampaign = manjian({ tiers: [{ threshold: 100 }] })
    expect(priceCart({ lines: [lineA], campaigns: [badCampaign], now: NOW })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { id: 'fr1' } },
    })
    const badCoupon = coupon({ id: 'bad', kind: 'percentOff', payPermille: 1000 })
    expect(priceCart({ lines: [lineA], coupons: [badCoupon], now: NOW })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })

  it('hints at the coupon nearest its threshold when none applies', () => {
    const coupons = [
      coupon({ id: 'far', threshold: 20000, off: 2000 }),
      coupon({ id: 'near', threshold: 15000, off: 1000 }),
    ]
    const one = { ...lineA, quantity: 1 }
    const p = unwrap(priceCart({ lines: [one], coupons, coupon: 'auto', now: NOW }))
    expect(p.coupon).toBeNull()
    expect(p.hints).toEqual([
      { source: 'coupon', ref: 'near', shortBy: 5000, unit: 'fen', text: '再买¥50.00可用满150减10券' },
    ])
    expect(p.coupons.find((c) => c.id === 'far')).toMatchObject({ reason: '还差¥100.00可用' })
    const applied = unwrap(priceCart({ lines: [{ ...one, quantity: 2 }], coupons, coupon: 'auto', now: NOW }))
    expect(applied.coupon?.id).toBe('far')
    expect(applied.hints).toEqual([])
  })

  it('confirmPayable guards the submitted total', () => {
    const p = unwrap(priceCart({ ...base }))
    expect(confirmPayable(p, p.totals.payable).ok).toBe(true)
    expect(confirmPayable(p, p.totals.payable - 1)).toEqual({
      ok: false,
      error: {
        code: 'AMOUNT_MISMATCH',
        message: `expected ${p.totals.payable - 1}, priced ${p.totals.payable}`,
        details: { expected: p.totals.payable - 1, actual: p.totals.payable },
      },
    })
  })
})
