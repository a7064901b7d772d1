import type { Ctx } from '../router'
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
