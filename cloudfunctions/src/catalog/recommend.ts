/**
 * Recommendations: same leaf category (best sellers), bought together (products that shared paid orders with
 * this one, most often first, topped up with the product's seeded co-purchase list), and "for you" from the shopper's own footprints and favourites.
 * No product shows in two sections: each later one leaves out what an earlier one shows.
 */
import type { ProductCard, Recommendations } from '@mall/contract'
import type { Ctx } from '../router'
import { byId, list } from '../db'
import { fail } from '../errors'
import type { FootprintDoc, ProductDoc } from './docs'
import { CARD_FIELDS, toCards, type CardDoc } from './cards'
import { preferredCategories } from './home'

export async function recommend(
  ctx: Ctx,
  input: { spuId?: string; limit: number },
): Promise<Recommendations> {
  const db = ctx.db
  const _ = db.command
  const products = db.collection('products')
  const product = input.spuId ? await byId<ProductDoc>(products, input.spuId) : undefined
  if (input.spuId && !product) return fail('NOT_FOUND', '商品不存在或已删除')
  const exclude = product ? [product._id] : []
  const [same, together, forYou] = await Promise.all([
    product
      ? list<CardDoc>(
          products
            .where({ status: 'onShelf', cat3: product.categoryId, _id: _.nin(exclude) })
            .orderBy('sales', 'desc')
            .orderBy('_id', 'asc')
            .field(CARD_FIELDS)
            .limit(input.limit),
        )
      : [],
    // fetched with room to spare: a product already shown in an earlier section is left out of a later one
    product ? boughtTogether(ctx, product, input.limit * 2) : [],
    forYouDocs(ctx, exclude, input.limit * 3),
  ])
  const shown = new Set(same.map((d) => d._id))
  const fresh = (docs: CardDoc[]) => {
    const out = docs.filter((d) => !shown.has(d._id)).slice(0, input.limit)
    for (const d of out) shown.add(d._id)
    return out
  }
  const sections = [same, fresh(together), fresh(forYou)] as const
  const [a, b, c] = await Promise.all(sections.map((docs) => toCards(ctx, docs)))
  return { sameCategory: a!, boughtTogether: b!, forYou: c as ProductCard[] }
}

/** Best sellers of the shopper's preferred categories that they have not just looked at; else best sellers. */
async function forYouDocs(ctx: Ctx, exclude: string[], limit: number): Promise<CardDoc[]> {
  const _ = ctx.db.command
  const [cats, recent] = await Promise.all([
    preferredCategories(ctx, 3),
    list<FootprintDoc>(
      ctx.db.collection('footprints').where({ openid: ctx.openid }).orderBy('at', 'desc').limit(10),
    ),
  ])
  const skip = [...exclude, ...recent.map((f) => f.spuId)]
  const where: Record<string, unknown> = { status: 'onShelf', stock: _.gt(0) }
  if (cats.length) where.cat3 = _.in(cats)
  if (skip.length) where._id = _.nin(skip)
  return list<CardDoc>(
    ctx.db
      .collection('products')
      .where(where)
      .orderBy('sales', 'desc')
      .orderBy('_id', 'asc')
      .field(CARD_FIELDS)
      .limit(limit),
  )
}

const PAID = ['paid', 'shipped', 'received', 'completed']

/** Co-purchases from the latest paid orders containing the product, then the seeded list. */
async function boughtTogether(ctx: Ctx, product: ProductDoc, limit: number): Promise<CardDoc[]> {
  const _ = ctx.db.command
  const orders = await list<{ lines?: Array<{ spuId?: string }> }>(
    ctx.db
      .collection('orders')
      .where({ 'lines.spuId': product._id, status: _.in(PAID) })
      .orderBy('createdAt', 'desc')
      .field({ lines: true })
      .limit(100),
  )
  const count = new Map<string, number>()
  for (const o of orders)
    for (const id of new Set((o.lines ?? []).map((l) => l.spuId)))
      if (id && id !== product._id) count.set(id, (count.get(id) ?? 0) + 1)
  const ranked = [...count.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id)
  const ids = [...new Set([...ranked, ...product.boughtTogether])].slice(0, 20)
  if (!ids.length) return []
  const docs = await list<CardDoc>(
    ctx.db
      .collection('products')
      .where({ status: 'onShelf', _id: _.in(ids) })
      .field(CARD_FIELDS)
      .limit(ids.length),
  )
  const rank = new Map(ids.map((id, i) => [id, i]))
  return docs.sort((a, b) => rank.get(a._id)! - rank.get(b._id)!).slice(0, limit)
}
