import type { Database } from '../cloud'
import { byId } from '../db'
import { changed } from './dbx'
import { log } from '../log'
import { adjustProductSummary } from '../catalog/summary'

export interface StockLine {
  skuId: string
  /** the product whose card summary (stock, sales) follows the SKU */
  spuId: string
  quantity: number
}

export type TakeResult = { ok: true } | { ok: false; skuId: string; code: 'OUT_OF_STOCK' | 'SKU_OFF_SHELF' }

/**
 * Takes stock line by line with one conditional single-document update each (never read-modify-write): the
 * database applies `stock >= q` and the decrement atomically, so concurrent submits can never oversell. If a
 * later line fails, the lines already taken are given back before returning.
 */
export async function takeStock(db: Database, lines: StockLine[]): Promise<TakeResult> {
  const _ = db.command
  const taken: StockLine[] = []
  for (const line of lines) {
    const n = await changed(
      db
        .collection('skus')
        .where({ _id: line.skuId, stock: _.gte(line.quantity), status: 'onShelf' })
        .update({ data: { stock: _.inc(-line.quantity), sold: _.inc(line.quantity) } }),
    )
    if (n !== 1) {
      await restoreSkus(db, taken)
      const sku = await byId<{ status?: string }>(db.collection('skus'), line.skuId)
      return {
        ok: false,
        skuId: line.skuId,
        code: sku && sku.status === 'onShelf' ? 'OUT_OF_STOCK' : 'SKU_OFF_SHELF',
      }
    }
    taken.push(line)
  }
  await adjustProductSummary(db, lines, 'take')
  return { ok: true }
}

/** Gives stock back. Callers guarantee "exactly once" by winning a compare-and-set before calling. */
export async function giveBackStock(db: Database, lines: StockLine[]): Promise<void> {
  await restoreSkus(db, lines)
  await adjustProductSummary(db, lines, 'giveBack')
}

async function restoreSkus(db: Database, lines: StockLine[]): Promise<void> {
  const _ = db.command
  for (const line of lines) {
    for (let attempt = 0; ; attempt++) {
      try {
        await db
          .collection('skus')
          .doc(line.skuId)
          .update({ data: { stock: _.inc(line.quantity), sold: _.inc(-line.quantity) } })
        break
      } catch (e) {
        if (attempt >= 2) {
          // The order keeps the lines; a reconciliation job can find stock that never came back.
          log('stock.giveBack.failed', { skuId: line.skuId, quantity: line.quantity, error: String(e) })
          break
        }
      }
    }
  }
}
