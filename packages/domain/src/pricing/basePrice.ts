import { mulFen } from '../money/fen'
import { campaignPriceFor, type DiscountCampaign } from '../promotion/discount'
import { permilleSaving } from '../promotion/rules'
import type { CartLineInput, MemberInput } from './types'
import type { WorkLine } from './work'

/**
 * Rule: a line takes the lowest of its list price, member price (members only) and campaign price — never
 * two of them (a tie goes to the member price). The campaign price is the running limited-time discounts'
 * (`campaignPriceFor`, the rule the catalogue shows) or one the caller resolved, whichever is lower. The
 * member level discount applies only to lines that are still at list price, rounded so the shopper pays
 * any fraction of a fen.
 */
export const basePrice = (
  line: CartLineInput,
  member: MemberInput | undefined,
  discounts: readonly DiscountCampaign[],
  now: number,
): WorkLine => {
  const list = mulFen(line.unitPrice, line.quantity)
  const w: WorkLine = {
    input: line,
    list,
    unitPriceUsed: line.unitPrice,
    priceSource: 'list',
    discounts: { member: 0, campaign: 0, fullReduction: 0, coupon: 0, points: 0 },
    couponBlocked: false,
  }
  const memberPrice = member && line.memberPrice !== undefined ? line.memberPrice : Infinity
  const running = campaignPriceFor(
    { skuId: line.skuId, spuId: line.spuId, categoryIds: line.categoryIds, price: line.unitPrice },
    discounts,
    now,
  )
  const campaignPrice = Math.min(line.campaignPrice ?? Infinity, running ? running.price : Infinity)
  const best = Math.min(memberPrice, campaignPrice)
  if (best < line.unitPrice) {
    w.unitPriceUsed = best
    w.priceSource = memberPrice <= campaignPrice ? 'member' : 'campaign'
    w.discounts[w.priceSource] = list - mulFen(best, line.quantity)
  } else if (member && member.discountPermille !== undefined && member.discountPermille < 1000) {
    w.priceSource = 'list'
    w.discounts.member = permilleSaving(list, member.discountPermille)
  }
  return w
}
