import { formatYuan } from '@mall/domain'
import { getCloud, type Database } from '../cloud'
import { byId, list } from '../db'
import { changed } from '../order/dbx'
import { chinaTime } from '../order/ids'
import type { OrderDoc } from '../order/model'
import type { OrderSettings } from '../order/settings'
import type { OutboxEntry } from './outbox'

const BATCH = 50
const MAX_ATTEMPTS = 6
/** WeChat: the shopper did not accept this template (or used up the one-time consent). Not retryable. */
const NO_CONSENT = 43101

/** `thing` values are at most 20 characters (otherwise errcode 47003). */
export const thing = (s: string): string => {
  const chars = [...(s || '订单商品')]
  return chars.length <= 20 ? chars.join('') : chars.slice(0, 19).join('') + '…'
}

/**
 * Delivers pending outbox entries, at least once: an entry is claimed by a compare-and-set on its attempt
 * count (two overlapping runs never both send it), then marked delivered. Targets other than subscribe
 * messages (middle platform, data exports) come later; their entries are marked delivered now.
 */
export async function relayOutbox(db: Database, s: OrderSettings, at: number): Promise<number> {
  const _ = db.command
  const due = await list<OutboxEntry>(
    db
      .collection('outbox')
      .where({ status: 'pending', nextAttemptAt: _.lte(at) })
      .orderBy('nextAttemptAt', 'asc')
      .limit(BATCH),
  )
  let delivered = 0
  for (const e of due) {
    const claimed = await changed(
      db
        .collection('outbox')
        .where({ _id: e._id, status: 'pending', attempts: e.attempts })
        .update({ data: { attempts: _.inc(1), nextAttemptAt: at + 5 * 60_000 } }),
    )
    if (claimed !== 1) continue
    let error: string | undefined
    let final = false
    try {
      await deliver(db, s, e)
    } catch (err) {
      const code = (err as { errCode?: number }).errCode
      error = String((err as Error)?.message ?? err).slice(0, 200)
      final = code === NO_CONSENT
    }
    const attempts = e.attempts + 1
    const status = !error || final ? 'delivered' : attempts >= MAX_ATTEMPTS ? 'failed' : 'pending'
    await changed(
      db
        .collection('outbox')
        .where({ _id: e._id })
        .update({
          data: {
            status,
            ...(status === 'delivered' ? { deliveredAt: at } : {}),
            ...(error ? { lastError: error } : {}),
            nextAttemptAt: at + Math.min(60, 2 ** attempts) * 60_000,
          },
        }),
    )
    if (status === 'delivered') delivered++
  }
  return delivered
}

async function deliver(db: Database, s: OrderSettings, e: OutboxEntry): Promise<void> {
  if (e.kind !== 'order.paid' && e.kind !== 'order.shipped') return
  const order = await byId<OrderDoc>(db.collection('orders'), String(e.payload.orderId))
  if (!order) return
  const title = thing(order.lines[0]?.title + (order.lines.length > 1 ? '等' : ''))
  const data =
    e.kind === 'order.paid'
      ? {
          thing1: { value: title },
          amount2: { value: `${formatYuan(order.totals.payable)}元` },
          character_string3: { value: order.orderNo },
          time4: {
            value: chinaTime(order.paidAt ?? e.createdAt)
              .replace('T', ' ')
              .slice(0, 16),
          },
        }
      : {
          thing1: { value: title },
          character_string2: { value: order.orderNo },
          thing3: { value: thing(order.shipment?.carrier ?? '快递') },
          character_string4: { value: order.shipment?.trackingNo ?? '' },
        }
  const openapi = (
    getCloud() as unknown as {
      openapi: { subscribeMessage: { send(p: object): Promise<unknown> } }
    }
  ).openapi
  await openapi.subscribeMessage.send({
    touser: order.openid,
    templateId: e.kind === 'order.paid' ? s.templates.paid : s.templates.shipped,
    page: `packages/order/detail/index?id=${order._id}`,
    data,
    miniprogramState: process.env.MALL_EMULATOR === '1' ? 'developer' : 'formal',
  })
}
