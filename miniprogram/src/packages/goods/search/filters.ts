import type { ActionInput, SearchSort } from '@mall/contract'

export interface Filters {
  minPrice?: number
  maxPrice?: number
  brandIds: string[]
  categoryId?: string
  categoryName?: string
  inStock: boolean
  onPromotion: boolean
}

export const NO_FILTERS: Filters = { brandIds: [], inStock: false, onPromotion: false }

export const SORTS: Array<{ sort: SearchSort; label: string }> = [
  { sort: 'default', label: '综合' },
  { sort: 'sales', label: '销量' },
  { sort: 'priceAsc', label: '价格↑' },
  { sort: 'priceDesc', label: '价格↓' },
  { sort: 'newest', label: '新品' },
]

/** What the shopper typed in yuan, as fen; blank is "no bound", anything else unparseable is an error. */
export function parseYuan(text: string): number | undefined | 'invalid' {
  const t = text.trim()
  if (!t) return undefined
  if (!/^\d{1,7}(\.\d{0,2})?$/.test(t)) return 'invalid'
  const [yuan, cents = ''] = t.split('.')
  return Number(yuan) * 100 + Number(cents.padEnd(2, '0'))
}

export const yuanText = (fen: number | undefined) =>
  fen === undefined ? '' : fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2)

export function activeCount(f: Filters): number {
  return (
    (f.minPrice !== undefined || f.maxPrice !== undefined ? 1 : 0) +
    (f.brandIds.length > 0 ? 1 : 0) +
    (f.categoryId ? 1 : 0) +
    (f.inStock ? 1 : 0) +
    (f.onPromotion ? 1 : 0)
  )
}

/** The catalog.search input: only the fields in use, so the server sees exactly the shopper's choice. */
export function searchInput(
  keyword: string,
  f: Filters,
  sort: SearchSort,
  cursor: string | undefined,
): ActionInput<'catalog.search'> {
  const input: ActionInput<'catalog.search'> = { sort, pageSize: 20 }
  if (keyword) input.keyword = keyword
  if (f.categoryId) input.categoryId = f.categoryId
  if (f.brandIds.length > 0) input.brandIds = f.brandIds
  if (f.minPrice !== undefined) input.minPrice = f.minPrice
  if (f.maxPrice !== undefined) input.maxPrice = f.maxPrice
  if (f.inStock) input.inStock = true
  if (f.onPromotion) input.onPromotion = true
  if (cursor) input.cursor = cursor
  return input
}
