import type { Database } from '../cloud'
import { list } from '../db'
import { log } from '../log'
import { bonusPartOf, books, type Book } from '../ledger/books'
import { changed } from '../order/dbx'

const DAY = 86_400_000
const PAGE = 1000

export interface BookCheck {
  balance: number
  sum: number
  entries: number
  ok: boolean
  /** wallet only: the bonus bucket and the sum of the entries' bonus parts */
  bonus?: number
  bonusSum?: number
}

/**
 * Sums every entry of one owner (paging by _id, never capped) that the balance had seen: entries carry
 * the owner's sequence number, and those numbered after the `seq` read with the balance are newer than
 * it and left out. So a payment landing during the check can never look like a mismatch. The wallet's
 * bonus bucket is checked the same way against the entries' bonus parts (read with the same `seq`).
 */
export async function checkBook(db: Database, b: Book, owner: Record<string, unknown>): Promise<BookCheck> {
  const _ = db.command
  const balance = typeof owner[b.balance] === 'number' ? (owner[b.balance] as number) : 0
  const seq = typeof owner[b.seq] === 'number' ? (owner[b.seq] as number) : Number.POSITIVE_INFINITY
  let sum = 0
  let bonusSum = 0
  let entries = 0
  let last = ''
  for (;;) {
    const page = await list<{
      _id: string
      amount: number
      kind: string
      bonusAmount?: number
      seq?: number
    }>(
      db
        .collection(b.entries)
        .where({ [b.ownerField]: owner._id, ...(last ? { _id: _.gt(last) } : {}) })
        .orderBy('_id', 'asc')
        .limit(PAGE),
    )
    for (const e of page) {
      if (typeof e.seq === 'number' && e.seq > seq) continue
      sum += Number.isSafeInteger(e.amount) ? e.amount : NaN
      const part = bonusPartOf(e)
      bonusSum += Number.isSafeInteger(part) ? part : NaN
      entries++
    }
    if (page.length < PAGE) break
    last = page[page.length - 1]!._id
  }
  const counted = Number.isFinite(seq) ? entries === seq : true
  if (!b.bonus) return { balance, sum, entries, ok: sum === balance && counted }
  const bonus = typeof owner[b.bonus] === 'number' ? (owner[b.bonus] as number) : 0
  const ok = sum === balance && counted && bonus === bonusSum && bonus >= 0 && balance - bonus >= 0
  return { balance, sum, entries, ok, bonus, bonusSum }
}

/**
 * Reconciliation: every balance equals the sum of its immutable entries. Each owner is checked at most once
 * a day, a bounded batch per run; a mismatch is logged and flagged for finance, never "fixed".
 */
export async function reconcileLedgers(db: Database, at: number): Promise<number> {
  const _ = db.command
  let mismatched = 0
  for (const b of books) {
    const due = await list<Record<string, unknown> & { _id: string }>(
      db
        .collection(b.owners)
        .where(_.or([{ [b.checkedAt]: _.exists(false) }, { [b.checkedAt]: _.lte(at - DAY) }]))
        .limit(20),
    )
    for (const owner of due) {
      const c = await checkBook(db, b, owner)
      if (!c.ok) {
        mismatched++
        log(`${b.name}.ledger.mismatch`, { owner: owner._id, ...c })
      }
      await changed(
        db
          .collection(b.owners)
          .where({ _id: owner._id })
          .update({
            data: {
              [b.checkedAt]: at,
              [b.flag]: c.ok
                ? _.remove()
                : _.set({
                    balance: c.balance,
                    ledgerSum: c.sum,
                    ...(c.bonus !== undefined ? { bonus: c.bonus, bonusSum: c.bonusSum } : {}),
                    at,
                  }),
            },
          }),
      )
    }
  }
  return mismatched
}
