import { fail, type DomainError } from '../result/errors'
import { ok, type Result } from '../result/result'

export const MIN_ORDER_QUANTITY = 1
export const MAX_ORDER_QUANTITY = 999

export interface OrderLineIntent {
  readonly skuId: string
  readonly quantity: number
}

/**
 * Cart (or "buy now" / "buy again") items to order lines: every quantity an integer 1..999, duplicate
 * SKUs merged into the first occurrence (summed, and the sum must stay within 999). Order is preserved.
 * Extra fields of the first occurrence are kept.
 */
export const toOrderLines = <T extends OrderLineIntent>(items: readonly T[]): Result<T[], DomainError> => {
  if (!Array.isArray(items) || items.length === 0) return fail('CART_EMPTY', 'no items to order')
  const merged: T[] = []
  const at: Record<string, number> = {}
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    if (!item || typeof item.skuId !== 'string' || item.skuId === '')
      return fail('INVALID_INPUT', `item ${i}: skuId is required`, { index: i })
    const q = item.quantity
    if (!Number.isSafeInteger(q) || q < MIN_ORDER_QUANTITY || q > MAX_ORDER_QUANTITY)
      return fail(
        'QUANTITY_INVALID',
        `item ${i}: quantity must be an integer ${MIN_ORDER_QUANTITY}..${MAX_ORDER_QUANTITY}`,
        {
          index: i,
          skuId: item.skuId,
          quantity: q,
        },
      )
    const seen = Object.prototype.hasOwnProperty.call(at, item.skuId) ? at[item.skuId] : undefined
    if (seen === undefined) {
      at[item.skuId] = merged.length
      merged.push({ ...item })
    } else {
      const total = merged[seen]!.quantity + q
      if (total > MAX_ORDER_QUANTITY)
        return fail(
          'QUANTITY_INVALID',
          `sku ${item.skuId}: merged quantity ${total} exceeds ${MAX_ORDER_QUANTITY}`,
          {
            skuId: item.skuId,
            quantity: total,
          },
        )
      merged[seen] = { ...merged[seen]!, quantity: total }
    }
  }
  return ok(merged)
}
