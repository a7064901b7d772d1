import type { ErrorCode } from '@mall/contract'
import { fail } from '../errors'
import { txGet, type Tx } from '../flow/tx'

/**
 * A balance kept beside an append-only ledger: the wallet (fen) and the points account. Entries are
 * immutable and their `_id` is the idempotency key; the owner counts them (`seq`) and each entry carries
 * its number, so reconciliation can compare a balance with exactly the entries it had seen.
 */
export interface Book {
  name: string
  owners: 'wallets' | 'users'
  entries: 'ledger' | 'pointsLedger' | 'growthLedger'
  ownerField: 'walletId' | 'openid'
  balance: 'balance' | 'points' | 'growth'
  seq: 'seq' | 'pointsSeq' | 'growthSeq'
  checkedAt: string
  flag: string
  /** refused below zero with this code */
  insufficient: ErrorCode
  /** the owner a first credit creates; without it the owner must exist */
  openOwner?: (openid: string) => Record<string, unknown>
  /**
   * The owner field holding the bonus part of the balance (wallet only): bonus money is spendable but
   * never withdrawable, so the book keeps it as a second bucket beside the balance (principal = balance -
   * bonus). Neither bucket may go below zero.
   */
  bonus?: 'bonus'
}

export const walletBook: Book = {
  name: 'wallet',
  owners: 'wallets',
  entries: 'ledger',
  ownerField: 'walletId',
  balance: 'balance',
  seq: 'seq',
  checkedAt: 'checkedAt',
  flag: 'ledgerMismatch',
  insufficient: 'BALANCE_INSUFFICIENT',
  // frozen: what open withdrawals took out of the balance (kept by the withdrawal flow, not by entries)
  openOwner: (openid) => ({ openid, bonus: 0, frozen: 0 }),
  bonus: 'bonus',
}

export const pointsBook: Book = {
  name: 'points',
  owners: 'users',
  entries: 'pointsLedger',
  ownerField: 'openid',
  balance: 'points',
  seq: 'pointsSeq',
  checkedAt: 'pointsCheckedAt',
  flag: 'pointsMismatch',
  insufficient: 'POINTS_INSUFFICIENT',
}

/**
 * Growth (成长值), the member level's measure: earned by completed orders, taken back by their refunds
 * (cloudfunctions/src/loyalty). Never below zero: a take-back is capped at what the member holds.
 */
export const growthBook: Book = {
  name: 'growth',
  owners: 'users',
  entries: 'growthLedger',
  ownerField: 'openid',
  balance: 'growth',
  seq: 'growthSeq',
  checkedAt: 'growthCheckedAt',
  flag: 'growthMismatch',
  insufficient: 'POINTS_INSUFFICIENT',
}

export const books: Book[] = [walletBook, pointsBook, growthBook]

export interface EntryInput {
  _id: string
  openid: string
  /** signed: fen for the wallet, points for points */
  amount: number
  kind: string
  ref: string
  at: number
  /**
   * Wallet only: the signed part of `amount` that is bonus money (packages/domain ledger.ts). Default 0,
   * except kind 'bonus', which is all bonus. Principal-only entries pass 0.
   */
  bonusAmount?: number
}

export interface EntryDoc extends EntryInput {
  seq: number
  balanceAfter: number
}

/** The bonus part of an entry as stored (older entries carry none: 'bonus' entries are all bonus). */
export const bonusPartOf = (e: { kind: string; amount: number; bonusAmount?: number }): number =>
  typeof e.bonusAmount === 'number' ? e.bonusAmount : e.kind === 'bonus' ? e.amount : 0

/**
 * Appends one entry and moves the balance (and the wallet's bonus bucket), inside the caller's
 * transaction; a repeated key posts nothing. Refused with the book's code when the balance or a bucket
 * would go below zero. `split` (wallet only) decides the bonus part from the buckets as read here, so a
 * payment can be split (principal first) without reading the wallet twice.
 */
export async function postEntry(
  t: Tx,
  b: Book,
  e: EntryInput,
  split?: (buckets: { principal: number; bonus: number }) => number,
): Promise<{ posted: boolean; balanceAfter: number; bonusAmount: number }> {
  const existing = await txGet<EntryDoc>(t, b.entries, e._id)
  if (existing)
    return { posted: false, balanceAfter: existing.balanceAfter, bonusAmount: bonusPartOf(existing) }
  const owner = await txGet<Record<string, unknown>>(t, b.owners, e.openid)
  const balance = typeof owner?.[b.balance] === 'number' ? (owner[b.balance] as number) : 0
  if ((!owner && !b.openOwner) || balance + e.amount < 0) fail(b.insufficient)
  const seq = (typeof owner?.[b.seq] === 'number' ? (owner[b.seq] as number) : 0) + 1
  const balanceAfter = balance + e.amount
  const moved: Record<string, unknown> = { [b.balance]: balanceAfter, [b.seq]: seq, updatedAt: e.at }
  const entry: Record<string, unknown> = { ...e, [b.ownerField]: e.openid, seq, balanceAfter }
  let part = 0
  if (b.bonus) {
    const bonusBefore = typeof owner?.[b.bonus] === 'number' ? (owner[b.bonus] as number) : 0
    part = split ? split({ principal: balance - bonusBefore, bonus: bonusBefore }) : bonusPartOf(e)
    const bonusAfter = bonusBefore + part
    if (!Number.isSafeInteger(part) || bonusAfter < 0 || balanceAfter - bonusAfter < 0) fail(b.insufficient)
    moved[b.bonus] = bonusAfter
    entry.bonusAmount = part
  } else delete entry.bonusAmount
  await t.collection(b.entries).add({ data: entry })
  if (owner) await t.collection(b.owners).doc(e.openid).update({ data: moved })
  else await t.collection(b.owners).add({ data: { _id: e.openid, ...b.openOwner!(e.openid), ...moved } })
  return { posted: true, balanceAfter, bonusAmount: part }
}
