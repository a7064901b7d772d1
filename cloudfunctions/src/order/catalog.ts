import type { Database } from '../cloud'
import { list } from '../db'

/** The slice of a SKU + its product that checkout and the cart need. */
export interface SkuInfo {
  skuId: string
  spuId: string
  title: string
  image: string
  specs: Record<string, string>
  categoryIds: string[]
  price: number
  memberPrice?: number
  stock: number
  onShelf: boolean
}

interface SkuDoc {
  _id: string
  spuId: string
  specs?: Record<string, string> | Array<{ name: string; value: string }>
  price: number
  memberPrice?: number
  stock: number
  status?: string
  image?: string
  title?: string
}

interface ProductDoc {
  _id: string
  title?: string
  images?: string[]
  image?: string
  cover?: string
  status?: string
  categoryIds?: string[]
  categoryPath?: string[]
  categoryId?: string
}

const normaliseSpecs = (s: SkuDoc['specs']): Record<string, string> =>
  Array.isArray(s) ? Object.fromEntries(s.map((x) => [x.name, x.value])) : { ...(s ?? {}) }

/** Loads SKUs and their products in two queries (`_id in [...]`), keyed by sku id. */
export async function loadSkus(db: Database, skuIds: string[]): Promise<Map<string, SkuInfo>> {
  const out = new Map<string, SkuInfo>()
  const ids = [...new Set(skuIds)]
  if (!ids.length) return out
  const _ = db.command
  const skus = await list<SkuDoc>(
    db
      .collection('skus')
      .where({ _id: _.in(ids) })
      .field({ held: false })
      .limit(1000),
  )
  const spuIds = [...new Set(skus.map((s) => s.spuId))]
  const products = spuIds.length
    ? await list<ProductDoc>(
        db
          .collection('products')
          .where({ _id: _.in(spuIds) })
          .limit(1000),
      )
    : []
  const byProduct = new Map(products.map((p) => [p._id, p]))
  for (const s of skus) {
    const p = byProduct.get(s.spuId)
    out.set(s._id, {
      skuId: s._id,
      spuId: s.spuId,
      title: p?.title ?? s.title ?? '',
      image: s.image ?? p?.cover ?? p?.image ?? p?.images?.[0] ?? '',
      specs: normaliseSpecs(s.specs),
      categoryIds: p?.categoryIds ?? p?.categoryPath ?? (p?.categoryId ? [p.categoryId] : []),
      price: s.price,
      memberPrice: s.memberPrice,
      stock: Math.max(0, s.stock),
      onShelf: s.status === 'onShelf' && (!p?.status || p.status === 'onShelf'),
    })
  }
  return out
}
