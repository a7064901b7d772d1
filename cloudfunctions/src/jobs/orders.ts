import type { Database } from '../cloud'
import { byId, list } from '../db'
import { log } from '../log'
import { applyTransition, releaseOrderHoldings } from '../order/effects'
import type { OrderDoc } from '../order/model'
import type { OrderSettings } from '../order/settings'
import { closeOrder, queryOrder } from '../pay/cloudpay'
import { refundWechat, settleWechatPayment } from '../pay/settle'
import { refundPaidOrder } from '../order/cancel'

/** Orders one run looks at per job: jobs are bounded and the next minute continues. */
export const BATCH = 50

/** WeChat refuses closeOrder until 5 minutes after the prepay was created. */
const CLOSE_MIN_AGE_MS = 5 * 60_000

/**
 * Unpaid orders past expireAt -> closed, stock/coupon/points released exactly once (only the winner of the
 * compare-and-set releases). An order with a WeChat prepay is asked first: paid (or ORDERPAID on close)
 * means paid, never a release.
 */
export async function closeExpired(db: Database, s: OrderSettings, at: number): Promise<number> {
  const _ = db.command
  const due = await list<OrderDoc>(
    db
      .collection('orders')
      .where({ status: 'awaitingPayment', expireAt: _.lte(at) })
      .orderBy('expireAt', 'asc')
      .limit(BATCH),
  )
  let closed = 0
  for (const order of due) {
    if (order.payment?.method === 'wechat' && order.payment.prepayId) {
      const q = await queryOrder(order._id, s.subMchId).catch(() => undefined)
      if (!q) continue // cannot tell: try again next run
      if (q.tradeState === 'SUCCESS') {
        await settleWechatPayment(db, s, order._id, q, at)
        continue
      }
      // closeOrder is refused for 5 minutes after the prepay (only with a timeout shorter than that): the
      // trade's timeExpire bounds it, and a payment that still lands is refunded by payNotify.
      if (at - (order.payment.prepayAt ?? order.createdAt) >= CLOSE_MIN_AGE_MS) {
        const c = await closeOrder(order._id, s.subMchId)
        if (c === 'paid') {
          const again = await queryOrder(order._id, s.subMchId).catch(() => undefined)
          if (again?.tradeState === 'SUCCESS') await settleWechatPayment(db, s, order._id, again, at)
          continue
        }
        if (c === 'retry') continue
      }
    }
    const r = await applyTransition(db, order, 'timeout', s, { now: at, actor: 'system' })
    if (r.ok) {
      await releaseOrderHoldings(db, order)
      closed++
    }
  }
  return closed
}

/** Unpaid orders with a prepay that got no callback: ask queryOrder; SUCCESS settles the order. */
export async function pollPayments(db: Database, s: OrderSettings, at: number): Promise<number> {
  const _ = db.command
  const rows = await list<OrderDoc>(
    db
      .collection('orders')
      .where({ status: 'awaitingPayment', 'payment.prepayAt': _.lte(at - s.pollAfterSeconds * 1000) })
      .orderBy('payment.prepayAt', 'asc')
      .limit(BATCH),
  )
  let paid = 0
  for (const o of rows) {
    const q = await queryOrder(o._id, s.subMchId).catch((e: unknown) => {
      log('job.poll.error', { orderId: o._id, error: String(e) })
      return undefined
    })
    if (q?.tradeState === 'SUCCESS' && (await settleWechatPayment(db, s, o._id, q, at)) === 'paid') paid++
  }
  return paid
}

/** shipped -> received after autoConfirmDays; received -> completed after autoCompleteDays. */
export async function advanceDelivered(db: Database, s: OrderSettings, at: number): Promise<number> {
  const _ = db.command
  let n = 0
  const shipped = await list<OrderDoc>(
    db
      .collection('orders')
      .where({ status: 'shipped', shippedAt: _.lte(at - s.autoConfirmDays * 86_400_000) })
      .limit(BATCH),
  )
  for (const o of shipped)
    if ((await applyTransition(db, o, 'autoConfirm', s, { now: at, actor: 'system' })).ok) n++
  const received = await list<OrderDoc>(
    db
      .collection('orders')
      .where({ status: 'received', receivedAt: _.lte(at - s.autoCompleteDays * 86_400_000) })
      .limit(BATCH),
  )
  for (const o of received)
    if ((await applyTransition(db, o, 'complete', s, { now: at, actor: 'system' })).ok) n++
  return n
}

/**
 * Refunds that did not go through (cloudPay refused or was unreachable) are asked again with the same
 * out_refund_no; wallet-paid orders left in `refunding` get their wallet refund. Both are idempotent.
 */
export async function retryRefunds(db: Database, s: OrderSettings, at: number): Promise<number> {
  let n = 0
  const failed = await list<{ _id: string; orderId: string }>(
    db.collection('refunds').where({ status: 'failed' }).limit(20),
  )
  for (const r of failed) {
    const o = await byId<OrderDoc>(db.collection('orders'), r.orderId)
    if (o) {
      await refundWechat(db, s, o, at, 'cancel')
      n++
    }
  }
  const stuck = await list<OrderDoc>(
    db
      .collection('orders')
      .where({ status: 'refunding', 'payment.method': 'balance', updatedAt: db.command.lte(at - 60_000) })
      .limit(20),
  )
  for (const o of stuck) {
    await refundPaidOrder(db, s, o, at)
    n++
  }
  return n
}

/**
 * A submit that died between its claim and its last write leaves a 'submitting' claim (never shown to the
 * shopper). After 10 minutes — far beyond any function timeout — the claim is logged with its lines for
 * stock reconciliation (stock may have been taken: an under-count, never an oversell) and removed, so the
 * same requestId can be submitted again.
 */
export async function dropStaleClaims(db: Database, at: number): Promise<number> {
  const _ = db.command
  const stale = await list<OrderDoc>(
    db
      .collection('orders')
      .where({ status: 'submitting', createdAt: _.lte(at - 10 * 60_000) })
      .limit(20),
  )
  let n = 0
  for (const o of stale) {
    log('order.submit.stale', {
      orderId: o._id,
      openid: o.openid,
      lines: o.lines.map((l) => [l.skuId, l.quantity]),
    })
    const res = (await db.collection('orders').where({ _id: o._id, status: 'submitting' }).remove()) as {
      stats: { removed: number }
    }
    n += res.stats.removed
  }
  return n
}
