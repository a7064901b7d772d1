import type { Database } from '../cloud'
import { byId, list } from '../db'
import { inTransaction, txGet } from '../flow/tx'
import { stepDoc, writeSteps } from '../flow/steps'
import { log } from '../log'
import { changed } from '../order/dbx'
import { changeOrder } from '../order/flow'
import { changeAftersale } from '../aftersale/flow'
import type { OrderSettings } from '../order/settings'
import { queryRefund, refund } from './cloudpay'
import { planRefund } from '@mall/domain'
import { fail } from '../errors'
import { refundMoves, refundStepKey, type PaymentDoc, type RefundDoc, type RefundStatus } from './records'
import { postEntry, walletBook } from '../ledger/books'

/** Moves a refund record forward only (a late `processing` can never overwrite `success`). */
async function moveRefund(db: Database, refundNo: string, to: RefundStatus, data: object, at: number) {
  const from = (Object.keys(refundMoves) as RefundStatus[]).filter((s) => refundMoves[s].includes(to))
  return changed(
    db
      .collection('refunds')
      .where({ _id: refundNo, status: db.command.in(from) })
      .update({ data: { ...data, status: to, updatedAt: at } }),
  )
}

/**
 * Step `refund.submit`. A wallet refund completes here, in one transaction (ledger entry keyed by the
 * refund, wallet credit split into principal and bonus as the payment took them, the payment's
 * returned counters, refund success). A WeChat refund is asked of cloudPay with its deterministic
 * out_refund_no (a repeat refunds nothing twice); "accepted" only means processing: the callback or the
 * poller confirms it with queryRefund.
 */
export async function submitRefund(db: Database, s: OrderSettings, refundNo: string, at: number) {
  const r = await byId<RefundDoc>(db.collection('refunds'), refundNo)
  if (!r || r.status === 'success' || r.status === 'processing') return
  if (r.channel === 'balance') {
    await inTransaction(
      db,
      async (t) => {
        const cur = await txGet<RefundDoc>(t, 'refunds', refundNo)
        if (!cur || cur.status === 'success') return
        // back into the buckets the payment took it from (bonus part first: domain planRefund); the
        // payment counts what its completed refunds returned, in this same transaction
        const p = await txGet<PaymentDoc>(t, 'payments', r.paymentId)
        if (!p) return fail('CONFLICT', `payment ${r.paymentId} of refund ${refundNo} not found`)
        const done = { amount: p.walletRefunded ?? 0, bonusAmount: p.bonusRefunded ?? 0 }
        const plan = planRefund({ amount: -p.amount, bonusAmount: -(p.bonusAmount ?? 0) }, done, r.amount)
        if (!plan.ok) return fail('CONFLICT', `refund ${refundNo}: ${plan.error.message ?? plan.error.code}`)
        await postEntry(t, walletBook, {
          _id: `refund_${refundNo}`,
          openid: r.openid,
          amount: plan.value.amount,
          bonusAmount: plan.value.bonusAmount,
          kind: 'refund',
          ref: r.orderId,
          at,
        })
        await t
          .collection('payments')
          .doc(p._id)
          .update({
            data: {
              walletRefunded: done.amount + plan.value.amount,
              bonusRefunded: done.bonusAmount + plan.value.bonusAmount,
              updatedAt: at,
            },
          })
        await t
          .collection('refunds')
          .doc(refundNo)
          .update({ data: { status: 'success', updatedAt: at } })
      },
      'refund.wallet',
    )
    return refundSettled(db, s, r, at)
  }
  const res = await refund({
    outTradeNo: r.outTradeNo,
    outRefundNo: refundNo,
    totalFee: r.totalFee,
    refundFee: r.amount,
    subMchId: s.subMchId,
  })
  if (!res.accepted) {
    await moveRefund(db, refundNo, 'failed', { message: res.message ?? '' }, at)
    throw new Error(`refund ${refundNo} refused: ${res.message ?? ''}`)
  }
  await moveRefund(db, refundNo, 'processing', { submits: r.submits + 1, message: '' }, at)
}

