import { formatPrice, type Fen } from '../money/fen'
import { fail, type DomainError, type DomainErrorCode } from '../result/errors'
import { ok, type Result } from '../result/result'

/** What the server knows about a cart line right now, next to what the shopper saw when adding it. */
export interface CartLineState {
  readonly skuId: string
  readonly quantity: number
  /** Unit price when the shopper added the line (absent for lines added before price snapshots). */
  readonly addedPrice?: Fen
  /** Current unit price. */
  readonly price: Fen
  readonly onShelf: boolean
  readonly stock: number
}

export type CartLineFlag = 'offShelf' | 'outOfStock' | 'lowStock' | 'priceChanged'

export interface CartLineInspection {
  readonly skuId: string
  readonly flags: readonly CartLineFlag[]
  /** False when the line cannot be checked out as it is. */
  readonly purchasable: boolean
  /** The most serious problem, for a blocking line. */
  readonly code?: DomainErrorCode
  /** Chinese notes for the cart page, e.g. '仅剩2件', '比加入时降价¥5.00'. */
  readonly notes: readonly string[]
}

/**
 * Flags for the cart page. Off shelf and out of stock block checkout; too little stock blocks until the
 * quantity is lowered; a price change only informs (the checkout prices with the current price).
 */
export const inspectCartLine = (s: CartLineState): CartLineInspection => {
  const flags: CartLineFlag[] = []
  const notes: string[] = []
  let code: DomainErrorCode | undefined
  if (!s.onShelf) {
    flags.push('offShelf')
    notes.push('商品已下架')
    code = 'SKU_OFF_SHELF'
  } else if (!(s.stock > 0)) {
    flags.push('outOfStock')
    notes.push('已售罄')
    code = 'OUT_OF_STOCK'
  } else if (s.stock < s.quantity) {
    flags.push('lowStock')
    notes.push(`库存不足，仅剩${s.stock}件`)
    code = 'OUT_OF_STOCK'
  }
  if (s.addedPrice !== undefined && s.addedPrice !== s.price) {
    flags.push('priceChanged')
    notes.push(
      s.price < s.addedPrice
        ? `比加入时降价${formatPrice(s.addedPrice - s.price)}`
        : `比加入时涨价${formatPrice(s.price - s.addedPrice)}`,
    )
  }
  return { skuId: s.skuId, flags, purchasable: code === undefined, ...(code ? { code } : {}), notes }
}

/**
 * Before submit: every line must be purchasable; the error names every blocking SKU. The first
 * blocking reason (off shelf before stock) gives the code.
 */
export const checkCartLines = (states: readonly CartLineState[]): Result<true, DomainError> => {
  const blocked = states.map(inspectCartLine).filter((i) => !i.purchasable)
  if (blocked.length === 0) return ok(true)
  const code = blocked.some((b) => b.code === 'SKU_OFF_SHELF') ? 'SKU_OFF_SHELF' : 'OUT_OF_STOCK'
  return fail(code, `${blocked.length} line(s) cannot be ordered`, {
    lines: blocked.map((b) => ({ skuId: b.skuId, code: b.code, notes: b.notes })),
  })
}
