import { createHash } from 'node:crypto'
import {
  rechargeStatusLabels,
  type RechargeCreated,
  type RechargeStatus,
  type RechargeView,
} from '@mall/contract'
import type { Database } from '../cloud'
import { byId, list } from '../db'
import { fail } from '../errors'
import { inTransaction, txGet, type Tx } from '../flow/tx'
import { postEntry, walletBook } from '../ledger/books'
import { log } from '../log'
import { changed } from '../order/dbx'
import type { OrderSettings } from '../order/settings'
import { closeOrder, queryOrder, unifiedOrder, type QueryResult } from '../pay/cloudpay'

/**
 * Recharge: the shopper buys a package (pay X, get Y bonus) with WeChat Pay. One `recharges/<id>` record
 * per purchase, its id doubling as the cloudPay outTradeNo; the trade names `rechargeNotify` as its
 * callback. Paid means: in ONE transaction the recharge becomes `paid` and the wallet gets the principal
 * (`rc_<id>`, kind recharge) and the bonus (`rcb_<id>`, kind bonus) — the entry ids make a repeat a no-op.
 *
 * Per-member limits count pending, paid and anomalous recharges of a package. The count is kept in
 * `rechargeQuota/<openid>_<packageId>` and moved in the same transaction as the recharge it counts (create
 * +1, close -1), so two purchases at once cannot both take the last one.
 */
export const RECHARGE_CALLBACK_FUNCTION = 'rechargeNotify'
/** An unpaid recharge's trade expires (timeExpire) and the poller closes it after this. */
export const RECHARGE_EXPIRE_MS = 30 * 60_000
/** The poller asks WeChat about pending recharges this long after they last changed. */
export const RECHARGE_POLL_AFTER_MS = 60_000

export interface RechargePackageDoc {
  _id: string
  title: string
  payFen: number
  bonusFen: number
  /** 0 = unlimited */
  perMemberLimit: number
  active: boolean
  sort: number
  createdAt: number
  updatedAt: number
}

export interface RechargeDoc {
  _id: string
  openid: string
  requestId: string
  packageId: string
  title: string
  /** the amounts of the package when it was bought (a later edit changes nothing here) */
  payFen: number
  bonusFen: number
  status: RechargeStatus
  outTradeNo: string
  /** the trade's body, so a repeated unifiedOrder (same outTradeNo) is identical */
  body: string
  prepayId?: string
  params?: Record<string, string>
  prepayAt?: number
  expireAt: number
  transactionId?: string
  /** what WeChat Pay says was paid */
  paidFee?: number
  paidAt?: number
  closedAt?: number
  anomaly?: string
  createdAt: number
  updatedAt: number
}

interface QuotaDoc {
  _id: string
  openid: string
  packageId: string
  /** pending + paid + anomaly recharges of this package by this member */
  used: number
  updatedAt: number
}

/** 26 characters: a valid outTradeNo (<= 32, [0-9a-zA-Z_-]) and never an order id (those start with 'o'). */
export const rechargeIdFor = (openid: string, requestId: string): string =>
  'rc' + createHash('sha256').update(`${openid}\u0000${requestId}`).digest('hex').slice(0, 24)

export const quotaIdFor = (openid: string, packageId: string) => `${openid}_${packageId}`

export const principalEntryId = (id: string) => `rc_${id}`
export const bonusEntryId = (id: string) => `rcb_${id}`

export function rechargeView(r: RechargeDoc): RechargeView {
  return {
    id: r._id,
    packageId: r.packageId,
    title: r.title,
    payFen: r.payFen,
    bonusFen: r.bonusFen,
    status: r.status,
    statusLabel: rechargeStatusLabels[r.status],
    createdAt: r.createdAt,
    paidAt: r.paidAt ?? null,
    expireAt: r.expireAt,
  }
}

const cashier = (prepayId: string | undefined) =>
  process.env.MALL_EMULATOR === '1' && prepayId
    ? { cashierPath: `/__pay/cashier?prepayId=${encodeURIComponent(prepayId)}` }
    : {}

function created(r: RechargeDoc): RechargeCreated {
  const open = r.status === 'pending' && r.params
  return {
    ...rechargeView(r),
    payment: open ? (r.params as never) : null,
    ...(open ? cashier(r.prepayId) : {}),
  }
}

/** The used count of a package, read in the transaction; a first use counts what the records say. */
async function quotaUsed(
  db: Database,
  t: Tx,
  openid: string,
  packageId: string,
): Promise<{ doc: QuotaDoc | null; used: number }> {
  const doc = await txGet<QuotaDoc>(t, 'rechargeQuota', quotaIdFor(openid, packageId))
  if (doc) return { doc, used: doc.used }
  // no counter yet (first purchase, or recharges older than the counter): count them; the counter's
  // insert makes a concurrent first purchase conflict and run again, then it sees the counter
  const rows = await list<{ _id: string }>(
    db
      .collection('recharges')
      .where({ openid, packageId, status: db.command.in(['pending', 'paid', 'anomaly']) })
      .limit(1000),
  )
  return { doc: null, used: rows.length }
}

