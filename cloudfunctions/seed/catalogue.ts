/** Demo catalogue: category tree, brands, products with SKU matrices, reviews, banners and their images. */
import type {
  BannerDoc,
  BrandDoc,
  CampaignDoc,
  CategoryDoc,
  DetailBlock,
  ProductDoc,
  ReviewDoc,
  SkuDoc,
} from '../src/catalog/docs'
import { SHAPES, tile, type Rgb, type Shape } from './png'
import type { Rng } from './random'
import { DETAIL_TEXTS, NICKNAMES, REVIEW_TEXTS, TAGS, TITLE_WORDS, TOP_CATEGORIES } from './names'

export interface SeedFile {
  cloudPath: string
  contentType: string
  bytes: Buffer
}

const DAY = 86_400_000
const VARIANTS = 3

const shade = (c: Rgb, k: number): Rgb => [
  Math.round(255 - (255 - c[0]) * k),
  Math.round(255 - (255 - c[1]) * k),
  Math.round(255 - (255 - c[2]) * k),
]

/** Image files and the cloud paths documents refer to (tiles are shared between products). */
export function catalogueFiles(): SeedFile[] {
  const files: SeedFile[] = []
  TOP_CATEGORIES.forEach((top, t) => {
    for (const shape of SHAPES)
      for (let v = 0; v < VARIANTS; v++)
        files.push(
          png(
            tilePath(t, shape, v),
            tile({ width: 240, height: 240, bg: shade(top.colour, 0.15 + v * 0.12), fg: top.colour, shape }),
          ),
        )
  })
  TOP_CATEGORIES.forEach((top, t) =>
    files.push(
      png(
        bannerPath(t),
        tile({
          width: 750,
          height: 300,
          bg: shade(top.colour, 0.35),
          fg: [255, 255, 255],
          shape: top.shape,
          accent: top.colour,
        }),
      ),
    ),
  )
  for (let a = 0; a < 4; a++)
    files.push(
      png(
        avatarPath(a),
        tile({
          width: 96,
          height: 96,
          bg: shade(TOP_CATEGORIES[a]!.colour, 0.5),
          fg: [255, 255, 255],
          shape: 'circle',
        }),
      ),
    )
  return files
}

const png = (cloudPath: string, bytes: Buffer): SeedFile => ({ cloudPath, contentType: 'image/png', bytes })
const tilePath = (top: number, shape: Shape, variant: number) =>
  `seed/tile/${top + 1}-${shape}-${variant}.png`
const bannerPath = (top: number) => `seed/banner/${top + 1}.png`
export const avatarPath = (n: number) => `seed/avatar/${(n % 4) + 1}.png`

export interface CatalogueOpts {
  rng: Rng
  base: number
  /** the clock the seed is loaded at: campaigns run around it */
  now: number
  products: number
  file: (cloudPath: string) => string
  reviewers: Array<{ openid: string; avatar: string }>
}

