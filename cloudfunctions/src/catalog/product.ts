/**
 * Product detail (one round of parallel reads + the footprint write), SKU stock re-reads and reviews.
 * Sold-out means stock 0 or off shelf; "only N left" shows for 1-5.
 */
import type { ProductDetail, ReviewView, SkuStock, SkuView } from '@mall/contract'
import type { Ctx } from '../router'
import { byId, first, list } from '../db'
import { fail } from '../errors'
import type { BrandDoc, CategoryDoc, ProductDoc, ReviewDoc, SkuDoc } from './docs'
import { decodeCursor, encodeCursor } from './cursor'
import { imageResolver } from './images'
import { campaignPriceFor, inScope, type ScopedItem } from '@mall/domain'
import { lowest, promotionTags, runningCampaigns } from './promo'
import { recordFootprint } from '../user/footprints'
import { savedId } from '../user/saved'
import { publicAuthor, replyView, type StoredReview } from '../review/model'

const FEW_LEFT = 5
const fewLeft = (stock: number): number | null => (stock > 0 && stock <= FEW_LEFT ? stock : null)
const soldOut = (s: Pick<SkuDoc, 'stock' | 'status'>) => s.stock <= 0 || s.status !== 'onShelf'

export async function productDetail(ctx: Ctx, id: string): Promise<ProductDetail> {
  const db = ctx.db
  const _ = db.command
  const product = await byId<ProductDoc>(db.collection('products'), id)
  if (!product) return fail('NOT_FOUND', '商品不存在或已删除')
  const [skus, brand, cats, running, top, fav] = await Promise.all([
    // `held` (the orders holding stock) is the inventory's bookkeeping, possibly large: never shipped out
    list<SkuDoc>(
      db.collection('skus').where({ spuId: id }).field({ held: false }).orderBy('_id', 'asc').limit(100),
    ),
    byId<BrandDoc>(db.collection('brands'), product.brandId),
    list<CategoryDoc>(
      db
        .collection('categories')
        .where({ _id: _.in(product.categoryIds) })
        .limit(3),
    ),
    runningCampaigns(ctx),
    list<ReviewDoc>(db.collection('reviews').where({ spuId: id }).orderBy('createdAt', 'desc').limit(2)),
    first<{ _id: string }>(
      db
        .collection('favorites')
        .where({ _id: savedId(ctx.openid, id) })
        .limit(1),
    ),
    recordFootprint(ctx, product),
  ])
  // the promotion rule per SKU, exactly as checkout prices it (promo.ts)
  const scoped = (skuId: string): ScopedItem => ({ skuId, spuId: id, categoryIds: product.categoryIds })
  const campaignOf = new Map(
    skus.map((s) => [
      s._id,
      campaignPriceFor({ ...scoped(s._id), price: s.price }, running.discounts, running.now),
    ]),
  )
  const img = await imageResolver([
    ...product.images,
    ...product.detail.flatMap((b) => (b.type === 'image' ? [b.src] : [])),
    ...skus.map((s) => s.image),
    ...(brand ? [brand.logo] : []),
    ...top.flatMap((r) => [r.avatar, ...r.images]),
  ])
  const skuViews: SkuView[] = skus.map((s) => ({
    id: s._id,
    specs: s.specs,
    specText: s.specText,
    price: s.price,
    ...(s.memberPrice !== undefined ? { memberPrice: s.memberPrice } : {}),
    ...(campaignOf.get(s._id) ? { campaignPrice: campaignOf.get(s._id)!.price } : {}),
    stock: Math.max(0, s.stock),
    soldOut: soldOut(s),
    fewLeft: s.status === 'onShelf' ? fewLeft(s.stock) : null,
    image: img(s.image),
  }))
  const onShelf = skus.filter((s) => s.status === 'onShelf')
  const priced = onShelf.length ? onShelf : skus
  const prices = priced.map((s) => s.price)
  const members = priced.flatMap((s) => (s.memberPrice !== undefined ? [s.memberPrice] : []))
  const promo = lowest(onShelf.map((s) => campaignOf.get(s._id)))
  const promoDoc = promo && running.campaigns.find((c) => c._id === promo.campaign.id)
  const catName = new Map(cats.map((c) => [c._id, c.name]))
  const rs = product.reviewSummary
  return {
    id: product._id,
    title: product.title,
    subtitle: product.subtitle,
    status: product.status,
    images: product.images.map((i) => img(i)),
    detail: product.detail.map((b) => (b.type === 'image' ? { type: 'image', src: img(b.src) } : b)),
    params: product.params,
    brand: brand ? { id: brand._id, name: brand.name, logo: img(brand.logo) } : null,
    category: { ids: product.categoryIds, names: product.categoryIds.map((c) => catName.get(c) ?? '') },
    tags: promotionTags(product.tags, !!promo),
    sales: product.sales,
    price: {
      min: prices.length ? Math.min(...prices) : product.minPrice,
      max: prices.length ? Math.max(...prices) : product.maxPrice,
      ...(members.length ? { memberMin: Math.min(...members) } : {}),
      ...(product.marketPrice !== undefined ? { marketPrice: product.marketPrice } : {}),
      ...(promo && promoDoc
        ? {
            campaign: {
              id: promoDoc._id,
              title: promoDoc.title,
              min: promo.price,
              endsAt: promo.campaign.endAt,
            },
          }
        : {}),
    },
    // full reductions reaching any SKU of the product (a products scope may name one SKU)
    promotions: running.campaigns
      .filter(
        (c) =>
          c.type === 'fullReduction' &&
          (skus.length ? skus.map((s) => scoped(s._id)) : [scoped(id)]).some((i) => inScope(c.scope, i)),
      )
      .map((c) => ({ id: c._id, title: c.title })),
    specs: product.specs.map((d) => ({
      name: d.name,
      values: d.values.map((value) => ({
        value,
        soldOut: !skus.some((s) => s.specs[d.name] === value && !soldOut(s)),
      })),
    })),
    skus: skuViews,
    reviews: {
      count: rs.count,
      avgRating: rs.avg,
      goodRate: rs.count ? Math.round((rs.good / rs.count) * 100) : 100,
      withPhotos: rs.withPhotos,
      top: top.map((r) => reviewView(r, img)),
    },
    favorite: !!fav,
  }
}