async function moveQuota(
  t: Tx,
  q: { doc: QuotaDoc | null; used: number },
  openid: string,
  packageId: string,
  delta: number,
  at: number,
) {
  const used = Math.max(0, q.used + delta)
  if (q.doc)
    await t
      .collection('rechargeQuota')
      .doc(q.doc._id)
      .update({ data: { used, updatedAt: at } })
  else
    await t.collection('rechargeQuota').add({
      data: { _id: quotaIdFor(openid, packageId), openid, packageId, used, updatedAt: at },
    })
}

/** How many more times `openid` may buy each package (null = unlimited). */
export async function remainingFor(
  db: Database,
  openid: string,
  packages: RechargePackageDoc[],
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>()
  const limited = packages.filter((p) => p.perMemberLimit > 0)
  const quotas = limited.length
    ? await list<QuotaDoc>(
        db
          .collection('rechargeQuota')
          .where({ _id: db.command.in(limited.map((p) => quotaIdFor(openid, p._id))) })
          .limit(100),
      )
    : []
  for (const p of packages) {
    if (p.perMemberLimit <= 0) {
      out.set(p._id, null)
      continue
    }
    const q = quotas.find((x) => x._id === quotaIdFor(openid, p._id))
    let used = q?.used
    if (used === undefined)
      used = (
        await list<{ _id: string }>(
          db
            .collection('recharges')
            .where({ openid, packageId: p._id, status: db.command.in(['pending', 'paid', 'anomaly']) })
            .limit(1000),
        )
      ).length
    out.set(p._id, Math.max(0, p.perMemberLimit - used))
  }
  return out
}

/**
 * `wallet.recharge.create`: the record (with the quota) in one transaction, then the WeChat trade. The
 * same requestId lands on the same record, so a retry (or a crash after the record) opens the same trade
 * (cloudPay answers an identical unifiedOrder with the same prepay).
 */
export async function createRecharge(
  db: Database,
  s: OrderSettings,
  p: { openid: string; packageId: string; requestId: string; at: number; ip?: string },
): Promise<RechargeCreated> {
  const { openid, at } = p
  const id = rechargeIdFor(openid, p.requestId)
  let r = await byId<RechargeDoc>(db.collection('recharges'), id)
  if (!r) {
    const pkg = await byId<RechargePackageDoc>(db.collection('rechargePackages'), p.packageId)
    if (!pkg || !pkg.active) return fail('RECHARGE_PACKAGE_UNAVAILABLE')
    r = await inTransaction(
      db,
      async (t) => {
        const again = await txGet<RechargeDoc>(t, 'recharges', id)
        if (again) return again
        const q = await quotaUsed(db, t, openid, pkg._id)
        if (pkg.perMemberLimit > 0 && q.used >= pkg.perMemberLimit) fail('RECHARGE_LIMIT_REACHED')
        const doc: RechargeDoc = {
          _id: id,
          openid,
          requestId: p.requestId,
          packageId: pkg._id,
          title: pkg.title,
          payFen: pkg.payFen,
          bonusFen: pkg.bonusFen,
          status: 'pending',
          outTradeNo: id,
          body: `余额充值-${pkg.title}`.slice(0, 40),
          expireAt: at + RECHARGE_EXPIRE_MS,
          createdAt: at,
          updatedAt: at,
        }
        await t.collection('recharges').add({ data: doc })
        await moveQuota(t, q, openid, pkg._id, +1, at)
        return doc
      },
      'recharge.create',
    )
  }
  if (r.openid !== openid) return fail('RECHARGE_NOT_FOUND')
  if (r.status !== 'pending' || r.params) return created(r)
  if (r.expireAt <= at) return fail('PAYMENT_CLOSED', '充值订单已过期，请重新选择套餐')
  const res = await unifiedOrder({
    outTradeNo: r.outTradeNo,
    body: r.body,
    totalFee: r.payFen,
    expireAt: r.expireAt,
    subMchId: s.subMchId,
    ip: p.ip,
    functionName: RECHARGE_CALLBACK_FUNCTION,
  }).catch((e: unknown) => {
    log('recharge.unifiedOrder.fail', { id, error: String(e) })
    return fail('PAYMENT_FAILED')
  })
  await changed(
    db
      .collection('recharges')
      .where({ _id: id, status: 'pending' })
      .update({ data: { prepayId: res.prepayId, params: res.payment, prepayAt: at, updatedAt: at } }),
  )
  const now = await byId<RechargeDoc>(db.collection('recharges'), id)
  return created({
    ...now!,
    ...(now!.status === 'pending' ? { params: res.payment, prepayId: res.prepayId } : {}),
  })
}

export type SettleOutcome = 'credited' | 'duplicate' | 'anomaly' | 'unknown'

/**
 * WeChat Pay says the trade is paid (queryOrder, never the callback's fields). The amount must be the
 * package price the recharge was made with; otherwise it is an anomaly: nothing is credited, the recharge
 * becomes `anomaly` and an `anomalies` record (kind rechargeAmount) waits for finance, who refund it in
 * the merchant platform or credit it by a balance adjustment. A recharge found `closed` whose trade was
 * paid after all is credited too (the money is ours).
 */
