import type { ProductDetail, SkuView } from '@mall/contract'

export type Selection = Record<string, string>

/** Buyable: on shelf and in stock (the server folds off-shelf into soldOut). */
const buyable = (s: SkuView) => !s.soldOut && s.stock > 0

const matches = (sku: SkuView, sel: Selection) => Object.entries(sel).every(([k, v]) => sku.specs[k] === v)

/** The SKU the selection names, once every spec has a value (a product without specs has one SKU). */
export function selectedSku(product: Pick<ProductDetail, 'specs' | 'skus'>, sel: Selection): SkuView | null {
  if (product.specs.some((s) => !sel[s.name]))
    return product.specs.length === 0 ? (product.skus[0] ?? null) : null
  return product.skus.find((s) => matches(s, sel)) ?? null
}

/**
 * A value is disabled when the server says every SKU with it is sold out, or when no buyable SKU has it
 * together with the values already chosen for the other specs.
 */
export function valueDisabled(
  product: Pick<ProductDetail, 'specs' | 'skus'>,
  sel: Selection,
  name: string,
  value: string,
  serverSoldOut: boolean,
): boolean {
  if (serverSoldOut) return true
  const others: Selection = { ...sel, [name]: value }
  return !product.skus.some((s) => buyable(s) && matches(s, others))
}

/** Pre-selects the values of a product with exactly one buyable SKU, so a shopper is not asked twice. */
export function initialSelection(product: Pick<ProductDetail, 'specs' | 'skus'>): Selection {
  const open = product.skus.filter(buyable)
  return open.length === 1 ? { ...open[0].specs } : {}
}

export function stockText(sku: SkuView | null): string {
  if (!sku) return ''
  if (sku.soldOut || sku.stock <= 0) return '已售罄'
  return sku.fewLeft !== null ? `仅剩${sku.fewLeft}件` : `库存${sku.stock}件`
}
