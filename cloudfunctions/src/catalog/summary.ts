/**
 * Product documents carry a summary of their SKUs (`stock` for the "in stock" search filter and sold-out
 * cards, `sales` for the sales sort). The SKU documents stay the truth for buying; whoever moves SKU stock
 * marks the SKU `dirty` in that same update, and the cron job here folds the change into its product: one
 * transaction per SKU applies what moved since the SKU's `summarized` baseline and moves the baseline, so
 * a crash anywhere can neither lose nor double a change. Cards lag the SKUs by at most a cron period, and
 * buying never pays for a second write on the product.
 */
import type { Database } from '../cloud'
import { list } from '../db'
import { inTransaction, txGet } from '../flow/tx'
import type { SkuDoc } from './docs'

export async function refreshProductSummaries(db: Database): Promise<number> {
  const dirty = await list<{ _id: string }>(
    db.collection('skus').where({ dirty: true }).field({ _id: true }).limit(100),
  )
  let n = 0
  for (const { _id } of dirty) {
    const moved = await inTransaction(
      db,
      async (t) => {
        const s = await txGet<SkuDoc>(t, 'skus', _id)
        if (!s?.dirty) return false
        // every SKU is created with its baseline (seed, admin); one without has nothing to fold in
        const base = s.summarized ?? { stock: s.stock, sold: s.sold }
        const p = await txGet<{ stock?: number; sales?: number }>(t, 'products', s.spuId)
        if (p)
          await t
            .collection('products')
            .doc(s.spuId)
            .update({
              data: {
                stock: (p.stock ?? 0) + s.stock - base.stock,
                sales: (p.sales ?? 0) + s.sold - base.sold,
              },
            })
        await t
          .collection('skus')
          .doc(_id)
          .update({ data: { dirty: false, summarized: { stock: s.stock, sold: s.sold } } })
        return true
      },
      'product.summary',
    ).catch(() => false)
    if (moved) n++
  }
  return n
}
