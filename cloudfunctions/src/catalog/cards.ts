import type { ProductCard } from '@mall/contract'
import type { Ctx } from '../router'
import type { ProductDoc } from './docs'
import { imageResolver } from './images'
import { productPromotion, promotionTags, runningCampaigns } from './promo'

/** The fields a product card needs: lists read only these. */
export const CARD_FIELDS = {
  _id: true,
  title: true,
  images: true,
  minPrice: true,
  minMemberPrice: true,
  marketPrice: true,
  sales: true,
  tags: true,
  stock: true,
  categoryIds: true,
  categoryId: true,
  status: true,
  rank: true,
  createdAt: true,
} as const

export type CardDoc = Pick<
  ProductDoc,
  | '_id'
  | 'title'
  | 'images'
  | 'minPrice'
  | 'minMemberPrice'
  | 'marketPrice'
  | 'sales'
  | 'tags'
  | 'stock'
  | 'categoryIds'
  | 'categoryId'
  | 'status'
  | 'rank'
  | 'createdAt'
>

/**
 * Product documents -> cards, with image URLs, in the given order. The campaign price, the 限时特惠 tag and
 * `promotion` all come from the one promotion rule (promo.ts), the rule checkout charges by.
 */
export async function toCards(ctx: Ctx, docs: CardDoc[]): Promise<ProductCard[]> {
  const [img, running] = await Promise.all([
    imageResolver(docs.map((d) => d.images[0] ?? '')),
    runningCampaigns(ctx),
  ])
  return docs.map((p) => {
    const promo = productPromotion(running, p)
    return {
      id: p._id,
      title: p.title,
      image: img(p.images[0]),
      price: p.minPrice,
      ...(p.minMemberPrice !== undefined ? { memberPrice: p.minMemberPrice } : {}),
      ...(p.marketPrice !== undefined ? { marketPrice: p.marketPrice } : {}),
      ...(promo ? { campaignPrice: promo.price } : {}),
      sales: p.sales,
      tags: promotionTags(p.tags, !!promo),
      soldOut: p.stock <= 0,
      promotion: !!promo,
    }
  })
}