export function generateCatalogue(o: CatalogueOpts) {
  const { rng, base, file } = o
  const categories: CategoryDoc[] = []
  const leaves: Array<{ top: number; l2: CategoryDoc; l3: CategoryDoc; l1: CategoryDoc }> = []
  TOP_CATEGORIES.forEach((top, t) => {
    const id1 = `c${t + 1}`
    const l1: CategoryDoc = {
      _id: id1,
      name: top.name,
      level: 1,
      parentId: null,
      path: [id1],
      icon: file(tilePath(t, top.shape, 0)),
      sort: t + 1,
    }
    categories.push(l1)
    top.children.forEach((mid, m) => {
      const id2 = `${id1}_${m + 1}`
      const l2: CategoryDoc = {
        _id: id2,
        name: mid.name,
        level: 2,
        parentId: id1,
        path: [id1, id2],
        icon: file(tilePath(t, SHAPES[m]!, 1)),
        sort: m + 1,
      }
      categories.push(l2)
      mid.children.forEach((leaf, k) => {
        const id3 = `${id2}_${k + 1}`
        const l3: CategoryDoc = {
          _id: id3,
          name: leaf,
          level: 3,
          parentId: id2,
          path: [id1, id2, id3],
          icon: file(tilePath(t, SHAPES[(m * 3 + k) % SHAPES.length]!, 2)),
          sort: k + 1,
        }
        categories.push(l3)
        leaves.push({ top: t, l1, l2, l3 })
      })
    })
  })

  const brands: BrandDoc[] = TOP_CATEGORIES.flatMap((top, t) =>
    top.brands.map((name, b) => ({
      _id: `b${String(t * 4 + b + 1).padStart(2, '0')}`,
      name,
      logo: file(tilePath(t, SHAPES[b]!, 0)),
      categoryIds: [`c${t + 1}`],
    })),
  )

  const products: ProductDoc[] = []
  const skus: SkuDoc[] = []
  for (let i = 0; i < o.products; i++) {
    const leaf = leaves[i % leaves.length]!
    const top = TOP_CATEGORIES[leaf.top]!
    const brandIdx = rng.int(0, top.brands.length - 1)
    const brand = brands[leaf.top * 4 + brandIdx]!
    const id = `p${String(i + 1).padStart(4, '0')}`
    const shape = SHAPES[i % SHAPES.length]!
    const images = [0, 1, 2].map((v) => file(tilePath(leaf.top, shape, v)))
    const word = rng.pick(TITLE_WORDS)
    const title = `${brand.name} ${word} ${leaf.l3.name} ${String.fromCharCode(65 + (i % 26))}${rng.int(1, 99)}`
    const dims = top.specs.map((d) => ({
      name: d.name,
      values: d.values.slice(0, i === 0 ? d.values.length : rng.int(1, d.values.length)),
    }))
    const status = i % 25 === 24 ? 'offShelf' : 'onShelf'
    const basePrice = Math.max(100, Math.round(rng.int(top.price[0], top.price[1]) / 1000) * 1000 - 100)
    const step = Math.max(100, Math.round((basePrice * 0.15) / 100) * 100)
    const productSkus: SkuDoc[] = []
    dims[0]!.values.forEach((v1, a) =>
      dims[1]!.values.forEach((v2, b) => {
        const price = basePrice + b * step
        const n = productSkus.length
        const r = rng.next()
        // p0001 always shows a sold-out and an "only N left" combination; p0008 is entirely sold out
        let stock = r < 0.12 ? 0 : r < 0.24 ? rng.int(1, 5) : rng.int(10, 300)
        if (i === 0) stock = n === 0 ? 0 : n === 1 ? 3 : 50 + n
        if (i === 7) stock = 0
        const sold = rng.int(0, 400)
        productSkus.push({
          _id: `${id}_s${String(n + 1).padStart(2, '0')}`,
          spuId: id,
          specs: { [dims[0]!.name]: v1, [dims[1]!.name]: v2 },
          specText: `${v1} / ${v2}`,
          price,
          memberPrice: Math.floor(price * 0.95),
          stock,
          sold,
          // what the product's summary already counts (catalog/summary.ts folds later changes in)
          summarized: { stock, sold },
          status,
          image: file(tilePath(leaf.top, shape, (a + b) % VARIANTS)),
          version: 0,
        })
      }),
    )
    if (i === 0 && productSkus.length < 3) throw new Error('seed: p0001 needs at least 3 SKUs')
    skus.push(...productSkus)
    const prices = productSkus.map((s) => s.price)
    const detail: DetailBlock[] = [
      { type: 'text', text: `${title}：${rng.pick(DETAIL_TEXTS)}` },
      { type: 'image', src: images[1]! },
      { type: 'text', text: rng.pick(DETAIL_TEXTS) },
      { type: 'image', src: images[2]! },
      { type: 'text', text: DETAIL_TEXTS[2]! },
    ]
    const sales = productSkus.reduce((s, k) => s + k.sold, 0)
    products.push({
      _id: id,
      title,
      subtitle: `${leaf.l2.name} · ${rng.pick(DETAIL_TEXTS).slice(0, 14)}`,
      categoryIds: [leaf.l1._id, leaf.l2._id, leaf.l3._id],
      categoryId: leaf.l3._id,
      cat1: leaf.l1._id,
      cat2: leaf.l2._id,
      cat3: leaf.l3._id,
      brandId: brand._id,
      images,
      detail,
      params: [
        { name: '品牌', value: brand.name },
        { name: '型号', value: title.split(' ').slice(-1)[0]! },
        ...top.params.map(([name, values]) => ({ name, value: rng.pick(values) })),
      ],
      specs: dims,
      tags: rng.sample(TAGS, rng.int(0, 2)),
      keywords: [
        ...new Set([brand.name, word, leaf.l1.name, leaf.l2.name, leaf.l3.name].map((k) => k.toLowerCase())),
      ],
      status,
      minPrice: Math.min(...prices),
      maxPrice: Math.max(...prices),
      minMemberPrice: Math.min(...productSkus.map((s) => s.memberPrice!)),
      marketPrice: Math.round((Math.max(...prices) * 1.2) / 100) * 100,
      stock: productSkus.reduce((s, k) => s + k.stock, 0),
      sales,
      rank: sales + rng.int(0, 300),
      reviewSummary: { count: 0, avg: 0, good: 0, withPhotos: 0 },
      boughtTogether: [],
      // groups of three share a creation time: the newest sort must break ties by _id
      createdAt: new Date(base + Math.floor(i / 3) * DAY),
      updatedAt: new Date(base + Math.floor(i / 3) * DAY),
    })
  }
  for (const p of products)
    p.boughtTogether = rng
      .sample(products, 4)
      .filter((q) => q._id !== p._id && q.categoryIds[0] !== p.categoryIds[0])
      .slice(0, 3)
      .map((q) => q._id)

  const reviews = generateReviews(o, products, skus)
  const banners: BannerDoc[] = TOP_CATEGORIES.slice(0, 4).map((top, t) => ({
    _id: `bn${t + 1}`,
    image: file(bannerPath(t)),
    title: `${top.name}节 · 精选好物低至8折`,
    link: `/packages/goods/search/index?categoryId=c${t + 1}`,
    active: true,
    sort: t + 1,
  }))
  banners.push({
    _id: 'bn9',
    image: file(bannerPath(5)),
    title: '已下线的活动',
    link: '/pages/home/index',
    active: false,
    sort: 9,
  })

  const campaigns = generateCampaigns(o.now, products)
  return { categories, brands, products, skus, reviews, banners, campaigns }
}

