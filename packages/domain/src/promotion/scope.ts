/** Which cart lines a campaign or coupon covers. `products` matches an SPU id or a SKU id. */
export type Scope =
  | { readonly type: 'all' }
  | { readonly type: 'categories'; readonly ids: readonly string[] }
  | { readonly type: 'products'; readonly ids: readonly string[] }

export interface ScopedItem {
  readonly skuId: string
  readonly spuId: string
  /** The category path, root first: a category scope matches any level of it. */
  readonly categoryIds: readonly string[]
}

export const inScope = (scope: Scope, item: ScopedItem): boolean => {
  switch (scope.type) {
    case 'all':
      return true
    case 'categories':
      return item.categoryIds.some((c) => scope.ids.indexOf(c) >= 0)
    case 'products':
      return scope.ids.indexOf(item.spuId) >= 0 || scope.ids.indexOf(item.skuId) >= 0
  }
}
