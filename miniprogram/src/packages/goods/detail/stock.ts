import type { ProductDetail, SkuStock } from '@mall/contract'

/**
 * Folds fresh catalog.skuStock answers into the product: stock, sold-out, "only N left" and the current
 * SKU prices the server reports; a spec value is sold out when every SKU carrying it is.
 */
export function mergeStock(product: ProductDetail, fresh: SkuStock[]): ProductDetail {
  if (fresh.length === 0) return product
  const byId = new Map(fresh.map((s) => [s.skuId, s]))
  const skus = product.skus.map((sku) => {
    const s = byId.get(sku.id)
    if (!s) return sku
    const soldOut = s.soldOut || s.status === 'offShelf' || s.stock <= 0
    return { ...sku, stock: s.stock, soldOut, fewLeft: s.fewLeft, price: s.price, memberPrice: s.memberPrice }
  })
  const specs = product.specs.map((spec) => ({
    ...spec,
    values: spec.values.map((v) => {
      const withValue = skus.filter((s) => s.specs[spec.name] === v.value)
      return { ...v, soldOut: withValue.length > 0 ? withValue.every((s) => s.soldOut) : v.soldOut }
    }),
  }))
  return { ...product, skus, specs }
}
