import { FAVORITES_MAX } from '@mall/contract'
import type { Ctx } from '../router'
import { byId } from '../db'
import { fail } from '../errors'
import type { ProductDoc } from '../catalog/docs'
import { savedId } from './saved'

export async function addFavorite(ctx: Ctx, spuId: string): Promise<{ favorite: true }> {
  const coll = ctx.db.collection('favorites')
  const [product, existing, count] = await Promise.all([
    byId<ProductDoc>(ctx.db.collection('products'), spuId),
    byId<{ _id: string }>(coll, savedId(ctx.openid, spuId)),
    coll.where({ openid: ctx.openid }).count() as Promise<{ total: number }>,
  ])
  if (!product) return fail('NOT_FOUND', '商品不存在或已删除')
  if (existing) return { favorite: true }
  if (count.total >= FAVORITES_MAX) return fail('FAVORITES_FULL')
  await coll.doc(savedId(ctx.openid, spuId)).set({
    data: { openid: ctx.openid, spuId, categoryId: product.categoryId, createdAt: new Date(ctx.now()) },
  })
  return { favorite: true }
}
