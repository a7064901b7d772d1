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
  entries: 'ledger' | 'pointsLedger'
  ownerField: 'walletId' | 'openid'
  balance: 'balance' | 'points'
  seq: 'seq' | 'pointsSeq'
  checkedAt: string
  flag: string
  /** refused below zero with this code */
  insufficient: ErrorCode
  /** the owner a first credit creates; without it the owner must exist */
  openOwner?: (openid: string) => Record<string, unknown>
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
  openOwner: (openid) => ({ openid, frozen: 0 }),
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

export const books: Book[] = [walletBook, pointsBook]

export interface EntryInput {
  _id: string
  openid: string
  /** signed: fen for the wallet, points for points */
  amount: number
  kind: string
  ref: string
  at: number
}

export interface EntryDoc extends EntryInput {
  seq: number
  balanceAfter: number
}

/** Appends one entry and moves the balance, inside the caller's transaction; a repeated key posts nothing. */
export async function postEntry(
  t: Tx,
  b: Book,
  e: EntryInput,
): Promise<{ posted: boolean; balanceAfter: number }> {
  const existing = await txGet<EntryDoc>(t, b.entries, e._id)
  if (existing) return { posted: false, balanceAfter: existing.balanceAfter }
  const owner = await txGet<Record<string, unknown>>(t, b.owners, e.openid)
  const balance = typeof owner?.[b.balance] === 'number' ? (owner[b.balance] as number) : 0
  if ((!owner && !b.openOwner) || balance + e.amount < 0) fail(b.insufficient)
  const seq = (typeof owner?.[b.seq] === 'number' ? (owner[b.seq] as number) : 0) + 1
  const balanceAfter = balance + e.amount
  await t.collection(b.entries).add({ data: { ...e, [b.ownerField]: e.openid, seq, balanceAfter } })
  const moved = { [b.balance]: balanceAfter, [b.seq]: seq, updatedAt: e.at }
  if (owner) await t.collection(b.owners).doc(e.openid).update({ data: moved })
  else await t.collection(b.owners).add({ data: { _id: e.openid, ...b.openOwner!(e.openid), ...moved } })
  return { posted: true, balanceAfter }
}
