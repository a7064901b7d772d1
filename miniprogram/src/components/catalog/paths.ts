// In-app paths of the catalogue pages; the checkout path is agreed with the order pages.

export interface SearchQuery {
  keyword?: string
  categoryId?: string
  categoryName?: string
}

const query = (params: Record<string, string | number | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&')

export const searchPath = (q: SearchQuery = {}) => {
  const qs = query({ keyword: q.keyword, categoryId: q.categoryId, categoryName: q.categoryName })
  return `/packages/goods/search/index${qs ? `?${qs}` : ''}`
}

export const checkoutPath = (skuId: string, quantity: number) =>
  `/packages/order/checkout/index?${query({ skuId, quantity })}`

export const FAVORITES_PATH = '/packages/user/favorites/index'
export const FOOTPRINTS_PATH = '/packages/user/footprints/index'

/** Router params may arrive encoded (weapp) or decoded (h5); decoding twice must not throw. */
export function param(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
