import { Empty } from '../common'
import { action } from '../define'

export interface ProductCard {
  id: string
  title: string
  image: string
  /** fen: the lowest on-shelf SKU price */
  price: number
  memberPrice?: number
  marketPrice?: number
  sales: number
  tags: string[]
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

export interface HomeScreen {
  banners: Banner[]
  categories: CategoryShortcut[]
  feed: { items: ProductCard[]; cursor: string | null }
}

export const catalogActions = {
  /** The whole first screen of the home page in one call. */
  'catalog.home': action<HomeScreen>()({ fn: 'shop', audience: 'shopper', input: Empty }),
}
