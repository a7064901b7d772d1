import { isFen, type Fen } from '../money/fen'
import { fail, type DomainError } from '../result/errors'
import { ok, type Result } from '../result/result'

/**
 * Wallet money as an append-only list of signed entries. `id` is the idempotency key (the document
 * _id): writing the same entry twice is a no-op, a different entry under a used id is a conflict.
 */
export type LedgerKind = 'recharge' | 'bonus' | 'pay' | 'refund' | 'withdraw' | 'withdrawReversal' | 'adjust'

/** The sign each kind must carry: money in is positive, money out negative; adjustments either way. */
export const ledgerKindSign: Readonly<Record<LedgerKind, 1 | -1 | 0>> = {
  recharge: 1,
  bonus: 1,
  refund: 1,
  withdrawReversal: 1,
  pay: -1,
  withdraw: -1,
  adjust: 0,
}

export const ledgerKindLabels: Readonly<Record<LedgerKind, string>> = {
  recharge: '充值',
  bonus: '充值赠送',
  refund: '退款',
  withdrawReversal: '提现退回',
  pay: '余额支付',
  withdraw: '提现',
  adjust: '余额调整',
}

export interface LedgerEntry {
  readonly id: string
  readonly walletId: string
  /** Signed fen, never 0. */
  readonly amount: Fen
  readonly kind: LedgerKind
  /** What caused it: order id, recharge payment id, withdrawal id... */
  readonly ref: string
  readonly at: number
  /** The signed part of `amount` that is bonus money (see buckets.ts); defaults by kind. */
  readonly bonusAmount?: Fen
}

export const validateEntry = (e: LedgerEntry): Result<LedgerEntry, DomainError> => {
  if (!e || typeof e.id !== 'string' || !e.id) return fail('INVALID_INPUT', 'ledger entry needs an id')
  if (typeof e.walletId !== 'string' || !e.walletId)
    return fail('INVALID_INPUT', `entry ${e.id}: walletId required`)
  if (!Object.prototype.hasOwnProperty.call(ledgerKindSign, e.kind))
    return fail('INVALID_INPUT', `entry ${e.id}: unknown kind ${String(e.kind)}`)
  if (!isFen(e.amount) || e.amount === 0)
    return fail('INVALID_INPUT', `entry ${e.id}: amount must be non-zero fen`)
  const sign = ledgerKindSign[e.kind]
  if (sign !== 0 && Math.sign(e.amount) !== sign)
    return fail('INVALID_INPUT', `entry ${e.id}: ${e.kind} must be ${sign > 0 ? 'positive' : 'negative'}`)
  if (e.bonusAmount !== undefined) {
    const b = e.bonusAmount
    if (!isFen(b) || (b !== 0 && Math.sign(b) !== Math.sign(e.amount)) || Math.abs(b) > Math.abs(e.amount))
      return fail('INVALID_INPUT', `entry ${e.id}: bonusAmount must be a part of amount`)
    if ((e.kind === 'recharge' || e.kind === 'withdraw' || e.kind === 'withdrawReversal') && b !== 0)
      return fail('INVALID_INPUT', `entry ${e.id}: ${e.kind} moves principal only`)
    if (e.kind === 'bonus' && b !== e.amount)
      return fail('INVALID_INPUT', `entry ${e.id}: bonus is all bonus`)
  }
  if (typeof e.ref !== 'string') return fail('INVALID_INPUT', `entry ${e.id}: ref required`)
  if (typeof e.at !== 'number' || !Number.isFinite(e.at))
    return fail('INVALID_INPUT', `entry ${e.id}: at required`)
  return ok(e)
}

/** The balance after one more entry; refuses to go below zero and leaves the balance unchanged then. */
export const applyEntry = (balance: Fen, entry: LedgerEntry): Result<Fen, DomainError> => {
  const valid = validateEntry(entry)
  if (!valid.ok) return valid
  const next = balance + entry.amount
  if (!Number.isSafeInteger(next)) return fail('INVALID_INPUT', 'balance beyond the safe range')
  if (next < 0)
    return fail('BALANCE_INSUFFICIENT', `balance ${balance} cannot cover ${-entry.amount}`, {
      balance,
      amount: entry.amount,
    })
  return ok(next)
}

/**
 * The wallet holds two kinds of money: principal (recharged cash, withdrawable) and bonus (given by
 * recharge packages, spendable, never withdrawable). An entry's `bonusAmount` is the signed part of its
 * amount that moves bonus money; when absent it is the whole amount for 'bonus' entries and 0 otherwise.
 * Rules: payments spend principal first and bonus last (bonus stays in the wallet as long as possible);
 * a refund puts money back into the buckets its payment took it from (bonus part first, see planRefund);
 * withdrawals take principal only.
 */
export interface WalletBuckets {
  readonly principal: Fen
  readonly bonus: Fen
}

export const bonusPart = (e: LedgerEntry): Fen =>
  e.bonusAmount !== undefined ? e.bonusAmount : e.kind === 'bonus' ? e.amount : 0

export const applyEntryToBuckets = (b: WalletBuckets, e: LedgerEntry): Result<WalletBuckets, DomainError> => {
  const valid = validateEntry(e)
  if (!valid.ok) return valid
  const bonus = bonusPart(e)
  const principal = e.amount - bonus
  const next = { principal: b.principal + principal, bonus: b.bonus + bonus }
  if (next.principal < 0 || next.bonus < 0)
    return fail('BALANCE_INSUFFICIENT', `entry ${e.id} overdraws a bucket`, { ...next })
  return ok(next)
}

