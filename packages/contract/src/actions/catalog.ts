import * as v from 'valibot'
import { Cursor, Empty, Fen, Id, PageSize, ShortText } from '../common'
import { action } from '../define'

// user.* types live in ./user; re-exported here because the package index exports this module.
export * from './user'

/** Image fields are URLs the client can show as is (the server resolves CloudBase fileIDs). */
export interface ProductCard {
  id: string
  title: string
  image: string
  /** fen: the lowest on-shelf SKU price */
  price: number
  memberPrice?: number
  marketPrice?: number
  /** fen: the lowest campaign (limited-time discount) price, when a campaign runs */
  campaignPrice?: number
  sales: number
  tags: string[]
  /** every SKU sold out (summary; `catalog.skuStock` is the truth) */
  soldOut?: boolean
  promotion?: boolean
}

export interface Banner {
  id: string
  image: string
  title: string
  /** an in-app path such as /packages/goods/detail/index?id=p0001 */
  link: string
}

export interface CategoryShortcut {
  id: string
  name: string
  icon: string
}

export interface FeedPage {
  items: ProductCard[]
  /** null when there is nothing more */
  cursor: string | null
}

export interface HomeScreen {
  banners: Banner[]
  categories: CategoryShortcut[]
  /** first page: weighted by the shopper's footprints and favourites, then best sellers */
  feed: FeedPage
  hotWords: string[]
}

export interface CategoryNode {
  id: string
  name: string
  icon: string
  level: 1 | 2 | 3
  children: CategoryNode[]
}

export const SEARCH_SORTS = ['default', 'sales', 'priceAsc', 'priceDesc', 'newest'] as const
export type SearchSort = (typeof SEARCH_SORTS)[number]

export interface SearchResult extends FeedPage {
  /** brands to offer as a filter (first page only) */
  brands?: Array<{ id: string; name: string }>
}

export type DetailBlockView = { type: 'text'; text: string } | { type: 'image'; src: string }

export interface SkuView {
  id: string
  specs: Record<string, string>
  specText: string
  price: number
  memberPrice?: number
  campaignPrice?: number
  stock: number
  soldOut: boolean
  /** N for "only N left" (stock 1-5), else null */
  fewLeft: number | null
  image: string
}

export interface ReviewView {
  id: string
  nickname: string
  avatar: string
  rating: number
  content: string
  images: string[]
  specText: string
  createdAt: number
  /** the merchant's public reply, once given */
  reply?: { content: string; at: number } | null
}

export interface ReviewSummary {
  count: number
  avgRating: number
  /** percent of 4-5 star reviews, 0-100 */
  goodRate: number
  withPhotos: number
  top: ReviewView[]
}

export interface ProductDetail {
  id: string
  title: string
  subtitle: string
  status: 'onShelf' | 'offShelf'
  images: string[]
  detail: DetailBlockView[]
  params: Array<{ name: string; value: string }>
  brand: { id: string; name: string; logo: string } | null
  category: { ids: string[]; names: string[] }
  tags: string[]
  sales: number
  price: {
    min: number
    max: number
    memberMin?: number
    marketPrice?: number
    campaign?: { id: string; title: string; min: number; endsAt: number }
  }
  /** full-reduction campaigns that apply, e.g. '全场满300减30，满500减60' */
  promotions: Array<{ id: string; title: string }>
  /** the spec matrix; a value is soldOut when every SKU with it is sold out or off shelf */
  specs: Array<{ name: string; values: Array<{ value: string; soldOut: boolean }> }>
  skus: SkuView[]
  reviews: ReviewSummary
  favorite: boolean
}

export interface SkuStock {
  skuId: string
  spuId: string
  status: 'onShelf' | 'offShelf'
  stock: number
  soldOut: boolean
  fewLeft: number | null
  price: number
  memberPrice?: number
}

export interface Recommendations {
  sameCategory: ProductCard[]
  boughtTogether: ProductCard[]
  /** from the shopper's own footprints and favourites */
  forYou: ProductCard[]
}

const Page = { cursor: v.optional(Cursor), pageSize: v.optional(PageSize, 20) }

export const catalogActions = {
  /** The whole first screen of the home page in one call. */
  'catalog.home': action<HomeScreen>()({ fn: 'shop', audience: 'shopper', input: Empty }),
  /** Next pages of the home feed (the cursor comes from `catalog.home` or the previous page). */
  'catalog.feed': action<FeedPage>()({ fn: 'shop', audience: 'shopper', input: v.strictObject(Page) }),
  'catalog.categories': action<{ tree: CategoryNode[] }>()({ fn: 'shop', audience: 'shopper', input: Empty }),
  'catalog.hotWords': action<{ words: string[] }>()({ fn: 'shop', audience: 'shopper', input: Empty }),
  'catalog.search': action<SearchResult>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({
      keyword: v.optional(ShortText(30)),
      /** any level of the tree */
      categoryId: v.optional(Id),
      brandIds: v.optional(v.pipe(v.array(Id), v.maxLength(20))),
      minPrice: v.optional(Fen),
      maxPrice: v.optional(Fen),
      inStock: v.optional(v.boolean()),
      onPromotion: v.optional(v.boolean()),
      sort: v.optional(v.picklist(SEARCH_SORTS), 'default'),
      ...Page,
    }),
  }),
  /** Product detail; reading it records a footprint for the caller. */
  'catalog.product': action<ProductDetail>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ id: Id }),
  }),
  /** Current stock of SKUs (page show, before add-to-cart and submit). Unknown ids are left out. */
  'catalog.skuStock': action<{ items: SkuStock[] }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ skuIds: v.pipe(v.array(Id), v.minLength(1), v.maxLength(50)) }),
  }),
  'catalog.reviews': action<{ items: ReviewView[]; cursor: string | null }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ spuId: Id, withPhotos: v.optional(v.boolean()), ...Page }),
  }),
  'catalog.recommend': action<Recommendations>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({
      spuId: v.optional(Id),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)), 6),
    }),
  }),
}
