import type { Database } from '../cloud'
import { inTransaction, txGet } from '../flow/tx'
import { pointsBook, postEntry, type EntryDoc } from '../ledger/books'

/** Points spent and given back by orders, in the points book (ledger/books.ts). */
export const pointsUseKey = (orderId: string) => `pts_use_${orderId}`
export const pointsReturnKey = (orderId: string) => `pts_return_${orderId}`
/** Points an order earns (members): after-sales takes them back in proportion to what is refunded. */
export const pointsEarnKey = (orderId: string) => `pts_earn_${orderId}`

/** Order submit spends points: one entry keyed by the order. */
export const usePoints = (db: Database, openid: string, orderId: string, amount: number, at: number) =>
  inTransaction(
    db,
    (t) =>
      postEntry(t, pointsBook, {
        _id: pointsUseKey(orderId),
        openid,
        amount: -amount,
        kind: 'use',
        ref: orderId,
        at,
      }),
    'points.use',
  )

/** The order ended: the points it spent come back, once, and only if they were really spent. */
export const returnPoints = (db: Database, openid: string, orderId: string, at: number) =>
  inTransaction(
    db,
    async (t) => {
      const used = await txGet<EntryDoc>(t, pointsBook.entries, pointsUseKey(orderId))
      if (!used) return 'nothing'
      return postEntry(t, pointsBook, {
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
