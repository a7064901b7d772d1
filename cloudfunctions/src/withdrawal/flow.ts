/**
 * Withdrawals: the money moves only inside transactions that also change the withdrawal's status.
 *
 *   request  pending   ledger `wd_<id>` (withdraw, -X, principal only), wallets.frozen += X, daily usage
 *   reject / cancel    ledger `wdr_<id>` (withdrawReversal, +X), frozen -= X     (only while pending)
 *   approve  approved  then the transfer step (below)
 *   bill WAIT_USER_CONFIRM  -> paying (the shopper confirms with wx.requestMerchantTransfer)
 *   bill SUCCESS            -> paid      frozen -= X (the money left the mall)
 *   bill FAIL / CANCELLED   -> returned  ledger `wdr_<id>` +X, frozen -= X
 *
 * The transfer step is the withdrawal's own status: an `approved` or `paying` withdrawal is work to do,
 * taken right after the approval, by the bill's notification, and by the cron poller (`nextCheckAt`). It
 * always uses out_bill_no = the withdrawal id, so repeating it (two approvals, a crash, a retry) reaches the
 * one bill WeChat already has; a new number is never made (a failed bill returns the money instead).
 * Every answer from WeChat is applied in a transaction that re-reads the withdrawal, so a late or repeated
 * answer changes nothing once the withdrawal is final. Invariant: wallets.frozen = the amounts of the
 * owner's pending, approved and paying withdrawals.
 */
import { createHash } from 'node:crypto'
import type { Database } from '../cloud'
import { byId, list } from '../db'
import { fail } from '../errors'
import { inTransaction, txGet, type Tx } from '../flow/tx'
import { walletBook, postEntry } from '../ledger/books'
import { log } from '../log'
import { changed } from '../order/dbx'
import { cancelBill, createBill, queryBill, TransferRefused, type Bill } from './client'
import { TransferNotConfigured } from './config'
import {
  chinaDay,
  CONFIRM_WINDOW_MS,
  loadWithdrawSettings,
  returnReasonOf,
  type WithdrawalDoc,
} from './model'

interface WalletDoc {
  balance?: number
  bonus?: number
  frozen?: number
  withdrawDay?: { day: string; count: number; fen: number }
}

/** The approver takes the step first; the poller only after this long. */
const GRACE_MS = 30_000
/** How often the poller asks WeChat about a bill that waits for the shopper or is on its way. */
const PAYING_POLL_MS = 5 * 60_000
const PENDING_POLL_MS = 60_000
const retryMs = (attempts: number) => Math.min(60, 2 ** Math.min(attempts, 6)) * 60_000

/** Letters and digits only (out_bill_no), the same for the same shopper and requestId. */
export const withdrawalIdOf = (openid: string, requestId: string): string =>
  'W' + createHash('sha256').update(`${openid}:${requestId}`).digest('hex').slice(0, 24)

const REMARK = '会员余额提现'

export async function requestWithdrawal(
  db: Database,
  o: { openid: string; appid: string; amount: number; requestId: string; at: number },
): Promise<WithdrawalDoc> {
  const s = await loadWithdrawSettings(db)
  const id = withdrawalIdOf(o.openid, o.requestId)
  const day = chinaDay(o.at)
  return inTransaction(
    db,
    async (t) => {
      const existing = await txGet<WithdrawalDoc>(t, 'withdrawals', id)
      if (existing) return existing
      if (o.amount < s.minFen) fail('WITHDRAW_BELOW_MIN', `最低提现 ${(s.minFen / 100).toFixed(2)} 元`)
      if (o.amount > s.maxFen) fail('WITHDRAW_ABOVE_MAX', `单笔最多提现 ${(s.maxFen / 100).toFixed(2)} 元`)
      const wallet = await txGet<WalletDoc>(t, 'wallets', o.openid)
      const withdrawable = (wallet?.balance ?? 0) - (wallet?.bonus ?? 0)
      if (o.amount > withdrawable) fail('WITHDRAW_EXCEEDS_AVAILABLE')
      const usage = wallet?.withdrawDay?.day === day ? wallet.withdrawDay : { day, count: 0, fen: 0 }
      if (usage.count + 1 > s.dailyCount || usage.fen + o.amount > s.dailyMaxFen) fail('WITHDRAW_DAILY_LIMIT')
      const entry = {
        _id: `wd_${id}`,
        openid: o.openid,
        amount: -o.amount,
        bonusAmount: 0,
        kind: 'withdraw',
        ref: id,
        at: o.at,
      }
      await postEntry(t, walletBook, entry)
      await t
        .collection('wallets')
        .doc(o.openid)
        .update({
          data: {
            frozen: (wallet?.frozen ?? 0) + o.amount,
            withdrawDay: { day, count: usage.count + 1, fen: usage.fen + o.amount },
          },
        })
      const doc: WithdrawalDoc = {
        _id: id,
        openid: o.openid,
        amount: o.amount,
        status: 'pending',
        requestId: o.requestId,
        appid: o.appid,
        day,
        createdAt: o.at,
        updatedAt: o.at,
      }
      await t.collection('withdrawals').add({ data: doc })
      return doc
    },
    'withdrawal.request',
  )
}

