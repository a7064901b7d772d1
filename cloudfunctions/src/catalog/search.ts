/**
 * Search: keyword tokens (each an escaped regex on the title, or an exact hit in `keywords`), filters on indexed fields and
 * a sort on an indexed field with _id as tie-breaker, so the emulator (and CloudBase) walk an index in order
 * and stop after one page. The cursor is (sort key, _id) of the last item: stable under ties and inserts.
 * 促销商品 (`onPromotion`) is the promotion rule as a condition (promo.ts), the rule the cards are tagged by.
 * The first page also answers the brand facet: the brands of the products the query and the other filters
 * match (not the brand filter itself, so a shopper can pick a second brand).
 */
import type { ActionParsedInput, SearchResult, SearchSort } from '@mall/contract'
import type { Ctx } from '../router'
import { first, list } from '../db'
import type { BrandDoc, CategoryDoc } from './docs'
import { CARD_FIELDS, toCards, type CardDoc } from './cards'
import { promotionFilter, runningCampaigns } from './promo'
import { decodeCursor, encodeCursor } from './cursor'
import { fail } from '../errors'

type SortField = 'rank' | 'sales' | 'minPrice' | 'createdAt'
const SORTS: Record<SearchSort, { field: SortField; dir: 'asc' | 'desc' }> = {
  default: { field: 'rank', dir: 'desc' },
  sales: { field: 'sales', dir: 'desc' },
  priceAsc: { field: 'minPrice', dir: 'asc' },
  priceDesc: { field: 'minPrice', dir: 'desc' },
  newest: { field: 'createdAt', dir: 'desc' },
}

/** Every RegExp metacharacter made literal: user input never becomes a pattern. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')

export async function search(ctx: Ctx, input: ActionParsedInput<'catalog.search'>): Promise<SearchResult> {
  const db = ctx.db
  const _ = db.command
  const sort = SORTS[input.sort]
  const conds: object[] = [{ status: 'onShelf' }]
  // every whitespace-separated token (at most 5) must hit the title or a keyword token
  const tokens = (input.keyword ?? '').split(/\s+/).filter(Boolean).slice(0, 5)
  for (const token of tokens)
    conds.push(
      _.or([
        { title: db.RegExp({ regexp: escapeRegExp(token), options: 'i' }) },
        { keywords: token.toLowerCase() },
      ]),
    )
  const category = input.categoryId
    ? await first<CategoryDoc>(db.collection('categories').where({ _id: input.categoryId }).limit(1))
    : undefined
  const promotion = input.onPromotion ? promotionFilter(ctx, await runningCampaigns(ctx)) : undefined
  if ((input.categoryId && !category) || promotion === null)
    return { items: [], cursor: null, ...(input.cursor ? {} : { brands: [] }) }
  // the scalar cat1/cat2/cat3 field of the category's level: an indexed equality (categoryIds is an array)
  if (category) conds.push({ [`cat${category.level}`]: category._id })
  if (input.minPrice !== undefined) conds.push({ minPrice: _.gte(input.minPrice) })
  if (input.maxPrice !== undefined) conds.push({ minPrice: _.lte(input.maxPrice) })
  if (input.inStock) conds.push({ stock: _.gt(0) })
  if (promotion) conds.push(promotion)
  const matching = conds.slice()
  if (input.brandIds?.length) conds.push({ brandId: _.in(input.brandIds) })
  if (input.cursor) {
    const c = decodeCursor(input.cursor, input.sort)
    if (typeof c.k !== 'number') return fail('INVALID_INPUT', 'cursor: 分页参数无效')
    const key = sort.field === 'createdAt' ? new Date(c.k) : c.k
    const beyond = sort.dir === 'desc' ? _.lt(key) : _.gt(key)
    const notBefore = sort.dir === 'desc' ? _.lte(key) : _.gte(key)
    conds.push({ [sort.field]: notBefore }, _.or([{ [sort.field]: beyond }, { _id: _.gt(c.i) }]))
  }
  const size = input.pageSize
  const docs = await list<CardDoc>(
    db
      .collection('products')
      .where(_.and(conds as never[]))
      .orderBy(sort.field, sort.dir)
      .orderBy('_id', 'asc')
      .field(CARD_FIELDS)
      .limit(size + 1),
  )
  const page = docs.slice(0, size)
  const last = page[page.length - 1]
  const keyOf = (d: CardDoc): number =>
    sort.field === 'createdAt' ? new Date(d.createdAt).getTime() : d[sort.field]
  const [items, brands] = await Promise.all([
    toCards(ctx, page),
    input.cursor ? undefined : brandFacet(ctx, matching),
  ])
  return {
    items,
    cursor: docs.length > size && last ? encodeCursor({ o: input.sort, k: keyOf(last), i: last._id }) : null,
    ...(brands ? { brands } : {}),
  }
}

/** The brands of the products `conds` match, most products first (ties by id). */
async function brandFacet(ctx: Ctx, conds: object[]): Promise<Array<{ id: string; name: string }>> {
  const db = ctx.db
  const $ = db.command.aggregate
  const res = (await db
    .collection('products')
    .aggregate()
    .match(db.command.and(conds as never[]))
    .group({ _id: '$brandId', n: $.sum(1) })
    .end()) as { list: Array<{ _id: string; n: number }> }
  const counts = new Map(res.list.map((g) => [g._id, g.n]))
  if (!counts.size) return []
  const brands = await list<BrandDoc>(
    db
      .collection('brands')
      .where({ _id: db.command.in([...counts.keys()]) })
      .limit(100),
  )
  return brands
    .sort((a, b) => counts.get(b._id)! - counts.get(a._id)! || (a._id < b._id ? -1 : 1))
    .map((b) => ({ id: b._id, name: b.name }))
}
