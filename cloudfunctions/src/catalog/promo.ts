/**
 * Running campaigns as the catalogue shows them: the limited-time discount gives a campaign price per SKU,
 * full-reduction campaigns are listed on the product page (the order's pricing engine applies them).
 * Cached per warm instance for a short while: every list and detail needs them, they change rarely.
 */
import type { Ctx } from '../router'
import { list } from '../db'
import type { CampaignDoc, ProductDoc } from './docs'

const TTL_MS = 30_000
let cached: { at: number; campaigns: CampaignDoc[] } | undefined

export async function runningCampaigns(ctx: Ctx): Promise<CampaignDoc[]> {
  const t = ctx.now()
  if (cached && t - cached.at < TTL_MS && t >= cached.at) return live(cached.campaigns, t)
  const _ = ctx.db.command
  const campaigns = await list<CampaignDoc>(
    ctx.db
      .collection('campaigns')
      .where({ status: 'active', endAt: _.gt(new Date(t)) })
      .limit(100),
  )
  cached = { at: t, campaigns }
  return live(campaigns, t)
}

const live = (cs: CampaignDoc[], t: number) =>
  cs.filter((c) => new Date(c.startAt).getTime() <= t && new Date(c.endAt).getTime() > t)

export function appliesTo(c: CampaignDoc, p: Pick<ProductDoc, '_id' | 'categoryIds'>): boolean {
  if (c.scope.type === 'all') return true
  if (c.scope.type === 'products') return c.scope.ids.includes(p._id)
  const ids = c.scope.ids
  return p.categoryIds.some((id) => ids.includes(id))
}

/** The discount campaign for a product (the lowest price wins when several apply). */
export function discountFor(
  cs: CampaignDoc[],
  p: Pick<ProductDoc, '_id' | 'categoryIds'>,
): CampaignDoc | undefined {
  return cs
    .filter((c) => c.type === 'discount' && c.payPermille !== undefined && appliesTo(c, p))
    .sort((a, b) => a.payPermille! - b.payPermille!)[0]
}

export const campaignPrice = (price: number, c: CampaignDoc): number =>
  Math.floor((price * c.payPermille!) / 1000)
