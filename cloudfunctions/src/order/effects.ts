import { transition, type OrderEvent, type OrderStatus, type TransitionContext } from '@mall/domain'
import type { Database } from '../cloud'
import { changed } from './dbx'
import { giveBackStock } from './inventory'
import type { OrderDoc } from './model'
import { timingOf, type OrderSettings } from './settings'

export type CasResult =
  { ok: true; to: OrderStatus; order: OrderDoc } | { ok: false; code: string; message?: string }

/**
 * The only way an order changes status: the domain's `transition` (table + guards) decides, then one
 * compare-and-set on (id, from-status) writes the new status, the domain's patch and the timeline entry.
 * `CONFLICT` means another caller moved the order first.
 */
export async function applyTransition(
  db: Database,
  order: OrderDoc,
  event: OrderEvent,
  settings: OrderSettings,
  ctx: Omit<TransitionContext, 'config'>,
  extra: Record<string, unknown> = {},
): Promise<CasResult> {
  if (order.status === 'submitting') return { ok: false, code: 'ORDER_NOT_FOUND' }
  const r = transition(
    {
      status: order.status,
      payable: order.totals.payable,
      createdAt: order.createdAt,
      ...(order.paidAt !== undefined ? { paidAt: order.paidAt } : {}),
      ...(order.shippedAt !== undefined ? { shippedAt: order.shippedAt } : {}),
      ...(order.receivedAt !== undefined ? { receivedAt: order.receivedAt } : {}),
    },
    event,
    { ...ctx, config: timingOf(settings) },
  )
  if (!r.ok) return { ok: false, code: r.error.code, message: r.error.message }
  const { to, patch, timelineEntry } = r.value
  const _ = db.command
  const set = { ...patch, ...extra, status: to, updatedAt: ctx.now }
  const n = await changed(
    db
      .collection('orders')
      .where({ _id: order._id, status: order.status })
      .update({ data: { ...set, version: _.inc(1), timeline: _.push([timelineEntry]) } }),
  )
  if (n !== 1) return { ok: false, code: 'CONFLICT' }
  return {
    ok: true,
    to,
    order: {
      ...order,
      ...set,
      version: order.version + 1,
      timeline: [...order.timeline, timelineEntry],
    } as OrderDoc,
  }
}

/**
 * Gives back what an order held (stock, coupon, points). Only the caller that won the transition out of
 * awaitingPayment/paid calls this, so it happens exactly once.
 */
export async function releaseOrderHoldings(db: Database, order: OrderDoc): Promise<void> {
  const _ = db.command
  await giveBackStock(db, order.lines)
  if (order.couponId) {
    await changed(
      db
        .collection('coupons')
        .where({ _id: order.couponId, status: _.in(['locked', 'used']), orderId: order._id })
        .update({ data: { status: 'unused', orderId: _.remove() } }),
    )
  }
  if (order.pointsUsed > 0) {
    await changed(
      db
        .collection('users')
        .where({ _id: order.openid })
        .update({ data: { points: _.inc(order.pointsUsed) } }),
    )
  }
}

/** A paid order's coupon becomes used (it was locked at submit). */
export async function consumeCoupon(db: Database, order: OrderDoc): Promise<void> {
  if (!order.couponId) return
  await changed(
    db
      .collection('coupons')
      .where({ _id: order.couponId, status: 'locked', orderId: order._id })
      .update({ data: { status: 'used' } }),
  )
}