/** Gives the frozen amount back to the balance and closes the withdrawal, inside the caller's transaction. */
async function giveBack(
  t: Tx,
  w: WithdrawalDoc,
  status: 'rejected' | 'cancelled' | 'returned',
  fields: Partial<WithdrawalDoc>,
  at: number,
): Promise<WithdrawalDoc> {
  const wallet = await txGet<WalletDoc>(t, 'wallets', w.openid)
  const entry = {
    _id: `wdr_${w._id}`,
    openid: w.openid,
    amount: w.amount,
    bonusAmount: 0,
    kind: 'withdrawReversal',
    ref: w._id,
    at,
  }
  await postEntry(t, walletBook, entry)
  const usage = wallet?.withdrawDay
  await t
    .collection('wallets')
    .doc(w.openid)
    .update({
      data: {
        frozen: (wallet?.frozen ?? 0) - w.amount,
        // What came back no longer counts against today's limits.
        ...(usage && usage.day === w.day
          ? {
              withdrawDay: {
                day: usage.day,
                count: Math.max(0, usage.count - 1),
                fen: Math.max(0, usage.fen - w.amount),
              },
            }
          : {}),
      },
    })
  const next: WithdrawalDoc = { ...w, ...fields, status, updatedAt: at, closedAt: at }
  const { _id, ...data } = next
  void _id
  await t.collection('withdrawals').doc(w._id).set({ data })
  return next
}

/** The shopper withdraws a request finance has not handled yet. */
export async function cancelWithdrawal(
  db: Database,
  openid: string,
  id: string,
  at: number,
): Promise<WithdrawalDoc> {
  return inTransaction(
    db,
    async (t) => {
      const w = await txGet<WithdrawalDoc>(t, 'withdrawals', id)
      if (!w || w.openid !== openid) return fail('WITHDRAWAL_NOT_FOUND')
      if (w.status === 'cancelled') return w
      if (w.status !== 'pending') return fail('WITHDRAWAL_STATE_INVALID', '提现已审核，不能撤回')
      return giveBack(t, w, 'cancelled', {}, at)
    },
    'withdrawal.cancel',
  )
}

export async function rejectWithdrawal(
  db: Database,
  o: { id: string; reason: string; by: string; at: number },
): Promise<WithdrawalDoc> {
  return inTransaction(
    db,
    async (t) => {
      const w = await txGet<WithdrawalDoc>(t, 'withdrawals', o.id)
      if (!w) return fail('WITHDRAWAL_NOT_FOUND')
      if (w.status === 'rejected') return w
      if (w.status !== 'pending')
        return fail('WITHDRAWAL_STATE_INVALID', '只能驳回待审核的提现（已审核的提现已进入转账）')
      return giveBack(t, w, 'rejected', { rejectReason: o.reason, approvedBy: o.by }, o.at)
    },
    'withdrawal.reject',
  )
}

export async function approveWithdrawal(
  db: Database,
  o: { id: string; by: string; at: number },
): Promise<WithdrawalDoc> {
  const w = await inTransaction(
    db,
    async (t) => {
      const w = await txGet<WithdrawalDoc>(t, 'withdrawals', o.id)
      if (!w) return fail('WITHDRAWAL_NOT_FOUND')
      if (w.status !== 'pending') {
        if (w.status === 'approved' || w.status === 'paying' || w.status === 'paid') return w
        return fail('WITHDRAWAL_STATE_INVALID')
      }
      const data = {
        status: 'approved' as const,
        approvedBy: o.by,
        approvedAt: o.at,
        updatedAt: o.at,
        nextCheckAt: o.at + GRACE_MS,
      }
      await t.collection('withdrawals').doc(o.id).update({ data })
      return { ...w, ...data }
    },
    'withdrawal.approve',
  )
  if (w.status !== 'approved') return w
  return (await advanceWithdrawal(db, o.id, o.at)) ?? w
}

/**
 * Applies what WeChat says about the bill. Runs in one transaction on the re-read withdrawal: only an
 * `approved` or `paying` one moves, so repeated and late answers change nothing.
 */
