import { memberPricing } from '@mall/domain'
import { errorMessage, isErrorCode } from '@mall/contract'
import type { Address, CheckoutInput, CheckoutPreview } from './types'
import type { Database } from '../cloud'
import { byId, first, list } from '../db'
import { fail } from '../errors'
import { loadCart } from '../cart/store'
import { loadSkus } from './catalog'
import { isHidden, type OrderDoc } from './model'
import {
  AVAILABLE_COUPON,
  priceCheckout,
  type CampaignDoc,
  type CouponDoc,
  type PricingLine,
  type Priced,
} from './pricing'
import type { OrderSettings } from './settings'
import { loadMemberRules } from '../loyalty/settings'
import { showPhone, type StoredPhone } from '../pii/phone'

export interface AddressDoc extends Omit<Address, 'id' | 'phone'> {
  _id: string
  openid: string
  /** sealed (pii/phone.ts); a plain string only in documents the migration has not reached yet */
  phone: StoredPhone
}

/** The shopper's own address, as their pages show and edit it: the phone is opened here. */
export const toAddress = (a: AddressDoc): Address => ({
  id: a._id,
  name: a.name,
  phone: showPhone(a.phone),
  province: a.province,
  city: a.city,
  district: a.district,
  detail: a.detail,
  postalCode: a.postalCode,
  isDefault: !!a.isDefault,
})

export interface Checkout {
  priced: Priced
  preview: CheckoutPreview
  /** lines the stock is taken for */
  stockLines: Array<{ skuId: string; spuId: string; quantity: number }>
  address: AddressDoc | undefined
  fromCart: boolean
}

/** Lines requested by the checkout source, merged by sku. */
async function requestedLines(db: Database, openid: string, source: CheckoutInput['source']) {
  let raw: Array<{ skuId: string; quantity: number }>
  if (source.kind === 'buyNow') raw = [{ skuId: source.skuId, quantity: source.quantity }]
  else if (source.kind === 'cart') {
    raw = (await loadCart(db, openid)).items.filter((i) => i.selected)
    if (!raw.length) fail('CART_EMPTY')
  } else {
    const order = await first<OrderDoc>(
      db.collection('orders').where({ _id: source.orderId, openid }).limit(1),
    )
    if (!order || isHidden(order)) return fail('ORDER_NOT_FOUND')
    raw = order.lines
  }
  const merged = new Map<string, number>()
  for (const l of raw) merged.set(l.skuId, Math.min(999, (merged.get(l.skuId) ?? 0) + l.quantity))
  return [...merged].map(([skuId, quantity]) => ({ skuId, quantity }))
}

/** Everything order.preview shows and order.submit persists, computed on the server from intents only. */
export async function buildCheckout(
  db: Database,
  openid: string,
  input: CheckoutInput,
  settings: OrderSettings,
  now: number,
  opts: { failFast?: boolean } = {},
): Promise<Checkout> {
  const wanted = await requestedLines(db, openid, input.source)
  const _ = db.command
  // submit under a rush: a line that cannot be bought ends it before anything else is read
  const known = opts.failFast
    ? await loadSkus(
        db,
        wanted.map((l) => l.skuId),
      )
    : undefined
  if (known) {
    for (const w of wanted) {
      const s = known.get(w.skuId)
      if (!s) fail('SKU_NOT_FOUND', undefined, { skuId: w.skuId })
      else if (!s.onShelf) fail('SKU_OFF_SHELF', undefined, { skuId: w.skuId })
      else if (s.stock < w.quantity)
        fail('OUT_OF_STOCK', s.stock > 0 ? `仅剩${s.stock}件` : undefined, { skuId: w.skuId })
    }
  }
  const [skus, user, coupons, address, campaigns, rules] = await Promise.all([
    known ??
      loadSkus(
        db,
        wanted.map((l) => l.skuId),
      ),
    byId<{ points?: number; level?: number }>(db.collection('users'), openid),
    list<CouponDoc>(
      db
        .collection('coupons')
        .where({ openid, status: _.in(AVAILABLE_COUPON) })
        .limit(100),
    ),
    input.addressId
      ? first<AddressDoc>(db.collection('addresses').where({ _id: input.addressId, openid }).limit(1))
      : first<AddressDoc>(db.collection('addresses').where({ openid, isDefault: true }).limit(1)),
    list<CampaignDoc>(db.collection('campaigns').where({ status: 'active' }).limit(100)),
    loadMemberRules(db),
  ])
  const choice = input.coupon ?? 'auto'
  if (choice !== 'auto' && choice !== 'none' && !coupons.some((c) => c._id === choice)) {
    const c = await first<CouponDoc>(db.collection('coupons').where({ _id: choice, openid }).limit(1))
    if (c) coupons.push(c)
  }
  const problems: CheckoutPreview['problems'] = []
  const lines: PricingLine[] = []
  for (const w of wanted) {
    const s = skus.get(w.skuId)
    if (!s) {
      problems.push({ skuId: w.skuId, code: 'SKU_NOT_FOUND', message: '商品规格不存在' })
      continue
    }
    if (!s.onShelf) problems.push({ skuId: w.skuId, code: 'SKU_OFF_SHELF', message: '商品已下架' })
    else if (s.stock < w.quantity)
      problems.push({
        skuId: w.skuId,
        code: 'OUT_OF_STOCK',
        message: s.stock > 0 ? `仅剩${s.stock}件` : '库存不足',
      })
    lines.push({ ...s, quantity: w.quantity })
  }
  const pointsAvailable = Math.max(0, user?.points ?? 0)
  const priced = priceCheckout({
    lines,
    // the stored level (moved with growth in one transaction) and its benefits, read on the server only
    member: memberPricing(rules.levels, user?.level ?? 0),
    campaigns,
    coupons,
    coupon: choice,
    pointsWanted: input.points ?? 0,
    pointsAvailable,
    region: address?.province,
    settings,
    now,
  })
  // the engine's own message is for developers: the shopper reads the catalogue's
  if (priced.error) {
    const { code } = priced.error
    problems.push({ skuId: '', code, message: isErrorCode(code) ? errorMessage(code) : '订单金额计算失败' })
  }
  if (priced.couponError)
    problems.push({ skuId: '', code: priced.couponError.code, message: priced.couponError.message ?? '' })
  if (input.addressId && !address)
    problems.push({ skuId: '', code: 'ADDRESS_NOT_FOUND', message: '收货地址不存在' })
  return {
    priced,
    stockLines: wanted.flatMap((w) => {
      const sku = skus.get(w.skuId)
      return sku ? [{ skuId: w.skuId, spuId: sku.spuId, quantity: w.quantity }] : []
    }),
    address,
    fromCart: input.source.kind === 'cart',
    preview: {
      lines: priced.lines,
      totals: priced.totals,
      breakdown: priced.breakdown,
      coupons: priced.coupons,
      couponId: priced.couponId,
      pointsUsed: priced.pointsUsed,
      pointsDeduction: priced.pointsDeduction,
      pointsAvailable,
      pointsMax: priced.pointsMax,
      pointsMaxDeduction: priced.pointsMaxDeduction,
      address: address ? toAddress(address) : null,
      problems,
    },
  }
}
