import type { Database } from '../cloud'
import { byId } from '../db'
import { changed } from '../order/dbx'
import { fail } from '../errors'

export interface CartItem {
  skuId: string
  quantity: number
  selected: boolean
  /** fen: the list price when added, to flag price changes */
  addedPrice: number
  addedAt: number
}

export interface CartDoc {
  _id: string
  items: CartItem[]
  version: number
  updatedAt: number
}

export const loadCart = async (db: Database, openid: string): Promise<CartDoc> =>
  (await byId<CartDoc>(db.collection('carts'), openid)) ?? {
    _id: openid,
    items: [],
    version: 0,
    updatedAt: 0,
  }

/**
 * Read-modify-write of the one cart document, made safe by a compare-and-set on `version` (two taps on two
 * phones must not lose a line). Retries a few times on a lost race.
 */
export async function mutateCart(
  db: Database,
  openid: string,
  at: number,
  change: (items: CartItem[]) => CartItem[],
): Promise<CartDoc> {
  const _ = db.command
  for (let attempt = 0; attempt < 5; attempt++) {
    const cart = await loadCart(db, openid)
    const items = change(cart.items.map((i) => ({ ...i })))
    if (cart.version === 0) {
      try {
        await db.collection('carts').add({ data: { _id: openid, items, version: 1, updatedAt: at } })
        return { _id: openid, items, version: 1, updatedAt: at }
      } catch {
        continue // someone created it first: re-read and apply the change on top
      }
    }
    const n = await changed(
      db
        .collection('carts')
        .where({ _id: openid, version: cart.version })
        .update({ data: { items: _.set(items), version: _.inc(1), updatedAt: at } }),
    )
    if (n === 1) return { ...cart, items, version: cart.version + 1, updatedAt: at }
  }
  return fail('CONFLICT')
}
