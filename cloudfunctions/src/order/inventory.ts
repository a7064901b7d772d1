import type { Database } from '../cloud'
import { byId } from '../db'
import { changed } from './dbx'

export interface StockLine {
  skuId: string
  /** the product whose card summary (stock, sales) follows the SKU */
  spuId: string
  quantity: number
}

export type TakeResult = { ok: true } | { ok: false; skuId: string; code: 'OUT_OF_STOCK' | 'SKU_OFF_SHELF' }

/**
 * The reservation lives on the SKU itself: `held.<orderId>` records the quantity an order took, in the same
 * single-document conditional update that takes it (`stock >= q`, never read-modify-write). So "what was
 * taken" survives any crash, and giving back is exactly once: only a SKU that still holds the order's
 * marker is given back, and the marker goes in the same update.
 */
const held = (orderId: string) => `held.${orderId}`

/** Takes stock line by line; stops at the first line that cannot be taken (the caller releases the rest). */
export async function takeStock(db: Database, orderId: string, lines: StockLine[]): Promise<TakeResult> {
  const _ = db.command
  for (const line of lines) {
    const n = await changed(
      db
        .collection('skus')
        .where({
          _id: line.skuId,
          stock: _.gte(line.quantity),
          status: 'onShelf',
          [held(orderId)]: _.exists(false),
        })
        .update({
          data: {
            stock: _.inc(-line.quantity),
            sold: _.inc(line.quantity),
            [held(orderId)]: line.quantity,
            dirty: true,
          },
        }),
    )
    if (n !== 1) {
      const sku = await byId<{ status?: string }>(db.collection('skus'), line.skuId)
      return {
        ok: false,
        skuId: line.skuId,
        code: sku && sku.status === 'onShelf' ? 'OUT_OF_STOCK' : 'SKU_OFF_SHELF',
      }
    }
  }
  return { ok: true }
}

/** Gives back what the order still holds; lines it never took (or already gave back) are skipped. */
export async function releaseStock(db: Database, orderId: string, lines: StockLine[]): Promise<void> {
  const _ = db.command
  for (const line of lines)
    await changed(
      db
        .collection('skus')
        .where({ _id: line.skuId, [held(orderId)]: _.exists(true) })
        .update({
          data: {
            stock: _.inc(line.quantity),
            sold: _.inc(-line.quantity),
            [held(orderId)]: _.remove(),
            dirty: true,
          },
        }),
    )
}

/** Shipped: the goods left, the stock can no longer come back through this order; the marker goes. */
export async function settleStock(db: Database, orderId: string, lines: StockLine[]): Promise<void> {
  const _ = db.command
  for (const line of lines)
    await changed(
      db
        .collection('skus')
        .where({ _id: line.skuId, [held(orderId)]: _.exists(true) })
        .update({ data: { [held(orderId)]: _.remove() } }),
    )
}
