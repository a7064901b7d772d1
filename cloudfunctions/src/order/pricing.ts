import {
  priceCart,
  type CouponInstance,
  type FullReductionCampaign,
  type MemberInput,
  type PricedCart,
  type Scope,
} from '@mall/domain'
import { discountsOf } from '../catalog/promo'
import type { BreakdownEntry, CouponOption, OrderLineView, Totals } from './types'
import type { OrderSettings } from './settings'

/**
 * Adapter between stored documents and packages/domain's `priceCart`: coupons, campaigns and settings
 * as the database holds them -> the engine's input; the engine's result -> the contract's views.
 */
export interface PricingLine {
  skuId: string
  spuId: string
  categoryIds: string[]
  title: string
  image: string
  specs: Record<string, string>
  price: number
  memberPrice?: number
  quantity: number
}

/** A coupon instance as stored (`status: 'unused'` is the seed's word for available). */
export interface CouponDoc {
  _id: string
  openid: string
  title?: string
  kind: 'amountOff' | 'percentOff' | 'noThreshold'
  threshold?: number
  amount?: number
  /** percentOff: percent taken off (10 = 9折) */
  percent?: number
  cap?: number
  scope?: Scope
  validFrom?: number | Date
  validTo?: number | Date
  status: 'unused' | 'available' | 'locked' | 'used' | 'expired'
  orderId?: string
}

export interface CampaignDoc {
  _id: string
  type: 'fullReduction' | 'discount'
  title?: string
  status?: string
  startAt: number | Date
  endAt: number | Date
  scope: Scope
  tiers?: Array<{ threshold: number; off?: number; payPermille?: number }>
  payPermille?: number
  stackableWithCoupon?: boolean
}

export const AVAILABLE_COUPON = ['unused', 'available']

export const ms = (v: number | Date | undefined, d: number): number =>
  v instanceof Date ? v.getTime() : typeof v === 'number' ? v : d

const toCoupon = (c: CouponDoc): CouponInstance => ({
  id: c._id,
  name: c.title,
  kind: c.kind,
  ...(c.threshold ? { threshold: c.threshold } : {}),
  ...(c.kind !== 'percentOff'
    ? { off: c.amount ?? 0 }
    : { payPermille: 1000 - Math.round((c.percent ?? 0) * 10) }),
  ...(c.cap !== undefined ? { cap: c.cap } : {}),
  scope: c.scope ?? { type: 'all' },
  validFrom: ms(c.validFrom, 0),
  validTo: ms(c.validTo, 8.64e15),
  status: AVAILABLE_COUPON.includes(c.status) ? 'available' : (c.status as CouponInstance['status']),
})

const toCampaign = (c: CampaignDoc): FullReductionCampaign => ({
  id: c._id,
  name: c.title,
  kind: 'amount',
  tiers: c.tiers ?? [],
  scope: c.scope,
  startAt: ms(c.startAt, 0),
  endAt: ms(c.endAt, 0),
  stackableWithCoupon: c.stackableWithCoupon !== false,
})

export interface PricingInput {
  lines: PricingLine[]
  /** the member's level benefits (loyalty settings, `memberPricing`); none for a level-0 member without any */
  member: MemberInput | undefined
  campaigns: CampaignDoc[]
  coupons: CouponDoc[]
  coupon: 'auto' | 'none' | string
  pointsWanted: number
  pointsAvailable: number
  region?: string
  settings: OrderSettings
  now: number
}

export interface Priced {
  lines: OrderLineView[]
  totals: Totals
  breakdown: BreakdownEntry[]
  coupons: CouponOption[]
  couponId: string | null
  pointsUsed: number
  pointsDeduction: number
  pointsMax: number
  pointsMaxDeduction: number
  hints: string[]
  /** the chosen coupon cannot be used (preview falls back to none; submit refuses) */
  couponError?: { code: string; message?: string }
  /** the engine refused the input */
  error?: { code: string; message?: string }
}

export function priceCheckout(input: PricingInput): Priced {
  const s = input.settings
  const activeCampaigns = input.campaigns.filter((c) => c.type === 'fullReduction' && c.status !== 'inactive')
  const base = {
    lines: input.lines.map((l) => ({
      skuId: l.skuId,
      spuId: l.spuId,
      categoryIds: l.categoryIds,
      unitPrice: l.price,
      ...(l.memberPrice !== undefined ? { memberPrice: l.memberPrice } : {}),
      quantity: l.quantity,
    })),
    ...(input.member ? { member: input.member } : {}),
    campaigns: activeCampaigns.map(toCampaign),
    // limited-time discounts: the engine prices each line by the catalogue's promotion rule
    discounts: discountsOf(input.campaigns),
    coupons: input.coupons.map(toCoupon),
    points: {
      use: input.pointsWanted,
      balance: input.pointsAvailable,
      pointsPerYuan: s.pointsPerYuan,
      maxSharePermille: s.pointsMaxPercent * 10,
    },
    shipping: s.shipping,
    ...(input.region ? { region: input.region } : {}),
    now: input.now,
  }
  const choice = input.coupon === 'auto' || input.coupon === 'none' ? input.coupon : { id: input.coupon }
  let couponError: Priced['couponError']
  let r = priceCart({ ...base, coupon: choice })
  if (!r.ok && typeof choice === 'object') {
    couponError = { code: r.error.code, message: r.error.message }
    r = priceCart({ ...base, coupon: 'none' })
  }
  if (!r.ok) return { ...empty(), error: { code: r.error.code, message: r.error.message } }
  return { ...toViews(r.value, input.lines), couponError }
}

function empty(): Priced {
  return {
    lines: [],
    totals: { goods: 0, discount: 0, shipping: 0, payable: 0 },
    breakdown: [],
    coupons: [],
    couponId: null,
    pointsUsed: 0,
    pointsDeduction: 0,
    pointsMax: 0,
    pointsMaxDeduction: 0,
    hints: [],
  }
}

function toViews(p: PricedCart, lines: PricingLine[]): Priced {
  return {
    lines: p.lines.map((l, i) => ({
      skuId: l.skuId,
      spuId: l.spuId,
      title: lines[i].title,
      image: lines[i].image,
      specs: lines[i].specs,
      quantity: l.quantity,
      unitPrice: l.unitPriceUsed,
      subtotal: l.subtotal,
      discount: l.discounts.fullReduction + l.discounts.coupon + l.discounts.points,
      payable: l.payable,
    })),
    totals: {
      goods: p.totals.goods,
      discount: p.totals.discount,
      shipping: p.totals.shipping,
      payable: p.totals.payable,
    },
    breakdown: p.breakdown.map((b) => ({ source: b.source, label: b.label, amount: b.amount })),
    coupons: p.coupons.map((c) => ({
      id: c.id,
      title: c.label,
      applicable: c.applicable,
      saving: c.saving,
      ...(c.reason ? { reason: c.reason } : {}),
    })),
    couponId: p.coupon?.id ?? null,
    pointsUsed: p.points.used,
    pointsDeduction: p.points.deduction,
    pointsMax: p.points.maxUsable,
    pointsMaxDeduction: p.points.maxDeduction,
    hints: p.hints.map((h) => h.text),
  }
}
