import { mulDivFloor } from '../money/arith'
import type { Fen } from '../money/fen'
import { inScope, type Scope, type ScopedItem } from './scope'

/**
 * A limited-time discount (限时折扣): while it runs, the SKUs in its scope sell at payPermille/1000 of their
 * list price, rounded down (the shopper keeps any fraction of a fen).
 */
export interface DiscountCampaign {
  readonly id: string
  readonly scope: Scope
  readonly payPermille: number
  /** Running when startAt <= now < endAt (epoch ms). */
  readonly startAt: number
  readonly endAt: number
}

/** The window every campaign uses: from startAt (included) to endAt (excluded), epoch ms. */
export const isRunning = (c: { readonly startAt: number; readonly endAt: number }, now: number): boolean =>
  c.startAt <= now && now < c.endAt

/** Only a per-mille in 0..999 lowers a price: 1000 or anything malformed is no discount at all. */
const discounts = (c: DiscountCampaign): boolean =>
  Number.isSafeInteger(c.payPermille) && c.payPermille >= 0 && c.payPermille < 1000

export const discountedPrice = (price: Fen, payPermille: number): Fen =>
  mulDivFloor(price, payPermille, 1000).q

/** A SKU as the promotion rule sees it: where it sits (scope matching) and its list price. */
export interface PromotionItem extends ScopedItem {
  readonly price: Fen
}

export interface CampaignPrice {
  readonly price: Fen
  readonly campaign: DiscountCampaign
}

/**
 * The price a SKU sells at under the running discounts: the lowest one in scope (ties: input order), and only
 * when it is really below the list price — a campaign that takes nothing off gives no campaign price.
 */
export const campaignPriceFor = (
  item: PromotionItem,
  campaigns: readonly DiscountCampaign[],
  now: number,
): CampaignPrice | undefined => {
  let best: CampaignPrice | undefined
  for (const c of campaigns) {
    if (!discounts(c) || !isRunning(c, now) || !inScope(c.scope, item)) continue
    const price = discountedPrice(item.price, c.payPermille)
    if (price < item.price && (!best || price < best.price)) best = { price, campaign: c }
  }
  return best
}

/**
 * THE "on promotion" rule (限时特惠 on the product card, the 促销商品 search filter, the product page's campaign
 * price, checkout's campaign price): a product is on promotion exactly when a running limited-time discount
 * sells at least one of its on-shelf SKUs below its list price — the price checkout then charges.
 * Full-reduction campaigns (满减) do not count: they lower an order only once it reaches a tier, and a
 * store-wide one would put every product on promotion; the product page lists them on their own.
 */
export const isOnPromotion = (
  skus: readonly PromotionItem[],
  campaigns: readonly DiscountCampaign[],
  now: number,
): boolean => skus.some((s) => campaignPriceFor(s, campaigns, now) !== undefined)

/**
 * Where the running discounts reach, as one query can ask it: the union of their scopes (`ids` may name SPUs
 * or SKUs, as a products scope does). A SKU priced above 0 is lowered exactly when it is in reach, so a
 * catalogue that cannot read every SKU filters with this and agrees with `isOnPromotion`.
 */
export interface DiscountReach {
  readonly all: boolean
  readonly categoryIds: readonly string[]
  readonly ids: readonly string[]
}

export const discountReach = (campaigns: readonly DiscountCampaign[], now: number): DiscountReach => {
  let all = false
  const categoryIds = new Set<string>()
  const ids = new Set<string>()
  for (const c of campaigns) {
    if (!discounts(c) || !isRunning(c, now)) continue
    if (c.scope.type === 'all') all = true
    else for (const id of c.scope.ids) (c.scope.type === 'categories' ? categoryIds : ids).add(id)
  }
  return { all, categoryIds: [...categoryIds], ids: [...ids] }
}

export const inReach = (reach: DiscountReach, item: ScopedItem): boolean =>
  reach.all ||
  inScope({ type: 'categories', ids: reach.categoryIds }, item) ||
  inScope({ type: 'products', ids: reach.ids }, item)
