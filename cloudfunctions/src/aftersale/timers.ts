import type { Database } from '../cloud'
import { list } from '../db'
import { BATCH } from '../jobs/orders'
import { log } from '../log'
import type { OrderSettings } from '../order/settings'
import { changeAftersale } from './flow'
import { dueOf, type AftersaleDoc } from './model'

/**
 * cron: the clock's part of after-sales (`dueAt` is written with every change): refund-only requests the
 * merchant left unanswered are approved, returns without a tracking number close, and, when configured,
 * returns are received automatically. The machine re-checks each deadline, so a changed setting is safe.
 */
export async function runAftersaleTimers(db: Database, s: OrderSettings, at: number): Promise<number> {
  const _ = db.command
  const rows = await list<AftersaleDoc>(
    db
      .collection('aftersales')
      .where({ status: _.in(['requested', 'awaitingReturn', 'returning']), dueAt: _.lte(at) })
      .orderBy('dueAt', 'asc')
      .limit(BATCH),
  )
  let n = 0
  for (const a of rows) {
    const due = dueOf(a, s)
    if (!due || due.at > at) continue
    const r = await changeAftersale(db, s, a._id, {
      event: due.event,
      ctx: { now: at, actor: 'system' },
      flow: `aftersale.${due.event}`,
      from: [a.status],
    }).catch((e: unknown) => log('aftersale.timer', { aftersaleId: a._id, error: String(e) }))
    if (r) n++
  }
  return n
}
