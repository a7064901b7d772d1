import type { Fen } from '../money/fen'
import type { DiscountCampaign } from '../promotion/discount'
import type { CouponInstance, FullReductionCampaign } from '../promotion/types'
import type { RuleHint } from '../promotion/rules'
import type { DomainErrorCode } from '../result/errors'

export interface CartLineInput {
  readonly skuId: string
  readonly spuId: string
  /** Category path, root first. */
  readonly categoryIds: readonly string[]
  /** List price per unit. */
  readonly unitPrice: Fen
  /** Member price per unit: used only when `member` is given. */
  readonly memberPrice?: Fen
  /**
   * Campaign (special) price per unit, already resolved by the caller for `now`; the engine also resolves
   * the input's `discounts` itself (the lower wins), which is how checkout should give campaigns.
   */
  readonly campaignPrice?: Fen
  /** Integer 1..999. */
  readonly quantity: number
}

export interface MemberInput {
  readonly level: number
  /** Level discount on lines without a member / campaign price: 950 = pay 95% (9.5折). */
  readonly discountPermille?: number
  readonly freeShipping?: boolean
}

export interface ShippingRules {
  readonly baseFee: Fen
  /** Base fee waived when the goods amount after member/campaign prices and full reduction reaches it. */
  readonly freeOver?: Fen
  /** Base fee waived for members at or above this level. */
  readonly freeForLevelAtLeast?: number
  /** Remote-region surcharge by region (province) name; charged even when the base fee is waived. */
  readonly regionExtra?: Readonly<Record<string, Fen>>
}

export interface PointsInput {
  /** Points the shopper wants to spend. */
  readonly use: number
  /** Points the shopper holds. */
  readonly balance: number
  /** Points worth one yuan, e.g. 100. */
  readonly pointsPerYuan: number
  /** At most this share of the goods payable (after coupon) may be paid with points, e.g. 500 = 50%. */
  readonly maxSharePermille: number
}

/** 'auto' picks the best coupon for the shopper; 'none' uses none; `{id}` is the shopper's choice. */
export type CouponChoice = 'auto' | 'none' | { readonly id: string }

export interface PriceCartInput {
  readonly lines: readonly CartLineInput[]
  readonly member?: MemberInput
  readonly campaigns?: readonly FullReductionCampaign[]
  /** Limited-time discounts: each line's campaign price comes from these (`campaignPriceFor`). */
  readonly discounts?: readonly DiscountCampaign[]
  readonly coupons?: readonly CouponInstance[]
  /** Defaults to 'none'. */
  readonly coupon?: CouponChoice
  readonly points?: PointsInput
  readonly shipping?: ShippingRules
  /** Region (province) of the delivery address, for the surcharge. */
  readonly region?: string
  /** Epoch ms. */
  readonly now: number
}

export type DiscountSource = 'member' | 'campaign' | 'fullReduction' | 'coupon' | 'points'
export const discountSources: readonly DiscountSource[] = [
  'member',
  'campaign',
  'fullReduction',
  'coupon',
  'points',
]

export type LineDiscounts = Readonly<Record<DiscountSource, Fen>>

export interface PricedLine {
  readonly skuId: string
  readonly spuId: string
  readonly quantity: number
  /** List unit price. */
  readonly unitPrice: Fen
  /** Unit price after the member or campaign price (whichever is lower). */
  readonly unitPriceUsed: Fen
  readonly priceSource: 'list' | 'member' | 'campaign'
  /** unitPrice × quantity. */
  readonly listSubtotal: Fen
  /** listSubtotal − member − campaign discounts. */
  readonly subtotal: Fen
  readonly discounts: LineDiscounts
  /** listSubtotal − all discounts; never negative. */
  readonly payable: Fen
  /** The full-reduction campaign this line took part in, if any. */
  readonly fullReductionId?: string
}

export interface PricedTotals {
  /** Sum of list subtotals. */
  readonly goods: Fen
  readonly member: Fen
  readonly campaign: Fen
  readonly fullReduction: Fen
  readonly coupon: Fen
  readonly points: Fen
  /** Sum of every discount. */
  readonly discount: Fen
  readonly shipping: Fen
  /** goods − discount + shipping. */
  readonly payable: Fen
}

export type BreakdownSource = 'goods' | DiscountSource | 'shipping'

/** A signed explained entry: discounts are negative; the entries sum to the payable. */
export interface BreakdownEntry {
  readonly source: BreakdownSource
  readonly label: string
  readonly amount: Fen
  readonly ref?: string
}

export interface CartHint extends RuleHint {
  readonly source: 'fullReduction' | 'coupon' | 'shipping'
  readonly ref?: string
}

export interface CouponOption {
  readonly id: string
  readonly label: string
  readonly applicable: boolean
  /** What this coupon would save on this cart (0 when not applicable). */
  readonly saving: Fen
  readonly code?: DomainErrorCode
  readonly reason?: string
}

export interface AppliedFullReduction {
  readonly campaignId: string
  readonly label: string
  readonly saving: Fen
  readonly skuIds: readonly string[]
  readonly stackableWithCoupon: boolean
}

export interface PricedCart {
  readonly lines: readonly PricedLine[]
  readonly totals: PricedTotals
  readonly breakdown: readonly BreakdownEntry[]
  readonly hints: readonly CartHint[]
  readonly fullReductions: readonly AppliedFullReduction[]
  /** The coupon applied, if any. */
  readonly coupon: { readonly id: string; readonly label: string; readonly saving: Fen } | null
  /** Every coupon offered, applicable first by saving, each with its saving or its reason. */
  readonly coupons: readonly CouponOption[]
  readonly points: {
    readonly requested: number
    readonly used: number
    readonly deduction: Fen
    /** The most points this cart can take, for "可用X积分抵¥Y". */
    readonly maxUsable: number
    readonly maxDeduction: Fen
  }
  readonly shipping: {
    readonly fee: Fen
    readonly baseFee: Fen
    readonly extra: Fen
    readonly freeReason?: string
  }
}