function generateReviews(o: CatalogueOpts, products: ProductDoc[], skus: SkuDoc[]): ReviewDoc[] {
  const { rng } = o
  const reviews: ReviewDoc[] = []
  const skusOf = new Map<string, SkuDoc[]>()
  for (const s of skus) skusOf.set(s.spuId, [...(skusOf.get(s.spuId) ?? []), s])
  for (const p of products) {
    const n = p._id === 'p0001' ? 12 : rng.int(0, 6)
    for (let k = 0; k < n; k++) {
      const sku = rng.pick(skusOf.get(p._id)!)
      const rating = rng.chance(0.8) ? rng.int(4, 5) : rng.int(1, 3)
      const withPhotos = rng.chance(0.3)
      const who = rng.pick(o.reviewers)
      const nick = rng.pick(NICKNAMES)
      const images = withPhotos ? rng.sample(p.images, rng.int(1, 3)) : []
      reviews.push({
        _id: `r${String(reviews.length + 1).padStart(6, '0')}`,
        spuId: p._id,
        skuId: sku._id,
        openid: who.openid,
        nickname: `${nick[0]}**`,
        avatar: who.avatar,
        rating,
        content: rng.pick(REVIEW_TEXTS),
        images,
        hasImages: images.length > 0,
        specText: sku.specText,
        createdAt: new Date(p.createdAt.getTime() + (k + 1) * DAY + rng.int(0, DAY - 1)),
      })
    }
    const mine = reviews.filter((r) => r.spuId === p._id)
    const sum = mine.reduce((s, r) => s + r.rating, 0)
    p.reviewSummary = {
      count: mine.length,
      avg: mine.length ? Math.round((sum / mine.length) * 10) / 10 : 0,
      good: mine.filter((r) => r.rating >= 4).length,
      withPhotos: mine.filter((r) => r.hasImages).length,
    }
  }
  return reviews
}

/**
 * Campaigns as a shop runs them: started yesterday, ending within days of the seed's clock (the flash sale
 * first, so its countdown reads 距结束 3天), each kind present: store-wide and category full reductions, a
 * limited-time discount on every ninth product.
 */
function generateCampaigns(now: number, products: ProductDoc[]): CampaignDoc[] {
  const startAt = new Date(now - DAY)
  const ends = (days: number) => new Date(now + days * DAY)
  const discounted = products.filter((_, i) => i % 9 === 0).map((p) => p._id)
  const campaigns: CampaignDoc[] = [
    {
      _id: 'cmp_full_all',
      type: 'fullReduction',
      title: '全场满300减30，满500减60',
      status: 'active',
      startAt,
      endAt: ends(10),
      scope: { type: 'all' },
      tiers: [
        { threshold: 30000, off: 3000 },
        { threshold: 50000, off: 6000 },
      ],
      stackableWithCoupon: true,
    },
    {
      _id: 'cmp_full_food',
      type: 'fullReduction',
      title: '食品生鲜满99减10',
      status: 'active',
      startAt,
      endAt: ends(7),
      scope: { type: 'categories', ids: ['c5'] },
      tiers: [{ threshold: 9900, off: 1000 }],
      stackableWithCoupon: false,
    },
    {
      _id: 'cmp_flash',
      type: 'discount',
      title: '限时85折',
      status: 'active',
      startAt,
      endAt: ends(3),
      scope: { type: 'products', ids: discounted },
      payPermille: 850,
    },
  ]
  return campaigns
}
