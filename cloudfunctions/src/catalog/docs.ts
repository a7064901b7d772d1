/**
 * Stored shapes of the catalogue collections (what the seed writes and the handlers read). Image fields hold
 * CloudBase fileIDs (`cloud://...`) — or plain https URLs — and handlers turn fileIDs into temporary URLs.
 * Money is integer fen; dates are Date objects.
 */
export type ShelfStatus = 'onShelf' | 'offShelf'

export interface CategoryDoc {
  _id: string
  name: string
  level: 1 | 2 | 3
  parentId: string | null
  /** ids from the top level down to this category, itself included */
  path: string[]
  icon: string
  sort: number
}

export interface BrandDoc {
  _id: string
  name: string
  logo: string
  /** top-level categories the brand sells in */
  categoryIds: string[]
}

export type DetailBlock = { type: 'text'; text: string } | { type: 'image'; src: string }

export interface ProductDoc {
  _id: string
  title: string
  subtitle: string
  /** category path, top level first: any level matches a category filter */
  categoryIds: string[]
  categoryId: string
  /** the path again as scalar fields: an equality on one of them is index-able (an array field is not) */
  cat1: string
  cat2: string
  cat3: string
  brandId: string
  images: string[]
  detail: DetailBlock[]
  params: Array<{ name: string; value: string }>
  specs: Array<{ name: string; values: string[] }>
  /** the merchant's tags; 限时特惠 is never stored: the promotion rule adds it (catalog/promo.ts) */
  tags: string[]
  /** lower-cased tokens for exact keyword hits (brand, category names, title words) */
  keywords: string[]
  status: ShelfStatus
  minPrice: number
  maxPrice: number
  minMemberPrice?: number
  marketPrice?: number
  /** summary of the SKUs' stock; the SKU documents are the truth */
  stock: number
  sales: number
  /** merchandising score for the default sort */
  rank: number
  reviewSummary: { count: number; avg: number; good: number; withPhotos: number }
  /** co-purchase list (seeded; a job can refresh it from orders) */
  boughtTogether: string[]
  createdAt: Date
  updatedAt: Date
}

export interface SkuDoc {
  _id: string
  spuId: string
  specs: Record<string, string>
  specText: string
  price: number
  memberPrice?: number
  stock: number
  sold: number
  status: ShelfStatus
  image: string
  version: number
  /** quantity held by each live, unshipped order (order/inventory.ts) */
  held?: Record<string, number>
  /** stock moved since the product's summary last folded it in (catalog/summary.ts) */
  dirty?: boolean
  summarized?: { stock: number; sold: number }
}

export interface ReviewDoc {
  _id: string
  spuId: string
  skuId: string
  openid: string
  nickname: string
  avatar: string
  rating: number
  content: string
  images: string[]
  hasImages: boolean
  specText: string
  createdAt: Date
}

export interface BannerDoc {
  _id: string
  image: string
  title: string
  link: string
  active: boolean
  sort: number
}

export interface CampaignDoc {
  _id: string
  type: 'fullReduction' | 'discount'
  title: string
  status: 'active' | 'ended'
  startAt: Date
  endAt: Date
  scope: { type: 'all' } | { type: 'categories'; ids: string[] } | { type: 'products'; ids: string[] }
  /** fullReduction: spend at least `threshold` fen, get `off` fen off (highest tier reached applies) */
  tiers?: Array<{ threshold: number; off: number }>
  stackableWithCoupon?: boolean
  /** discount: the campaign price is floor(price * payPermille / 1000), below 1000 (domain discount.ts) */
  payPermille?: number
}

export interface FavoriteDoc {
  _id: string
  openid: string
  spuId: string
  createdAt: Date
}

export interface FootprintDoc {
  _id: string
  openid: string
  spuId: string
  categoryId: string
  at: Date
}

export interface SearchWordDoc {
  _id: string
  word: string
  weight: number
  hot: boolean
}