async function applyBill(db: Database, id: string, bill: Bill, at: number): Promise<WithdrawalDoc | null> {
  return inTransaction(
    db,
    async (t) => {
      const w = await txGet<WithdrawalDoc>(t, 'withdrawals', id)
      if (!w || (w.status !== 'approved' && w.status !== 'paying')) return w
      const billRec = {
        state: bill.state,
        ...((bill.packageInfo ?? w.bill?.packageInfo)
          ? { packageInfo: bill.packageInfo ?? w.bill?.packageInfo }
          : {}),
        ...((bill.transferBillNo ?? w.bill?.transferBillNo)
          ? { transferBillNo: bill.transferBillNo ?? w.bill?.transferBillNo }
          : {}),
        createdAt: w.bill?.createdAt ?? at,
        checkedAt: at,
      }
      if (bill.state === 'SUCCESS') {
        const wallet = await txGet<WalletDoc>(t, 'wallets', w.openid)
        await t
          .collection('wallets')
          .doc(w.openid)
          .update({ data: { frozen: (wallet?.frozen ?? 0) - w.amount } })
        const next: WithdrawalDoc = {
          ...w,
          status: 'paid',
          bill: billRec,
          paidAt: at,
          closedAt: at,
          updatedAt: at,
        }
        delete next.nextCheckAt
        delete next.lastError
        const { _id, ...data } = next
        void _id
        await t.collection('withdrawals').doc(id).set({ data })
        return next
      }
      if (bill.state === 'FAIL' || bill.state === 'CANCELLED') {
        const next = await giveBack(
          t,
          w,
          'returned',
          { bill: billRec, returnReason: returnReasonOf(bill.failReason, bill.state), returnedAt: at },
          at,
        )
        return next
      }
      const waiting =
        bill.state === 'WAIT_USER_CONFIRM' || bill.state === 'TRANSFERING' || bill.state === 'CANCELING'
      const status =
        waiting && (bill.state !== 'WAIT_USER_CONFIRM' || billRec.packageInfo) ? 'paying' : w.status
      const due =
        status === 'paying'
          ? Math.min(
              at + (bill.state === 'WAIT_USER_CONFIRM' ? PAYING_POLL_MS : PENDING_POLL_MS),
              billRec.createdAt + CONFIRM_WINDOW_MS,
            )
          : at + PENDING_POLL_MS
      const data = { status, bill: billRec, nextCheckAt: due, attempts: 0, updatedAt: at }
      await t.collection('withdrawals').doc(id).update({ data })
      return { ...w, ...data }
    },
    'withdrawal.bill',
  )
}

async function noteFailure(db: Database, w: WithdrawalDoc, error: string, at: number): Promise<void> {
  const attempts = (w.attempts ?? 0) + 1
  log('withdrawal.transferError', { id: w._id, status: w.status, attempts, error: error.slice(0, 300) })
  await changed(
    db
      .collection('withdrawals')
      .where({ _id: w._id, status: w.status })
      .update({ data: { attempts, lastError: error.slice(0, 300), nextCheckAt: at + retryMs(attempts) } }),
  ).catch(() => 0)
}

/**
 * The transfer step: creates the bill (approved) or asks about it (paying), cancels one the shopper left
 * unconfirmed for 24 h, and applies the answer. Safe to run any number of times, concurrently.
 */
export async function advanceWithdrawal(db: Database, id: string, at: number): Promise<WithdrawalDoc | null> {
  const w = await byId<WithdrawalDoc>(db.collection('withdrawals'), id)
  if (!w || (w.status !== 'approved' && w.status !== 'paying')) return w ?? null
  try {
    let bill: Bill | null
    if (w.status === 'approved') {
      // Once WeChat has answered for the bill, ask about it; create (the same number again) only when WeChat
      // has none, or we never heard back.
      bill = w.bill ? await queryBill(w._id) : null
      bill ??= await createBill({
        outBillNo: w._id,
        appid: w.appid,
        openid: w.openid,
        amount: w.amount,
        remark: REMARK,
      })
    } else {
      bill = await queryBill(w._id)
      if (!bill) {
        await noteFailure(db, w, 'bill not found at WeChat', at)
        return w
      }
      const expired = w.bill && at >= w.bill.createdAt + CONFIRM_WINDOW_MS
      if (bill.state === 'WAIT_USER_CONFIRM' && expired) {
        log('withdrawal.expire', { id: w._id })
        const c = await cancelBill(w._id)
        // CANCELING: WeChat finishes it shortly; the next query (or its notification) brings CANCELLED.
        bill = c.state === 'CANCELLED' ? c : ((await queryBill(w._id)) ?? c)
      }
    }
    return await applyBill(db, id, bill, at)
  } catch (e) {
    if (e instanceof TransferRefused || e instanceof TransferNotConfigured || e instanceof Error) {
      await noteFailure(db, w, e.message, at)
      return (await byId<WithdrawalDoc>(db.collection('withdrawals'), id)) ?? w
    }
    throw e
  }
}

/** cron: every approved or paying withdrawal whose time has come; each claimed by a compare-and-set. */
export async function pollWithdrawals(db: Database, at: number): Promise<number> {
  const _ = db.command
  const due = await list<WithdrawalDoc>(
    db
      .collection('withdrawals')
      .where({ status: _.in(['approved', 'paying']), nextCheckAt: _.lte(at) })
      .orderBy('nextCheckAt', 'asc')
      .limit(50),
  )
  let n = 0
  for (const w of due) {
    const claimed = await changed(
      db
        .collection('withdrawals')
        .where({ _id: w._id, status: w.status, nextCheckAt: w.nextCheckAt })
        .update({ data: { nextCheckAt: at + PENDING_POLL_MS } }),
    )
    if (claimed !== 1) continue
    const after = await advanceWithdrawal(db, w._id, at)
    if (after && after.status !== w.status) n++
  }
  return n
}
