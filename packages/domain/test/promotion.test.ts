import {
  campaignPriceFor,
  discountReach,
  inReach,
  isOnPromotion,
  priceCart,
  unwrap,
  type DiscountCampaign,
  type PromotionItem,
  type Scope,
} from '../src'
import { check, forAll } from './prop'

const NOW = Date.UTC(2026, 11, 2, 8, 0, 0)
const DAY = 86_400_000

/** A phone with two SKUs: 128G and 256G. */
const small: PromotionItem = { skuId: 'p1_s1', spuId: 'p1', categoryIds: ['c1', 'c1_1'], price: 100_000 }
const large: PromotionItem = { ...small, skuId: 'p1_s2', price: 120_000 }
const other: PromotionItem = { skuId: 'p2_s1', spuId: 'p2', categoryIds: ['c2', 'c2_1'], price: 5_000 }

const discount = (over: Partial<DiscountCampaign> = {}): DiscountCampaign => ({
  id: 'flash',
  scope: { type: 'all' },
  payPermille: 800,
  startAt: NOW - DAY,
  endAt: NOW + DAY,
  ...over,
})

/** What checkout charges a non-member for one unit of `item` under `discounts`. */
const checkoutUnit = (item: PromotionItem, discounts: DiscountCampaign[], now = NOW) =>
  unwrap(
    priceCart({
      lines: [{ ...item, unitPrice: item.price, quantity: 1 }],
      discounts,
      now,
    }),
  ).lines[0]!

describe('the promotion rule (card tag, search filter and checkout agree)', () => {
  it('a campaign scoped to one SKU lowers that SKU only, and puts its product on promotion', () => {
    const oneSku = [discount({ scope: { type: 'products', ids: ['p1_s2'] } })]
    expect(campaignPriceFor(large, oneSku, NOW)?.price).toBe(96_000)
    expect(campaignPriceFor(small, oneSku, NOW)).toBeUndefined()
    expect(isOnPromotion([small, large], oneSku, NOW)).toBe(true)
    expect(isOnPromotion([other], oneSku, NOW)).toBe(false)
    expect(checkoutUnit(large, oneSku)).toMatchObject({ unitPriceUsed: 96_000, priceSource: 'campaign' })
    expect(checkoutUnit(small, oneSku)).toMatchObject({ unitPriceUsed: 100_000, priceSource: 'list' })
    const reach = discountReach(oneSku, NOW)
    expect([inReach(reach, large), inReach(reach, small)]).toEqual([true, false])
  })

  it('a campaign that takes nothing off puts nothing on promotion', () => {
    for (const payPermille of [1000, 1200, -1, 850.5, NaN]) {
      const none = [discount({ payPermille })]
      expect(campaignPriceFor(small, none, NOW)).toBeUndefined()
      expect(isOnPromotion([small, large, other], none, NOW)).toBe(false)
      expect(discountReach(none, NOW)).toEqual({ all: false, categoryIds: [], ids: [] })
      expect(checkoutUnit(small, none).priceSource).toBe('list')
    }
    // a SKU at 0 fen cannot go lower
    expect(isOnPromotion([{ ...small, price: 0 }], [discount()], NOW)).toBe(false)
  })

  it('a campaign outside its window (not started, or at its end) puts nothing on promotion', () => {
    const later = [discount({ startAt: NOW + 1, endAt: NOW + DAY })]
    const ended = [discount({ startAt: NOW - DAY, endAt: NOW })]
    for (const cs of [later, ended]) {
      expect(isOnPromotion([small, large], cs, NOW)).toBe(false)
      expect(discountReach(cs, NOW).all).toBe(false)
      expect(checkoutUnit(small, cs).priceSource).toBe('list')
    }
    expect(isOnPromotion([small], later, NOW + 1)).toBe(true)
    expect(checkoutUnit(small, later, NOW + 1).unitPriceUsed).toBe(80_000)
  })

  it('the lowest running discount wins, rounded down to the fen', () => {
    const cs = [
      discount({ id: 'a', payPermille: 900 }),
      discount({ id: 'b', payPermille: 850, scope: { type: 'categories', ids: ['c1_1'] } }),
    ]
    expect(campaignPriceFor({ ...small, price: 999 }, cs, NOW)).toMatchObject({
      price: 849,
      campaign: { id: 'b' },
    })
    expect(campaignPriceFor(other, cs, NOW)).toMatchObject({ price: 4500, campaign: { id: 'a' } })
  })

  it('checkout takes the lower of the member price and the campaign price, never both', () => {
    const line = { ...small, unitPrice: small.price, memberPrice: 95_000, quantity: 1 }
    const priced = unwrap(
      priceCart({
        lines: [line],
        member: { level: 1 },
        discounts: [discount({ payPermille: 990 })],
        now: NOW,
      }),
    ).lines[0]!
    expect(priced).toMatchObject({ unitPriceUsed: 95_000, priceSource: 'member' })
  })

  it('property: the filter (reach), the card (isOnPromotion) and checkout agree on every product', () => {
    const scopes = (ids: string[]): Scope[] => [
      { type: 'all' },
      { type: 'categories', ids: ['c1'] },
      { type: 'categories', ids: ['c2_1'] },
      { type: 'products', ids },
    ]
    forAll(
      (r) => {
        const skus: PromotionItem[] = Array.from({ length: r.int(1, 4) }, (_, k) => ({
          skuId: `p_s${k}`,
          spuId: 'p',
          categoryIds: r.pick([
            ['c1', 'c1_1'],
            ['c2', 'c2_1'],
          ]),
          price: r.int(1, 50_000),
        }))
        const campaigns: DiscountCampaign[] = Array.from({ length: r.int(0, 3) }, (_, k) => ({
          id: `d${k}`,
          scope: r.pick(scopes([r.pick(['p', 'p_s0', 'p_s1', 'q'])])),
          payPermille: r.pick([0, 500, 850, 999, 1000]),
          startAt: NOW + r.int(-2, 1) * DAY,
          endAt: NOW + r.int(-1, 2) * DAY + 1,
        }))
        return { skus, campaigns }
      },
      ({ skus, campaigns }) => {
        const on = isOnPromotion(skus, campaigns, NOW)
        const reach = discountReach(campaigns, NOW)
        check(on === skus.some((s) => inReach(reach, s)), 'the filter agrees with the card')
        const lowered = skus.some((s) => checkoutUnit(s, campaigns).priceSource === 'campaign')
        check(on === lowered, 'checkout lowers a price exactly when the product is on promotion')
      },
      { runs: 500 },
    )
  })
})
