import { formatPrice, formatYuanCompact, type Fen } from '../money/fen'
import { mulDivFloor } from '../money/arith'
import type { DomainErrorCode } from '../result/errors'

/** What a rule sees: the eligible lines' current amounts (fen) and quantities. */
export interface RuleLine {
  readonly amount: Fen
  readonly quantity: number
}

export interface RuleHint {
  /** How far the cart is from the next tier: fen or items. */
  readonly shortBy: number
  readonly unit: 'fen' | 'items'
  readonly text: string
}

export type RuleOutcome =
  | { readonly applicable: true; readonly saving: Fen; readonly label: string; readonly hint?: RuleHint }
  | {
      readonly applicable: false
      readonly code: DomainErrorCode
      readonly reason: string
      readonly label: string
      readonly hint?: RuleHint
    }

/** A declarative promotion rule (Vendure style): data `{code, args}` is run by the rule with that code. */
export interface PromotionRule<A> {
  readonly code: string
  readonly description: string
  readonly execute: (args: A, lines: readonly RuleLine[]) => RuleOutcome
}

export interface TierArgs {
  readonly measure: 'amount' | 'quantity'
  readonly tiers: readonly { readonly threshold: number; readonly off?: Fen; readonly payPermille?: number }[]
}
export interface AmountOffArgs {
  readonly threshold: Fen
  readonly off: Fen
}
export interface PercentOffArgs {
  readonly threshold: Fen
  readonly payPermille: number
  readonly cap?: Fen
}

/** 900 -> '9', 850 -> '8.5', 875 -> '8.75' (折). */
export const zhe = (payPermille: number): string => formatYuanCompact(payPermille)

/** The saving of paying `payPermille`/1000: rounded down, so the shopper pays any fraction of a fen. */
export const permilleSaving = (base: Fen, payPermille: number): Fen =>
  mulDivFloor(base, 1000 - payPermille, 1000).q

const sumAmounts = (lines: readonly RuleLine[]): Fen => lines.reduce((s, l) => s + l.amount, 0)
const sumQuantities = (lines: readonly RuleLine[]): number => lines.reduce((s, l) => s + l.quantity, 0)

const tierLabel = (measure: TierArgs['measure'], t: TierArgs['tiers'][number]): string => {
  const cond = measure === 'amount' ? `满${formatYuanCompact(t.threshold)}` : `满${t.threshold}件`
  if (t.off !== undefined) return `${cond}减${formatYuanCompact(t.off)}`
  return measure === 'amount'
    ? `${cond}享${zhe(t.payPermille ?? 1000)}折`
    : `${cond}${zhe(t.payPermille ?? 1000)}折`
}

const tierHint = (measure: TierArgs['measure'], t: TierArgs['tiers'][number], shortBy: number): RuleHint => {
  const more = measure === 'amount' ? `再买${formatPrice(shortBy)}` : `再买${shortBy}件`
  const reward = t.off !== undefined ? `可减${formatPrice(t.off)}` : `享${zhe(t.payPermille ?? 1000)}折`
  return { shortBy, unit: measure === 'amount' ? 'fen' : 'items', text: `${more}${reward}` }
}

/** Full reduction: the highest tier reached gives its reward once (not "每满"). */
export const fullReductionRule: PromotionRule<TierArgs> = {
  code: 'full_reduction',
  description: 'Tiered reduction by eligible amount or item count: fixed off or a discount',
  execute: (args, lines) => {
    const base = sumAmounts(lines)
    const measured = args.measure === 'amount' ? base : sumQuantities(lines)
    const tiers = args.tiers.slice().sort((a, b) => a.threshold - b.threshold)
    let reached = -1
    for (let i = 0; i < tiers.length; i++) if (measured >= tiers[i]!.threshold) reached = i
    const next = tiers[reached + 1]
    const hint = next ? tierHint(args.measure, next, next.threshold - measured) : undefined
    if (reached < 0) {
      const first = tiers[0]
      return {
        applicable: false,
        code: 'COUPON_NOT_APPLICABLE',
        reason: first ? `未满足${tierLabel(args.measure, first)}` : '活动没有档位',
        label: first ? tierLabel(args.measure, first) : '满减',
        ...(hint ? { hint } : {}),
      }
    }
    const tier = tiers[reached]!
    const raw = tier.off !== undefined ? tier.off : permilleSaving(base, tier.payPermille ?? 1000)
    return {
      applicable: true,
      saving: Math.min(raw, base),
      label: tierLabel(args.measure, tier),
      ...(hint ? { hint } : {}),
    }
  },
}

const thresholdShort = (threshold: Fen, base: Fen, label: string): RuleOutcome => ({
  applicable: false,
  code: 'COUPON_NOT_APPLICABLE',
  reason: `还差${formatPrice(threshold - base)}可用`,
  label,
  hint: {
    shortBy: threshold - base,
    unit: 'fen',
    text: `再买${formatPrice(threshold - base)}可用${label}券`,
  },
})

export const amountOffRule: PromotionRule<AmountOffArgs> = {
  code: 'amount_off',
  description: 'Fixed amount off when the eligible amount reaches the threshold (0 = no threshold)',
  execute: (args, lines) => {
    const base = sumAmounts(lines)
    const label =
      args.threshold > 0
        ? `满${formatYuanCompact(args.threshold)}减${formatYuanCompact(args.off)}`
        : `无门槛减${formatYuanCompact(args.off)}`
    if (base < args.threshold) return thresholdShort(args.threshold, base, label)
    return { applicable: true, saving: Math.min(args.off, base), label }
  },
}

export const percentOffRule: PromotionRule<PercentOffArgs> = {
  code: 'percent_off',
  description: 'Pay a per-mille share of the eligible amount, saving capped, optional threshold',
  execute: (args, lines) => {
    const base = sumAmounts(lines)
    const cond = args.threshold > 0 ? `满${formatYuanCompact(args.threshold)}享` : ''
    const cap = args.cap !== undefined ? `（最高减${formatYuanCompact(args.cap)}）` : ''
    const label = `${cond}${zhe(args.payPermille)}折${cap}`
    if (base < args.threshold) return thresholdShort(args.threshold, base, label)
    const saving = permilleSaving(base, args.payPermille)
    return { applicable: true, saving: args.cap !== undefined ? Math.min(saving, args.cap) : saving, label }
  },
}

/** The declarative form the engine runs; each code maps to one rule. */
export type Promotion =
  | { readonly code: 'full_reduction'; readonly args: TierArgs }
  | { readonly code: 'amount_off'; readonly args: AmountOffArgs }
  | { readonly code: 'percent_off'; readonly args: PercentOffArgs }

export const promotionRules = {
  full_reduction: fullReductionRule,
  amount_off: amountOffRule,
  percent_off: percentOffRule,
} as const

/** The one engine: looks the rule up by code and runs it over the eligible lines. */
export const runPromotion = (promotion: Promotion, lines: readonly RuleLine[]): RuleOutcome => {
  switch (promotion.code) {
    case 'full_reduction':
      return promotionRules.full_reduction.execute(promotion.args, lines)
    case 'amount_off':
      return promotionRules.amount_off.execute(promotion.args, lines)
    case 'percent_off':
      return promotionRules.percent_off.execute(promotion.args, lines)
  }
}
