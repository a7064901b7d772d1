import type { Database } from '../cloud'
import { list } from '../db'
import { log } from '../log'
import { done } from '../order/dbx'
import { changeOrder } from '../order/flow'
import type { OrderDoc } from '../order/model'
import type { OrderSettings } from '../order/settings'
import { abandonSubmit } from '../order/submit'
import { queryOrder } from '../pay/cloudpay'
import { settleWechatPayment } from '../pay/settle'
import { closeOpenTrade } from '../pay/trade'

/** Orders one run looks at per job: jobs are bounded and the next minute continues. */
export const BATCH = 50

/**
 * Unpaid orders past expireAt -> closed, their holdings released by the transition's steps. An order with
 * an open WeChat trade has it closed first: paid (or ORDERPAID on close) means paid, never a release;
 * a trade WeChat will not close yet (younger than 5 minutes, only with a timeout shorter than that) is
 * bounded by its timeExpire, and a payment that still lands is refunded by payNotify.
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
    const trade = await closeOpenTrade(db, s, order, at)
    if (trade === 'paid' || trade === 'unknown') continue
    const r = await changeOrder(db, s, order._id, {
      event: 'timeout',
      ctx: { now: at, actor: 'system' },
      flow: 'order.timeout',
      from: ['awaitingPayment'],
    }).catch(() => undefined)
    if (r) closed++
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
    const outTradeNo = o.payment?.outTradeNo
    if (!outTradeNo || o.payment?.closedAt) continue
    const q = await queryOrder(outTradeNo, s.subMchId).catch((e: unknown) => {
      log('job.poll.error', { orderId: o._id, error: String(e) })
      return undefined
    })
    if (q?.tradeState === 'SUCCESS' && (await settleWechatPayment(db, s, outTradeNo, q, at)) === 'paid')
      paid++
  }
  return paid
}

/** shipped -> received after autoConfirmDays; received -> completed after autoCompleteDays. */
export async function advanceDelivered(db: Database, s: OrderSettings, at: number): Promise<number> {
  const _ = db.command
  const due = async (
    status: 'shipped' | 'received',
    field: string,
    ms: number,
    event: 'autoConfirm' | 'complete',
  ) => {
    const rows = await list<OrderDoc>(
      db
        .collection('orders')
        .where({ status, [field]: _.lte(at - ms) })
        .limit(BATCH),
    )
    let n = 0
    for (const o of rows) {
      const r = await changeOrder(db, s, o._id, {
        event,
        ctx: { now: at, actor: 'system' },
        flow: `order.${event}`,
        from: [status],
      }).catch(() => undefined)
      if (r) n++
    }
    return n
  }
  return (
    (await due('shipped', 'shippedAt', s.autoConfirmDays * 86_400_000, 'autoConfirm')) +
    (await due('received', 'receivedAt', s.autoCompleteDays * 86_400_000, 'complete'))
  )
}

/** Far beyond any function timeout (20 s): a submit still `submitting` then has died. */
export const SUBMIT_DEAD_AFTER_MS = 2 * 60_000
const FAILED_KEPT_MS = 86_400_000

/**
 * A submit that died between its claim and its last write leaves a `submitting` claim: it is abandoned
 * (failed, with steps that give back exactly what its SKU markers, coupon and points entry say it took).
 * Failed claims are removed a day later, once their steps are done, so the collection does not grow.
 */
export async function recoverSubmits(db: Database, at: number): Promise<number> {
  const _ = db.command
  const stale = await list<OrderDoc>(
    db
      .collection('orders')
      .where({ status: 'submitting', createdAt: _.lte(at - SUBMIT_DEAD_AFTER_MS) })
      .limit(20),
  )
  let n = 0
  for (const o of stale) {
    log('order.submit.stale', { orderId: o._id, openid: o.openid })
    await abandonSubmit({ db, now: () => at }, o, 'ORDER_SUBMIT_FAILED').catch(() => undefined)
    n++
  }
  const old = await list<OrderDoc>(
    db
      .collection('orders')
      .where({ status: 'failed', updatedAt: _.lte(at - FAILED_KEPT_MS) })
      .limit(20),
  )
  for (const o of old) {
    const open = await list(
      db
        .collection('outbox')
        .where({ ref: o._id, status: _.neq('done') })
        .limit(1),
    )
    if (open.length === 0)
      await done(db.collection('orders').where({ _id: o._id, status: 'failed' }).remove()).catch(
        () => undefined,
      )
  }
  return n
}
