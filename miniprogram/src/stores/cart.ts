import type { ErrorCode } from '@mall/contract'
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { persist } from './persist'

/** A line of the local cart kept before sign-in. `price` is a display snapshot; the server re-prices. */
export interface LocalCartLine {
  skuId: string
  spuId: string
  title: string
  image: string
  specText: string
  price: number
  quantity: number
  checked: boolean
}

export type CartResult = { ok: true } | { ok: false; code: ErrorCode }

export const MAX_LINES = 99
export const MAX_QUANTITY = 999
export const CART_KEY = 'mall:cart'

export interface LocalCartState {
  lines: LocalCartLine[]
  add: (line: Omit<LocalCartLine, 'quantity' | 'checked'>, quantity: number) => CartResult
  setQuantity: (skuId: string, quantity: number) => CartResult
  toggle: (skuId: string) => void
  toggleAll: (checked: boolean) => void
  remove: (skuIds: string[]) => void
  clear: () => void
}

const validQuantity = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_QUANTITY

export const cartStore = createStore<LocalCartState>()((set, get) => ({
  lines: [],
  add(line, quantity) {
    if (!validQuantity(quantity)) return { ok: false, code: 'QUANTITY_INVALID' }
    const lines = get().lines
    const existing = lines.find((l) => l.skuId === line.skuId)
    if (existing) {
      const total = existing.quantity + quantity
      if (total > MAX_QUANTITY) return { ok: false, code: 'QUANTITY_INVALID' }
      set({ lines: lines.map((l) => (l.skuId === line.skuId ? { ...l, ...line, quantity: total } : l)) })
      return { ok: true }
    }
    if (lines.length >= MAX_LINES) return { ok: false, code: 'CART_FULL' }
    set({ lines: [{ ...line, quantity, checked: true }, ...lines] })
    return { ok: true }
  },
  setQuantity(skuId, quantity) {
    if (!validQuantity(quantity)) return { ok: false, code: 'QUANTITY_INVALID' }
    if (!get().lines.some((l) => l.skuId === skuId)) return { ok: false, code: 'SKU_NOT_FOUND' }
    set({ lines: get().lines.map((l) => (l.skuId === skuId ? { ...l, quantity } : l)) })
    return { ok: true }
  },
  toggle: (skuId) =>
    set({ lines: get().lines.map((l) => (l.skuId === skuId ? { ...l, checked: !l.checked } : l)) }),
  toggleAll: (checked) => set({ lines: get().lines.map((l) => ({ ...l, checked })) }),
  remove: (skuIds) => set({ lines: get().lines.filter((l) => !skuIds.includes(l.skuId)) }),
  clear: () => set({ lines: [] }),
}))
persist(cartStore, CART_KEY, (s) => ({ lines: s.lines }))

/** Display total of the checked lines, in fen. */
export const checkedTotal = (lines: LocalCartLine[]): number =>
  lines.reduce((sum, l) => (l.checked ? sum + l.price * l.quantity : sum), 0)

export const useCart = <T>(select: (s: LocalCartState) => T): T => useStore(cartStore, select)

/**
 * Hands the local cart (kept before sign-in) to the server once an identity exists: `cart.merge` adds the
 * quantities (capped by stock); the local copy is cleared, and restored if the server refused.
 * Resolves with what `merge` answered, or null when there was nothing local to merge.
 */
export async function mergeLocalCart<T>(
  merge: (lines: { skuId: string; quantity: number; selected: boolean }[]) => Promise<T>,
): Promise<T | null> {
  const lines = cartStore.getState().lines
  if (lines.length === 0) return null
  // taken out first so an overlapping refresh cannot merge the same quantities twice
  cartStore.getState().clear()
  try {
    return await merge(lines.map((l) => ({ skuId: l.skuId, quantity: l.quantity, selected: l.checked })))
  } catch (e) {
    // refused as malformed: keeping it would block every later merge, so it is dropped
    if ((e as { code?: string }).code === 'INVALID_INPUT') throw e
    const addedSince = cartStore.getState().lines.filter((l) => !lines.some((o) => o.skuId === l.skuId))
    cartStore.setState({ lines: [...addedSince, ...lines] })
    throw e
  }
}
