import type { HomeScreen, ProductCard } from '@mall/contract'
import type { Ctx } from '../router'
import { list } from '../db'

interface BannerDoc {
  _id: string
  image: string
  title: string
  link: string
}

interface CategoryDoc {
  _id: string
  name: string
  icon: string
}

interface ProductDoc {
  _id: string
  title: string
  images: string[]
  minPrice: number
  minMemberPrice?: number
  marketPrice?: number
  sales: number
  tags?: string[]
}

/** First screen of the home page: banners, category shortcuts and the first page of the feed. */
export async function loadHome(ctx: Ctx): Promise<HomeScreen> {
  const db = ctx.db
  const [banners, categories, products] = await Promise.all([
    list<BannerDoc>(db.collection('banners').where({ active: true }).orderBy('sort', 'asc').limit(5)),
    list<CategoryDoc>(db.collection('categories').where({ level: 1 }).orderBy('sort', 'asc').limit(10)),
    list<ProductDoc>(db.collection('products').where({ status: 'onShelf' }).orderBy('sales', 'desc').limit(20)),
  ])
  return {
    banners: banners.map((b) => ({
      id: b._id,
      image: b.image,
      title: b.title,
      link: b.link,
    })),
    categories: categories.map((c) => ({
      id: c._id,
      name: c.name,
      icon: c.icon,
    })),
    feed: { items: products.map(toCard), cursor: products.length === 20 ? '20' : null },
  }
}

export function toCard(p: ProductDoc): ProductCard {
  return {
    id: p._id,
    title: p.title,
    image: p.images[0] ?? '',
    price: p.minPrice,
    ...(p.minMemberPrice !== undefined ? { memberPrice: p.minMemberPrice } : {}),
    ...(p.marketPrice !== undefined ? { marketPrice: p.marketPrice } : {}),
    sales: p.sales,
    tags: p.tags ?? [],
  }
}
