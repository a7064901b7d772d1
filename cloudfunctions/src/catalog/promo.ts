/**
 * Running campaigns as the catalogue shows them, judged by the one promotion rule of packages/domain
 * (promotion/discount.ts): the limited-time discounts give each SKU its campaign price and decide what is on
 * promotion — the card's 限时特惠 tag, the 促销商品 search filter, the product page — and checkout runs the
 * same rule through priceCart (order/pricing.ts). Full-reduction campaigns are listed on the product page.
 * Cached per warm instance for a short while (every list and detail needs them, they change rarely); the
 * window is checked against the clock on every call, so a campaign starts and ends on time.
 */
import {
  campaignPriceFor,
  discountReach,
  isRunning,
  type CampaignPrice,
  type DiscountCampaign,
  type DiscountReach,
  type PromotionItem,
  type Scope,
} from '@mall/domain'
import type { Ctx } from '../router'
import { list } from '../db'
import type { CampaignDoc, ProductDoc, SkuDoc } from './docs'

/** The tag the rule puts on a product on promotion; a stored copy of it is never shown on its own. */
export const PROMOTION_TAG = '限时特惠'

const TTL_MS = 30_000

type NamedSku = Pick<SkuDoc, '_id' | 'spuId' | 'price'>
interface Loaded {
  campaigns: CampaignDoc[]
  /** on-shelf SKUs a discount names by SKU id (its products scope may name SPUs or SKUs) */
  named: NamedSku[]
}
let cached: { at: number; loaded: Loaded } | undefined

export interface Running {
  /** the campaigns running now */
  campaigns: CampaignDoc[]
  discounts: DiscountCampaign[]
  reach: DiscountReach
  named: NamedSku[]
  now: number
}

/** A stored discount campaign as the domain rule takes it (checkout uses this too). */
export function discountsOf(docs: ReadonlyArray<StoredCampaign>): DiscountCampaign[] {
  return docs.flatMap((c) =>
    c.type === 'discount' && c.payPermille !== undefined
      ? [{ id: c._id, scope: c.scope, payPermille: c.payPermille, ...windowOf(c) }]
      : [],
  )
}
interface DocWindow {
  startAt: Date | number
  endAt: Date | number
}
/** What the catalogue's and checkout's campaign documents have in common. */
interface StoredCampaign extends DocWindow {
  _id: string
  type: string
  scope: Scope
  payPermille?: number
}
const windowOf = (c: DocWindow) => ({
  startAt: new Date(c.startAt).getTime(),
  endAt: new Date(c.endAt).getTime(),
})

export async function runningCampaigns(ctx: Ctx): Promise<Running> {
  const t = ctx.now()
  const fresh = cached && t - cached.at < TTL_MS && t >= cached.at
  const loaded = fresh ? cached!.loaded : await load(ctx, t)
  if (!fresh) cached = { at: t, loaded }
  const campaigns = loaded.campaigns.filter((c) => isRunning(windowOf(c), t))
  const discounts = discountsOf(campaigns)
  const reach = discountReach(discounts, t)
  // only the SKUs a running discount names (a cached campaign may not have started yet)
  const named = loaded.named.filter((s) => reach.ids.includes(s._id))
  return { campaigns, discounts, reach, named, now: t }
}

async function load(ctx: Ctx, t: number): Promise<Loaded> {
  const _ = ctx.db.command
  const campaigns = await list<CampaignDoc>(
    ctx.db
      .collection('campaigns')
      .where({ status: 'active', endAt: _.gt(new Date(t)) })
      .limit(100),
  )
  const ids = [
    ...new Set(discountsOf(campaigns).flatMap((c) => (c.scope.type === 'products' ? [...c.scope.ids] : []))),
  ]
  const named = ids.length
    ? await list<NamedSku>(
        ctx.db
          .collection('skus')
          .where({ _id: _.in(ids), status: 'onShelf' })
          .field({ _id: true, spuId: true, price: true })
          .limit(1000),
      )
    : []
  return { campaigns, named }
}

/**
 * What the rule says about a product the catalogue holds as a summary (lists do not read every SKU): its
 * cheapest SKU stands for every SKU a product or category scope reaches, and the SKUs a campaign names are
 * read on their own. `price` is the lowest campaign price among them.
 */
export function productPromotion(
  r: Running,
  p: Pick<ProductDoc, '_id' | 'categoryIds' | 'minPrice'>,
): CampaignPrice | undefined {
  const items: PromotionItem[] = [
    { skuId: p._id, spuId: p._id, categoryIds: p.categoryIds, price: p.minPrice },
    ...r.named
      .filter((s) => s.spuId === p._id)
      .map((s) => ({ skuId: s._id, spuId: p._id, categoryIds: p.categoryIds, price: s.price })),
  ]
  return lowest(items.map((i) => campaignPriceFor(i, r.discounts, r.now)))
}

export const lowest = (prices: Array<CampaignPrice | undefined>): CampaignPrice | undefined =>
  prices.reduce<CampaignPrice | undefined>((a, b) => (b && (!a || b.price < a.price) ? b : a), undefined)

/** The product's tags with the promotion tag exactly when the rule says so, first. */
export const promotionTags = (tags: string[] | undefined, onPromotion: boolean): string[] => [
  ...(onPromotion ? [PROMOTION_TAG] : []),
  ...(tags ?? []).filter((t) => t !== PROMOTION_TAG),
]

/**
 * The 促销商品 filter as one query condition, agreeing with `productPromotion`: a product a running discount
 * reaches as a whole (with a price above 0 to lower), or one with a SKU a discount names. Null when nothing
 * is on promotion.
 */
export function promotionFilter(ctx: Ctx, r: Running): object | null {
  const _ = ctx.db.command
  const { reach } = r
  const scopes: object[] = [
    ...(reach.categoryIds.length ? [{ categoryIds: _.in([...reach.categoryIds]) }] : []),
    ...(reach.ids.length ? [{ _id: _.in([...reach.ids]) }] : []),
  ]
  const whole =
    reach.all || scopes.length
      ? [
          reach.all
            ? { minPrice: _.gt(0) }
            : _.and([{ minPrice: _.gt(0) }, scopes.length > 1 ? _.or(scopes) : scopes[0]!]),
        ]
      : []
  const namedSpus = [...new Set(r.named.filter((s) => s.price > 0).map((s) => s.spuId))]
  const any: object[] = [...whole, ...(namedSpus.length ? [{ _id: _.in(namedSpus) }] : [])]
  if (!any.length) return null
  return any.length > 1 ? _.or(any) : any[0]!
}
