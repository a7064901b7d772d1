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

/** The split of a balance payment: bonus first, then principal. Amount is positive; the entry is negative. */
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
  const fromBonus = Math.min(b.bonus, amount)
  return ok({ amount: -amount, bonusAmount: -fromBonus })
}

/**
 * The split of a refund of a balance payment: back to where the payment took it from. A partial refund
 * returns principal first (the bonus part is returned last), so repeated partial refunds never return
 * more bonus than was spent.
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
  const principalLeft = paid - paidBonus - (alreadyRefunded.amount - alreadyRefunded.bonusAmount)
  const toPrincipal = Math.min(principalLeft, refund)
  return ok({ amount: refund, bonusAmount: refund - toPrincipal })
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
