import type { ProductCard } from '@mall/contract'
import type { Ctx } from '../router'
import type { ProductDoc } from './docs'
import { imageResolver } from './images'
import { campaignPrice, discountFor, runningCampaigns } from './promo'

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
  promotion: true,
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
  | 'promotion'
  | 'categoryIds'
  | 'categoryId'
  | 'status'
  | 'rank'
  | 'createdAt'
>

/** Product documents -> cards, with image URLs and campaign prices, in the given order. */
export async function toCards(ctx: Ctx, docs: CardDoc[]): Promise<ProductCard[]> {
  const [img, campaigns] = await Promise.all([
    imageResolver(docs.map((d) => d.images[0] ?? '')),
    runningCampaigns(ctx),
  ])
  return docs.map((p) => {
    const discount = discountFor(campaigns, p)
    return {
      id: p._id,
      title: p.title,
      image: img(p.images[0]),
      price: p.minPrice,
      ...(p.minMemberPrice !== undefined ? { memberPrice: p.minMemberPrice } : {}),
      ...(p.marketPrice !== undefined ? { marketPrice: p.marketPrice } : {}),
      ...(discount ? { campaignPrice: campaignPrice(p.minPrice, discount) } : {}),
      sales: p.sales,
      tags: p.tags ?? [],
      soldOut: p.stock <= 0,
      promotion: !!p.promotion,
    }
  })
}
