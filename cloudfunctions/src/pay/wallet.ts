import { fail } from '../errors'
import { txGet, type Tx } from '../flow/tx'

/**
 * Wallet money moves only with an immutable `ledger` entry, in the same transaction: the entry's `_id` is
 * the idempotency key, `wallets.seq` counts entries (each entry carries its number), so reconciliation
 * can sum exactly the entries a balance it read had seen.
 */
export interface LedgerEntryDoc {
  _id: string
  walletId: string
  openid: string
  amount: number
  kind: string
  ref: string
  at: number
  seq: number
  balanceAfter: number
}

interface WalletDoc {
  balance?: number
  seq?: number
}

export async function postLedger(
  t: Tx,
  e: { _id: string; openid: string; amount: number; kind: string; ref: string; at: number },
): Promise<{ posted: boolean; balanceAfter: number }> {
  const existing = await txGet<LedgerEntryDoc>(t, 'ledger', e._id)
  if (existing) return { posted: false, balanceAfter: existing.balanceAfter }
  const w = await txGet<WalletDoc>(t, 'wallets', e.openid)
  const balance = w?.balance ?? 0
  if (balance + e.amount < 0 || (!w && e.amount < 0)) fail('BALANCE_INSUFFICIENT')
  const seq = (w?.seq ?? 0) + 1
  await t.collection('ledger').add({
    data: { ...e, walletId: e.openid, seq, balanceAfter: balance + e.amount } satisfies LedgerEntryDoc,
  })
  if (w)
    await t
      .collection('wallets')
      .doc(e.openid)
      .update({ data: { balance: balance + e.amount, seq, updatedAt: e.at } })
  else
    await t.collection('wallets').add({
      data: { _id: e.openid, openid: e.openid, balance: e.amount, frozen: 0, seq, updatedAt: e.at },
    })
  return { posted: true, balanceAfter: balance + e.amount }
}