/** The refund's result, from queryRefund only (never from a callback's fields). */
export async function checkRefund(db: Database, s: OrderSettings, refundNo: string, at: number) {
  const r = await byId<RefundDoc>(db.collection('refunds'), refundNo)
  if (!r || r.status === 'success' || r.channel !== 'wechat') return r?.status
  const q = await queryRefund(refundNo, s.subMchId)
  if (q.status === 'SUCCESS') {
    await moveRefund(db, refundNo, 'success', { refundId: q.refundId ?? '' }, at)
    await refundSettled(db, s, r, at)
    return 'success'
  }
  if (q.status === 'FAIL' || q.status === 'REFUNDCLOSE' || q.status === 'CHANGE') {
    // WeChat gave up on it: record, and submit again later with the same out_refund_no
    if ((await moveRefund(db, refundNo, 'failed', { message: q.status }, at)) === 1)
      await inTransaction(
        db,
        (t) =>
          writeSteps(t, [
            stepDoc(
              { key: refundStepKey(refundNo, r.submits), kind: 'refund.submit', payload: { refundNo } },
              'refund.retry',
              r.orderId,
              at,
            ),
          ]),
        'refund.retry',
      ).catch((e: unknown) => log('refund.retry.exists', { refundNo, error: String(e) }))
    return 'failed'
  }
  return r.status
}

/**
 * A successful refund moves what it pays for on: its after-sales request refunding -> refunded, or the
 * order it settles refunding -> refunded (once: the transition says).
 */
async function refundSettled(db: Database, s: OrderSettings, r: RefundDoc, at: number) {
  if (r.aftersaleId) return settleAftersale(db, s, r.aftersaleId, at)
  if (!r.settlesOrder) return
  const o = await byId<{ status: string }>(db.collection('orders'), r.orderId)
  if (o?.status !== 'refunding') return
  await changeOrder(db, s, r.orderId, {
    event: 'refundSucceeded',
    ctx: { now: at, actor: 'system' },
    flow: 'refund.settled',
    from: ['refunding'],
    set: () => ({ refund: db.command.set({ refundNo: r._id, amount: r.amount, status: 'success' }) }),
  }).catch((e: unknown) => log('refund.settle.order', { refundNo: r._id, error: String(e) }))
}

/**
 * cron: WeChat refunds still processing (no callback yet, or a lost one) are asked with queryRefund; an
 * order left `refunding` after its refund succeeded (a crash in between) is moved on.
 */
export async function pollRefunds(db: Database, s: OrderSettings, at: number): Promise<number> {
  const _ = db.command
  const rows = await list<RefundDoc>(
    db
      .collection('refunds')
      .where({ status: 'processing', updatedAt: _.lte(at - 60_000) })
      .orderBy('updatedAt', 'asc')
      .limit(50),
  )
  let n = 0
  for (const r of rows) if ((await checkRefund(db, s, r._id, at).catch(() => undefined)) === 'success') n++
  const refunding = await list<{ _id: string }>(
    db
      .collection('orders')
      .where({ status: 'refunding', updatedAt: _.lte(at - 60_000) })
      .limit(50),
  )
  for (const o of refunding) {
    const done = await list<RefundDoc>(
      db.collection('refunds').where({ orderId: o._id, settlesOrder: true, status: 'success' }).limit(1),
    )
    if (done[0]) await refundSettled(db, s, done[0], at)
  }
  const requests = await list<{ _id: string; refundNo?: string }>(
    db
      .collection('aftersales')
      .where({ status: 'refunding', updatedAt: _.lte(at - 60_000) })
      .limit(50),
  )
  for (const a of requests) {
    const r = a.refundNo ? await byId<RefundDoc>(db.collection('refunds'), a.refundNo) : undefined
    if (r?.status === 'success') await refundSettled(db, s, r, at)
  }
  return n
}

/** refunding -> refunded for the request the refund pays (a repeat finds it refunded and does nothing). */
async function settleAftersale(db: Database, s: OrderSettings, aftersaleId: string, at: number) {
  const a = await byId<{ status: string }>(db.collection('aftersales'), aftersaleId)
  if (a?.status !== 'refunding') return
  await changeAftersale(db, s, aftersaleId, {
    event: 'refundSucceeded',
    ctx: { now: at, actor: 'system' },
    flow: 'refund.settled',
  }).catch((e: unknown) => log('refund.settle.aftersale', { aftersaleId, error: String(e) }))
}
