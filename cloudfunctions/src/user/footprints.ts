import type { Ctx } from '../router'
import { list } from '../db'
import type { ProductDoc } from '../catalog/docs'
import { savedId } from './saved'

/** Upsert: one footprint per product, its time moved to now on every view. */
export async function recordFootprint(
  ctx: Ctx,
  product: Pick<ProductDoc, '_id' | 'categoryId'>,
): Promise<void> {
  await ctx.db
    .collection('footprints')
    .doc(savedId(ctx.openid, product._id))
    .set({
      data: {
        openid: ctx.openid,
        spuId: product._id,
        categoryId: product.categoryId,
        at: new Date(ctx.now()),
      },
    })
}

/** Footprints kept per shopper; older ones are pruned when the first page of the list is read. */
export const FOOTPRINTS_MAX = 200

export async function pruneFootprints(ctx: Ctx): Promise<void> {
  const _ = ctx.db.command
  const old = await list<{ _id: string }>(
    ctx.db
      .collection('footprints')
      .where({ openid: ctx.openid })
      .orderBy('at', 'desc')
      .orderBy('_id', 'asc')
      .skip(FOOTPRINTS_MAX)
      .field({ _id: true })
      .limit(100),
  )
  if (old.length)
    await ctx.db
      .collection('footprints')
      .where({ openid: ctx.openid, _id: _.in(old.map((d) => d._id)) })
      .remove()
}
