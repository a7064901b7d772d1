import type { Database } from '../cloud'
import { fail } from '../errors'
import { inTransaction, txGet, type Tx } from '../flow/tx'

/**
 * Points as a ledger, like the wallet: `pointsLedger` holds immutable signed entries whose `_id` is the
 * idempotency key; `users.points` is their sum (checked by the reconciliation job) and `users.pointsSeq`
 * counts them, so the job can compare a balance with exactly the entries it had seen.
 */
export interface PointsEntry {
  _id: string
  openid: string
  amount: number
  kind: 'use' | 'return' | 'earn' | 'seed' | 'adjust'
  ref: string
  at: number
  seq: number
  balanceAfter: number
}

interface UserPoints {
  points?: number
  pointsSeq?: number
}

export const pointsUseKey = (orderId: string) => `pts_use_${orderId}`
export const pointsReturnKey = (orderId: string) => `pts_return_${orderId}`

/** Appends one entry and moves the balance, inside the caller's transaction. Refuses to go negative. */
export async function postPoints(
  t: Tx,
  e: Omit<PointsEntry, 'seq' | 'balanceAfter'>,
): Promise<'posted' | 'exists'> {
  if (await txGet(t, 'pointsLedger', e._id)) return 'exists'
  const user = await txGet<UserPoints>(t, 'users', e.openid)
  const balance = user?.points ?? 0
  if (!user || balance + e.amount < 0) fail('POINTS_INSUFFICIENT')
  const seq = (user!.pointsSeq ?? 0) + 1
  await t.collection('pointsLedger').add({ data: { ...e, seq, balanceAfter: balance + e.amount } })
  await t
    .collection('users')
    .doc(e.openid)
    .update({ data: { points: balance + e.amount, pointsSeq: seq } })
  return 'posted'
}

/** Order submit spends points: one entry keyed by the order. */
export const usePoints = (db: Database, openid: string, orderId: string, amount: number, at: number) =>
  inTransaction(
    db,
    (t) =>
      postPoints(t, { _id: pointsUseKey(orderId), openid, amount: -amount, kind: 'use', ref: orderId, at }),
    'points.use',
  )

/** The order ended: the points it spent come back, once, and only if they were really spent. */
export const returnPoints = (db: Database, openid: string, orderId: string, at: number) =>
  inTransaction(
    db,
    async (t) => {
      const used = await txGet<PointsEntry>(t, 'pointsLedger', pointsUseKey(orderId))
      if (!used) return 'nothing'
      return postPoints(t, {
        _id: pointsReturnKey(orderId),
        openid,
        amount: -used.amount,
        kind: 'return',
        ref: orderId,
        at,
      })
    },
    'points.return',
  )
