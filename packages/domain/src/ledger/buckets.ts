import { fail, type DomainError } from '../result/errors'
import { ok, type Result } from '../result/result'
import type { Fen } from '../money/fen'
import { applyEntryToBuckets, type LedgerEntry, type WalletBuckets } from './ledger'

export const walletBuckets = (entries: readonly LedgerEntry[]): Result<WalletBuckets, DomainError> => {
  let b: WalletBuckets = { principal: 0, bonus: 0 }
  for (const e of entries) {
    const next = applyEntryToBuckets(b, e)
    if (!next.ok) return next
    b = next.value
  }
  return ok(b)
}

/**
 * The split of a balance payment: principal first, bonus last (the rule: "the bonus is spent last
 * and never withdrawn"), so bonus money stays in the wallet as long as possible. Amount is positive; the
 * entry is negative.
 */
export const planPayment = (
  b: WalletBuckets,
  amount: Fen,
): Result<{ amount: Fen; bonusAmount: Fen }, DomainError> => {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    return fail('INVALID_INPUT', 'payment amount must be > 0 fen')
  if (amount > b.principal + b.bonus)
    return fail('BALANCE_INSUFFICIENT', `balance ${b.principal + b.bonus} cannot cover ${amount}`, {
      balance: b.principal + b.bonus,
      amount,
    })
  const fromPrincipal = Math.min(Math.max(b.principal, 0), amount)
  // never -0: the split is stored as is
  return ok({ amount: -amount, bonusAmount: fromPrincipal === amount ? 0 : fromPrincipal - amount })
}

/**
 * The split of a refund of a balance payment: back to where the payment took it from. A partial refund
 * undoes the payment from its end: the payment took principal first and bonus last, so the bonus part is
 * returned first and principal last. Repeated partial refunds never return more of either bucket than
 * was spent, and a shopper cannot turn spent bonus into withdrawable principal by refunding part of an
 * order.
 */
export const planRefund = (
  payment: { readonly amount: Fen; readonly bonusAmount: Fen },
  alreadyRefunded: { readonly amount: Fen; readonly bonusAmount: Fen },
  refund: Fen,
): Result<{ amount: Fen; bonusAmount: Fen }, DomainError> => {
  const paid = -payment.amount
  const paidBonus = -payment.bonusAmount
  const refundable = paid - alreadyRefunded.amount
  if (!Number.isSafeInteger(refund) || refund <= 0)
    return fail('INVALID_INPUT', 'refund amount must be > 0 fen')
  if (refund > refundable)
    return fail('AMOUNT_MISMATCH', `refund ${refund} exceeds refundable ${refundable}`, {
      refund,
      refundable,
    })
  const bonusLeft = Math.max(0, paidBonus - alreadyRefunded.bonusAmount)
  return ok({ amount: refund, bonusAmount: Math.min(bonusLeft, refund) })
}

/** Withdrawals take principal only. */
export const planWithdrawal = (
  b: WalletBuckets,
  amount: Fen,
): Result<{ amount: Fen; bonusAmount: Fen }, DomainError> => {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    return fail('INVALID_INPUT', 'withdrawal amount must be > 0 fen')
  if (amount > b.principal)
    return fail('BALANCE_INSUFFICIENT', `withdrawable ${b.principal} cannot cover ${amount}`, {
      withdrawable: b.principal,
      amount,
    })
  return ok({ amount: -amount, bonusAmount: 0 })
}