export async function settleRecharge(
  db: Database,
  id: string,
  q: QueryResult,
  at: number,
): Promise<SettleOutcome> {
  return inTransaction(
    db,
    async (t) => {
      const r = await txGet<RechargeDoc>(t, 'recharges', id)
      if (!r) return 'unknown'
      if (r.status === 'paid' || r.status === 'anomaly') return 'duplicate'
      const wasClosed = r.status === 'closed'
      const q0 = wasClosed ? await quotaUsed(db, t, r.openid, r.packageId) : null
      if (q.totalFee !== r.payFen) {
        const anomaly = `amount: paid ${q.totalFee}, package ${r.payFen}`
        await t
          .collection('recharges')
          .doc(id)
          .update({
            data: {
              status: 'anomaly',
              anomaly,
              paidFee: q.totalFee,
              transactionId: q.transactionId ?? '',
              updatedAt: at,
            },
          })
        await t.collection('anomalies').add({
          data: {
            _id: `recharge_${id}`,
            kind: 'rechargeAmount',
            rechargeId: id,
            openid: r.openid,
            outTradeNo: r.outTradeNo,
            paidFee: q.totalFee,
            expected: r.payFen,
            transactionId: q.transactionId ?? '',
            message: anomaly,
            at,
          },
        })
        if (q0) await moveQuota(t, q0, r.openid, r.packageId, +1, at)
        return 'anomaly'
      }
      await postEntry(t, walletBook, {
        _id: principalEntryId(id),
        openid: r.openid,
        amount: r.payFen,
        bonusAmount: 0,
        kind: 'recharge',
        ref: id,
        at,
      })
      if (r.bonusFen > 0)
        await postEntry(t, walletBook, {
          _id: bonusEntryId(id),
          openid: r.openid,
          amount: r.bonusFen,
          bonusAmount: r.bonusFen,
          kind: 'bonus',
          ref: id,
          at,
        })
      await t
        .collection('recharges')
        .doc(id)
        .update({
          data: {
            status: 'paid',
            paidFee: q.totalFee,
            transactionId: q.transactionId ?? '',
            paidAt: at,
            updatedAt: at,
          },
        })
      if (q0) await moveQuota(t, q0, r.openid, r.packageId, +1, at)
      return 'credited'
    },
    'recharge.settle',
  )
}

/** Asks WeChat about one pending recharge and settles it if paid; closes it once its trade expired. */
export async function checkRecharge(
  db: Database,
  s: OrderSettings,
  r: RechargeDoc,
  at: number,
): Promise<RechargeStatus> {
  if (r.status !== 'pending') return r.status
  const q = await queryOrder(r.outTradeNo, s.subMchId).catch(() => undefined)
  if (q?.tradeState === 'SUCCESS') {
    await settleRecharge(db, r._id, q, at)
    return (await byId<RechargeDoc>(db.collection('recharges'), r._id))?.status ?? r.status
  }
  if (at < r.expireAt || !q) return 'pending'
  // expired: close the trade first (WeChat answers ORDERPAID if the money came in after all)
  const c = await closeOrder(r.outTradeNo, s.subMchId)
  if (c === 'paid') {
    const again = await queryOrder(r.outTradeNo, s.subMchId).catch(() => undefined)
    if (again?.tradeState === 'SUCCESS') await settleRecharge(db, r._id, again, at)
    return (await byId<RechargeDoc>(db.collection('recharges'), r._id))?.status ?? r.status
  }
  if (c === 'retry') return 'pending'
  return inTransaction(
    db,
    async (t) => {
      const cur = await txGet<RechargeDoc>(t, 'recharges', r._id)
      if (!cur || cur.status !== 'pending') return cur?.status ?? 'pending'
      const q0 = await quotaUsed(db, t, cur.openid, cur.packageId)
      await t
        .collection('recharges')
        .doc(r._id)
        .update({ data: { status: 'closed', closedAt: at, updatedAt: at } })
      await moveQuota(t, q0, cur.openid, cur.packageId, -1, at)
      return 'closed' as const
    },
    'recharge.close',
  )
}

/** cron: recharges whose callback never came are settled; unpaid ones are closed after their expiry. */
export async function pollRecharges(db: Database, s: OrderSettings, at: number): Promise<number> {
  const _ = db.command
  const rows = await list<RechargeDoc>(
    db
      .collection('recharges')
      .where({ status: 'pending', updatedAt: _.lte(at - RECHARGE_POLL_AFTER_MS) })
      .orderBy('updatedAt', 'asc')
      .limit(50),
  )
  let n = 0
  for (const r of rows) {
    const to = await checkRecharge(db, s, r, at).catch((e: unknown) => {
      log('recharge.poll.error', { id: r._id, error: String(e) })
      return 'pending' as const
    })
    if (to !== 'pending') n++
  }
  return n
}
