import * as v from 'valibot'
import { Empty, Id, Quantity } from '../common'
import { action } from '../define'

/** At most this many distinct SKUs in a cart (and in one merge). */
export const CART_MAX_LINES = 100

export interface CartItemView {
  skuId: string
  spuId: string
  title: string
  image: string
  specs: Record<string, string>
  quantity: number
  selected: boolean
  /** fen, the price that applies now (member price when lower and the shopper is a member) */
  unitPrice: number
  /** fen, the unit price when the item was added */
  addedPrice: number
  stock: number
  flags: {
    offShelf: boolean
    outOfStock: boolean
    insufficientStock: boolean
    priceChanged: boolean
    missing: boolean
  }
}

export interface CartView {
  items: CartItemView[]
  /** totals over selected, purchasable items */
  selectedCount: number
  goodsTotal: number
  discountTotal: number
  payable: number
  /** pricing engine hints, e.g. '再买¥12.00可减¥30.00' */
  hints: string[]
}

const Line = v.strictObject({ skuId: Id, quantity: Quantity })

export const cartActions = {
  'cart.get': action<CartView>()({ fn: 'shop', audience: 'shopper', input: Empty }),
  'cart.add': action<CartView>()({ fn: 'shop', audience: 'shopper', input: Line }),
  'cart.setQuantity': action<CartView>()({ fn: 'shop', audience: 'shopper', input: Line }),
  /** skuId absent = every line */
  'cart.select': action<CartView>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ skuId: v.optional(Id), selected: v.boolean() }),
  }),
  'cart.remove': action<CartView>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ skuIds: v.pipe(v.array(Id), v.minLength(1), v.maxLength(CART_MAX_LINES)) }),
  }),
  /** The local cart kept before sign-in: merged by sku, quantities added and capped by stock and 999. */
  'cart.merge': action<CartView>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({
      lines: v.pipe(
        v.array(v.strictObject({ skuId: Id, quantity: Quantity, selected: v.optional(v.boolean()) })),
        v.maxLength(CART_MAX_LINES),
      ),
    }),
  }),
}

/** Exported for pages that show a price next to a quantity picker. */
export type CartLineInput = v.InferInput<typeof Line>