export async function skuStock(ctx: Ctx, skuIds: string[]): Promise<{ items: SkuStock[] }> {
  const _ = ctx.db.command
  const ids = [...new Set(skuIds)]
  const skus = await list<SkuDoc>(
    ctx.db
      .collection('skus')
      .where({ _id: _.in(ids) })
      .field({ _id: true, spuId: true, status: true, stock: true, price: true, memberPrice: true })
      .limit(ids.length),
  )
  const byId = new Map(skus.map((s) => [s._id, s]))
  return {
    items: ids.flatMap((id) => {
      const s = byId.get(id)
      if (!s) return []
      return [
        {
          skuId: s._id,
          spuId: s.spuId,
          status: s.status,
          stock: Math.max(0, s.stock),
          soldOut: soldOut(s),
          fewLeft: s.status === 'onShelf' ? fewLeft(s.stock) : null,
          price: s.price,
          ...(s.memberPrice !== undefined ? { memberPrice: s.memberPrice } : {}),
        },
      ]
    }),
  }
}

/** Public: an anonymous author is masked (no avatar); `images` holds passed photos only (review/photos.ts). */
function reviewView(r: StoredReview, img: (id: string) => string): ReviewView {
  const author = publicAuthor(r)
  return {
    id: r._id,
    nickname: author.nickname,
    avatar: author.avatar ? img(author.avatar) : '',
    rating: r.rating,
    content: r.content,
    images: r.images.map((i) => img(i)),
    specText: r.specText,
    createdAt: new Date(r.createdAt).getTime(),
    reply: replyView(r),
  }
}

export async function reviews(
  ctx: Ctx,
  input: { spuId: string; withPhotos?: boolean; cursor?: string; pageSize: number },
): Promise<{ items: ReviewView[]; cursor: string | null }> {
  const _ = ctx.db.command
  const ordering = input.withPhotos ? 'reviewsPhotos' : 'reviews'
  const conds: object[] = [{ spuId: input.spuId }]
  if (input.withPhotos) conds.push({ hasImages: true })
  if (input.cursor) {
    const c = decodeCursor(input.cursor, ordering)
    if (typeof c.k !== 'number') return fail('INVALID_INPUT', 'cursor: 分页参数无效')
    const at = new Date(c.k)
    conds.push({ createdAt: _.lte(at) }, _.or([{ createdAt: _.lt(at) }, { _id: _.gt(c.i) }]))
  }
  const docs = await list<ReviewDoc>(
    ctx.db
      .collection('reviews')
      .where(_.and(conds as never[]))
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'asc')
      .limit(input.pageSize + 1),
  )
  const page = docs.slice(0, input.pageSize)
  const img = await imageResolver(page.flatMap((r) => [r.avatar, ...r.images]))
  const last = page[page.length - 1]
  return {
    items: page.map((r) => reviewView(r, img)),
    cursor:
      docs.length > input.pageSize && last
        ? encodeCursor({ o: ordering, k: new Date(last.createdAt).getTime(), i: last._id })
        : null,
  }
}
