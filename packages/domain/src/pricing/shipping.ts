import { formatPrice, type Fen } from '../money/fen'
import type { CartHint, MemberInput, ShippingRules } from './types'

export interface ShippingQuote {
  readonly fee: Fen
  readonly baseFee: Fen
  readonly extra: Fen
  readonly freeReason?: string
  readonly hint?: CartHint
}

/**
 * Rule: base fee, waived for member benefits or when `goods` (after member/campaign prices and full
 * reduction, before coupon and points, so a bigger coupon can never cost the free shipping) reaches
 * `freeOver`; a remote-region surcharge is always added.
 */
export const quoteShipping = (
  rules: ShippingRules | undefined,
  goods: Fen,
  member: MemberInput | undefined,
  region: string | undefined,
): ShippingQuote => {
  if (!rules) return { fee: 0, baseFee: 0, extra: 0 }
  const extra = region !== undefined && rules.regionExtra ? (rules.regionExtra[region] ?? 0) : 0
  let freeReason: string | undefined
  if (rules.baseFee === 0) freeReason = '包邮'
  else if (member && member.freeShipping) freeReason = '会员包邮'
  else if (member && rules.freeForLevelAtLeast !== undefined && member.level >= rules.freeForLevelAtLeast)
    freeReason = '会员包邮'
  else if (rules.freeOver !== undefined && goods >= rules.freeOver)
    freeReason = `满${formatPrice(rules.freeOver)}包邮`
  const base = freeReason ? 0 : rules.baseFee
  const hint: CartHint | undefined =
    !freeReason && rules.freeOver !== undefined
      ? {
          source: 'shipping',
          shortBy: rules.freeOver - goods,
          unit: 'fen',
          text: `再买${formatPrice(rules.freeOver - goods)}可免运费`,
        }
      : undefined
  return {
    fee: base + extra,
    baseFee: base,
    extra,
    ...(freeReason ? { freeReason } : {}),
    ...(hint ? { hint } : {}),
  }
}
