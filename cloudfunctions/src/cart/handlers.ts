import { CART_MAX_LINES, type CartItemView, type CartView } from '../order/types'
import type { Ctx, Handler } from '../router'
import { byId, list } from '../db'
import { fail } from '../errors'
import { addressHandlers } from '../address/handlers'
import { loadSkus, type SkuInfo } from '../order/catalog'
import { priceCheckout, type CampaignDoc, type PricingLine } from '../order/pricing'
import { loadOrderSettings } from '../order/settings'
import { memberPricing } from '@mall/domain'
import { loadMemberRules } from '../loyalty/settings'
import { loadCart, mutateCart, type CartDoc, type CartItem } from './store'

async function view(ctx: Ctx, cart: CartDoc, known?: Map<string, SkuInfo>): Promise<CartView> {
  const [skus, user, settings, campaigns, rules] = await Promise.all([
    known && cart.items.every((i) => known.has(i.skuId))
      ? known
      : loadSkus(
          ctx.db,
          cart.items.map((i) => i.skuId),
        ),
    byId<{ level?: number }>(ctx.db.collection('users'), ctx.openid),
    loadOrderSettings(ctx.db),
    cart.items.length
      ? list<CampaignDoc>(ctx.db.collection('campaigns').where({ status: 'active' }).limit(100))
      : Promise.resolve([]),
    loadMemberRules(ctx.db),
  ])
  const pricing = {
    // the level's benefits, as checkout applies them
    member: memberPricing(rules.levels, user?.level ?? 0),
    campaigns,
    coupons: [],
    coupon: 'none' as const,
    pointsWanted: 0,
    pointsAvailable: 0,
  }
  const available = cart.items.flatMap((i) => {
    const s = skus.get(i.skuId)
    return s && s.onShelf
      ? [{ item: i, stock: s.stock, line: { ...s, quantity: i.quantity } as PricingLine }]
      : []
  })
  // The price shown on a line is the one checkout will use (member or campaign), from the same engine.
  const unitPrices = new Map(
    priceCheckout({ ...pricing, lines: available.map((a) => a.line), settings, now: ctx.now() }).lines.map(
      (l) => [l.skuId, l.unitPrice],
    ),
  )
  const buyable: PricingLine[] = available
    .filter((a) => a.item.selected && a.stock >= a.item.quantity)
    .map((a) => a.line)
  const items: CartItemView[] = cart.items.map((i) => {
    const s = skus.get(i.skuId)
    const flags = {
      missing: !s,
      offShelf: !!s && !s.onShelf,
      outOfStock: !!s && s.stock <= 0,
      insufficientStock: !!s && s.stock > 0 && s.stock < i.quantity,
      priceChanged: !!s && s.price !== i.addedPrice,
    }
    return {
      skuId: i.skuId,
      spuId: s?.spuId ?? '',
      title: s?.title ?? '商品已失效',
      image: s?.image ?? '',
      specs: s?.specs ?? {},
      quantity: i.quantity,
      selected: i.selected,
      unitPrice: unitPrices.get(i.skuId) ?? s?.price ?? 0,
      addedPrice: i.addedPrice,
      stock: s?.stock ?? 0,
      flags,
    }
  })
  // The same engine as checkout, without coupon and points: totals and "再买¥X可减¥Y" hints.
  const priced = priceCheckout({ ...pricing, lines: buyable, settings, now: ctx.now() })
  return {
    items,
    selectedCount: buyable.reduce((n, l) => n + l.quantity, 0),
    goodsTotal: priced.totals.goods,
    discountTotal: priced.totals.discount,
    payable: priced.totals.goods - priced.totals.discount,
    hints: priced.hints,
  }
}

/** Adds lines (quantities summed with what is there, capped by stock and 999). Used by cart.add and buyAgain. */
export async function addToCart(
  ctx: Ctx,
  lines: Array<{ skuId: string; quantity: number; selected?: boolean }>,
  skus: Map<string, SkuInfo>,
  strict: boolean,
): Promise<CartDoc> {
  const at = ctx.now()
  return mutateCart(ctx.db, ctx.openid, at, (items) => {
    for (const l of lines) {
      const s = skus.get(l.skuId)
      if (!s) {
        if (strict) fail('SKU_NOT_FOUND')
        continue
      }
      if (!s.onShelf) {
        if (strict) fail('SKU_OFF_SHELF')
        continue
      }
      const existing = items.find((i) => i.skuId === l.skuId)
      const want = Math.min(999, (existing?.quantity ?? 0) + l.quantity)
      const qty = strict ? want : Math.min(want, Math.max(1, s.stock))
      if (strict && s.stock < qty)
        fail('OUT_OF_STOCK', s.stock > 0 ? `库存不足，仅剩${s.stock}件` : undefined)
      const unit = s.price
      if (existing) {
        existing.quantity = qty
        if (l.selected !== false) existing.selected = true
      } else {
        if (items.length >= CART_MAX_LINES) {
          if (strict) fail('CART_FULL')
          continue
        }
        items.push({
          skuId: l.skuId,
          quantity: qty,
          selected: l.selected ?? true,
          addedPrice: unit,
          addedAt: at,
        })
      }
    }
    return items
  })
}

function requireItem(items: CartItem[], skuId: string): CartItem {
  const i = items.find((x) => x.skuId === skuId)
  return i ?? fail('NOT_FOUND', '购物车中没有该商品')
}

export const cartHandlers = {
  ...addressHandlers,
  'cart.get': (async (_input, ctx) => view(ctx, await loadCart(ctx.db, ctx.openid))) as Handler<'cart.get'>,

  'cart.add': (async (input, ctx) => {
    const skus = await loadSkus(ctx.db, [input.skuId])
    return view(ctx, await addToCart(ctx, [input], skus, true), skus)
  }) as Handler<'cart.add'>,

  'cart.setQuantity': (async (input, ctx) => {
    const skus = await loadSkus(ctx.db, [input.skuId])
    const s = skus.get(input.skuId)
    const cart = await mutateCart(ctx.db, ctx.openid, ctx.now(), (items) => {
      const i = requireItem(items, input.skuId)
      if (s && s.stock < input.quantity)
        fail('OUT_OF_STOCK', s.stock > 0 ? `库存不足，仅剩${s.stock}件` : undefined)
      i.quantity = input.quantity
      return items
    })
    return view(ctx, cart)
  }) as Handler<'cart.setQuantity'>,

  'cart.select': (async (input, ctx) => {
    const cart = await mutateCart(ctx.db, ctx.openid, ctx.now(), (items) => {
      if (input.skuId) requireItem(items, input.skuId).selected = input.selected
      else items.forEach((i) => (i.selected = input.selected))
      return items
    })
    return view(ctx, cart)
  }) as Handler<'cart.select'>,

  'cart.remove': (async (input, ctx) => {
    const drop = new Set(input.skuIds)
    const cart = await mutateCart(ctx.db, ctx.openid, ctx.now(), (items) =>
      items.filter((i) => !drop.has(i.skuId)),
    )
    return view(ctx, cart)
  }) as Handler<'cart.remove'>,

  'cart.merge': (async (input, ctx) => {
    if (!input.lines.length) return view(ctx, await loadCart(ctx.db, ctx.openid))
    const skus = await loadSkus(
      ctx.db,
      input.lines.map((l) => l.skuId),
    )
    return view(ctx, await addToCart(ctx, input.lines, skus, false))
  }) as Handler<'cart.merge'>,
}