const sameEntry = (a: LedgerEntry, b: LedgerEntry): boolean =>
  a.walletId === b.walletId &&
  a.amount === b.amount &&
  a.kind === b.kind &&
  a.ref === b.ref &&
  (a.bonusAmount ?? null) === (b.bonusAmount ?? null)

/**
 * Appends idempotently: the same entry again returns the list unchanged (`duplicate: true`); a
 * different entry under a used id is DUPLICATE_REQUEST; an entry that would overdraw is refused.
 */
export const appendEntry = (
  entries: readonly LedgerEntry[],
  entry: LedgerEntry,
): Result<{ entries: readonly LedgerEntry[]; balance: Fen; duplicate: boolean }, DomainError> => {
  const folded = foldBuckets(entries)
  if (!folded.ok) return folded
  const existing = entries.find((e) => e.id === entry.id)
  if (existing) {
    if (!sameEntry(existing, entry))
      return fail('DUPLICATE_REQUEST', `entry id ${entry.id} already used for a different entry`, {
        id: entry.id,
      })
    return ok({ entries, balance: folded.value.balance, duplicate: true })
  }
  if (entries.length > 0 && entries[0]!.walletId !== entry.walletId)
    return fail('INVALID_INPUT', `entry ${entry.id} belongs to another wallet`)
  const next = applyEntryToBuckets(folded.value.buckets, entry)
  if (!next.ok) return next
  return ok({
    entries: entries.concat([entry]),
    balance: folded.value.balance + entry.amount,
    duplicate: false,
  })
}

/**
 * balance = fold(entries) in the given order, refusing a bad entry or any prefix that overdraws the
 * balance or either bucket.
 */
export const foldLedger = (entries: readonly LedgerEntry[]): Result<Fen, DomainError> => {
  const folded = foldBuckets(entries)
  return folded.ok ? ok(folded.value.balance) : folded
}

const foldBuckets = (
  entries: readonly LedgerEntry[],
): Result<{ balance: Fen; buckets: WalletBuckets }, DomainError> => {
  let buckets: WalletBuckets = { principal: 0, bonus: 0 }
  for (const e of entries) {
    const next = applyEntryToBuckets(buckets, e)
    if (!next.ok) return next
    buckets = next.value
  }
  return ok({ balance: buckets.principal + buckets.bonus, buckets })
}

export interface LedgerProblem {
  readonly kind:
    'invalidEntry' | 'duplicateId' | 'conflictingId' | 'otherWallet' | 'overdrawn' | 'balanceMismatch'
  readonly entryId?: string
  readonly message: string
}

export interface LedgerCheck {
  readonly ok: boolean
  readonly walletId?: string
  /** Sum of the distinct valid entries (a duplicated id counts once). */
  readonly computed: Fen
  readonly stored: Fen
  /** stored − computed. */
  readonly difference: Fen
  readonly problems: readonly LedgerProblem[]
}

/**
 * For the reconciliation job: recompute the balance from the entries (sorted by time, then id) and
 * list every problem instead of stopping at the first.
 */
export const checkLedger = (entries: readonly LedgerEntry[], storedBalance: Fen): LedgerCheck => {
  const problems: LedgerProblem[] = []
  const sorted = entries.slice().sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  const seen: Record<string, LedgerEntry> = {}
  const walletId = sorted.length > 0 ? sorted[0]!.walletId : undefined
  let balance = 0
  let bonus = 0
  for (const e of sorted) {
    const valid = validateEntry(e)
    if (!valid.ok) {
      problems.push({
        kind: 'invalidEntry',
        entryId: e && e.id,
        message: valid.error.message ?? valid.error.code,
      })
      continue
    }
    if (Object.prototype.hasOwnProperty.call(seen, e.id)) {
      const same = sameEntry(seen[e.id]!, e)
      problems.push({
        kind: same ? 'duplicateId' : 'conflictingId',
        entryId: e.id,
        message: same ? 'entry written twice' : 'two different entries share an id',
      })
      continue
    }
    seen[e.id] = e
    if (e.walletId !== walletId)
      problems.push({ kind: 'otherWallet', entryId: e.id, message: `entry of wallet ${e.walletId}` })
    balance += e.amount
    bonus += bonusPart(e)
    if (balance < 0)
      problems.push({ kind: 'overdrawn', entryId: e.id, message: `balance ${balance} after entry` })
    else if (bonus < 0 || balance - bonus < 0)
      problems.push({
        kind: 'overdrawn',
        entryId: e.id,
        message: `bucket overdrawn: principal ${balance - bonus}, bonus ${bonus}`,
      })
  }
  const stored = isFen(storedBalance) ? storedBalance : NaN
  if (stored !== balance)
    problems.push({
      kind: 'balanceMismatch',
      message: `stored ${String(storedBalance)}, entries sum to ${balance}`,
    })
  return {
    ok: problems.length === 0,
    ...(walletId !== undefined ? { walletId } : {}),
    computed: balance,
    stored: storedBalance,
    difference: storedBalance - balance,
    problems,
  }
}
