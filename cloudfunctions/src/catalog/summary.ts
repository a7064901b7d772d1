/**
 * Product documents carry a summary of their SKUs (`stock` for the "in stock" search filter and sold-out
 * cards, `sales` for the sales sort). The SKU documents stay the truth for buying; whoever moves SKU stock
 * (order submit, cancel, timeout) calls this after the SKU update succeeded, best effort: `_.inc` keeps it
 * exact under concurrency, and a failure only leaves a card's summary behind, never oversells.
 */
import type { Database } from '../cloud'
import { log } from '../log'

export async function adjustProductSummary(
  db: Database,
  lines: Array<{ spuId: string; quantity: number }>,
  direction: 'take' | 'giveBack',
): Promise<void> {
  const _ = db.command
  const sign = direction === 'take' ? -1 : 1
  const bySpu = new Map<string, number>()
  for (const l of lines) bySpu.set(l.spuId, (bySpu.get(l.spuId) ?? 0) + l.quantity)
  await Promise.all(
    [...bySpu].map(async ([spuId, q]) => {
      try {
        await db
          .collection('products')
          .doc(spuId)
          .update({ data: { stock: _.inc(sign * q), sales: _.inc(-sign * q) } })
      } catch (e) {
        log('product.summary.fail', { spuId, error: e instanceof Error ? e.message : String(e) })
      }
    }),
  )
}
