/**
 * Favourites and footprints share a shape: one document per (openid, spuId) with `_id = openid_spuId`
 * (so adding twice is one document), listed newest first with an (at, _id) cursor. Every query is scoped by
 * the caller's openid from the platform: another shopper's entries can be neither seen nor changed.
 */
import type { SavedPage, SavedProduct } from '@mall/contract'
import type { Ctx } from '../router'
import { list } from '../db'
import { fail } from '../errors'
import { CARD_FIELDS, toCards, type CardDoc } from '../catalog/cards'
import { decodeCursor, encodeCursor } from '../catalog/cursor'

export type SavedKind = 'favorites' | 'footprints'
const TIME_FIELD: Record<SavedKind, 'createdAt' | 'at'> = { favorites: 'createdAt', footprints: 'at' }

export const savedId = (openid: string, spuId: string) => `${openid}_${spuId}`

interface SavedDoc {
  _id: string
  spuId: string
  createdAt?: Date
  at?: Date
}

export async function listSaved(
  ctx: Ctx,
  kind: SavedKind,
  input: { cursor?: string; pageSize: number },
): Promise<SavedPage> {
  const _ = ctx.db.command
  const field = TIME_FIELD[kind]
  const conds: object[] = [{ openid: ctx.openid }]
  if (input.cursor) {
    const c = decodeCursor(input.cursor, kind)
    if (typeof c.k !== 'number') return fail('INVALID_INPUT', 'cursor: 分页参数无效')
    const at = new Date(c.k)
    conds.push({ [field]: _.lte(at) }, _.or([{ [field]: _.lt(at) }, { _id: _.gt(c.i) }]))
  }
  const docs = await list<SavedDoc>(
    ctx.db
      .collection(kind)
      .where(_.and(conds as never[]))
      .orderBy(field, 'desc')
      .orderBy('_id', 'asc')
      .limit(input.pageSize + 1),
  )
  const page = docs.slice(0, input.pageSize)
  const ids = page.map((d) => d.spuId)
  const products = ids.length
    ? await list<CardDoc>(
        ctx.db
          .collection('products')
          .where({ _id: _.in(ids) })
          .field(CARD_FIELDS)
          .limit(ids.length),
      )
    : []
  const byId = new Map(products.map((p) => [p._id, p]))
  const kept = page.filter((d) => byId.has(d.spuId))
  const cards = await toCards(
    ctx,
    kept.map((d) => byId.get(d.spuId)!),
  )
  const items: SavedProduct[] = cards.map((card, i) => ({
    ...card,
    status: byId.get(kept[i]!.spuId)!.status,
    at: new Date(kept[i]![field]!).getTime(),
  }))
  const last = page[page.length - 1]
  return {
    items,
    cursor:
      docs.length > input.pageSize && last
        ? encodeCursor({ o: kind, k: new Date(last[field]!).getTime(), i: last._id })
        : null,
  }
}

/** Removes the caller's entries for these products (or all of them). */
export async function removeSaved(
  ctx: Ctx,
  kind: SavedKind,
  spuIds?: string[],
): Promise<{ removed: number }> {
  const _ = ctx.db.command
  const where = spuIds ? { openid: ctx.openid, spuId: _.in(spuIds) } : { openid: ctx.openid }
  const res = (await ctx.db.collection(kind).where(where).remove()) as { stats: { removed: number } }
  return { removed: res.stats.removed }
}
