import { prorate } from '../money/prorate'
import { isRunning } from '../promotion/discount'
import { runPromotion, type Promotion } from '../promotion/rules'
import { inScope } from '../promotion/scope'
import type { FullReductionCampaign } from '../promotion/types'
import type { AppliedFullReduction, CartHint } from './types'
import { remaining, ruleLine, type WorkLine } from './work'

export interface CompiledCampaign {
  readonly campaign: FullReductionCampaign
  readonly promotion: Promotion
}

/**
 * Rule: a line takes part in at most one full-reduction campaign. Campaigns are applied greedily: the one
 * saving the most on its still-free lines goes first (ties: input order), then the next on what is left.
 * The saving is allocated over the campaign's lines in proportion to their amounts.
 */
export const applyFullReductions = (
  work: WorkLine[],
  campaigns: readonly CompiledCampaign[],
  now: number,
): { applied: AppliedFullReduction[]; hints: CartHint[] } => {
  const active = campaigns.filter((c) => isRunning(c.campaign, now))
  const applied: AppliedFullReduction[] = []
  const used = new Array<boolean>(active.length).fill(false)
  const free = (c: CompiledCampaign) =>
    work.filter((w) => w.fullReductionId === undefined && inScope(c.campaign.scope, w.input))

  for (;;) {
    let bestIndex = -1
    let bestSaving = 0
    let bestLabel = ''
    active.forEach((c, i) => {
      if (used[i]) return
      const lines = free(c)
      if (lines.length === 0) return
      const outcome = runPromotion(c.promotion, lines.map(ruleLine))
      if (outcome.applicable && outcome.saving > bestSaving) {
        bestIndex = i
        bestSaving = outcome.saving
        bestLabel = outcome.label
      }
    })
    if (bestIndex < 0) break
    used[bestIndex] = true
    const c = active[bestIndex]!
    const lines = free(c)
    const parts = prorate(bestSaving, lines.map(remaining))
    lines.forEach((w, k) => {
      w.discounts.fullReduction = parts[k]!
      w.fullReductionId = c.campaign.id
      w.couponBlocked = !c.campaign.stackableWithCoupon
    })
    applied.push({
      campaignId: c.campaign.id,
      label: bestLabel,
      saving: bestSaving,
      skuIds: lines.map((w) => w.input.skuId),
      stackableWithCoupon: c.campaign.stackableWithCoupon,
    })
  }

  // Hints: for each active campaign, how far its lines (its own, or still free) are from the next tier.
  const hints: CartHint[] = []
  for (const c of active) {
    const lines = work.filter(
      (w) =>
        inScope(c.campaign.scope, w.input) &&
        (w.fullReductionId === undefined || w.fullReductionId === c.campaign.id),
    )
    if (lines.length === 0) continue
    const before = lines.map((w) => ({
      amount: remaining(w) + (w.fullReductionId === c.campaign.id ? w.discounts.fullReduction : 0),
      quantity: w.input.quantity,
    }))
    const outcome = runPromotion(c.promotion, before)
    if (outcome.hint) hints.push({ ...outcome.hint, source: 'fullReduction', ref: c.campaign.id })
  }
  return { applied, hints }
}
