import type { Database } from '../cloud'
import { list } from '../db'
import { log } from '../log'
import { changed } from '../order/dbx'

const DAY = 86_400_000

/**
 * Reconciliation: a wallet's balance must equal the sum of its immutable ledger entries. Each wallet is
 * checked at most once a day, a bounded batch per run; a mismatch is logged and flagged on the wallet for
 * finance (never "fixed" automatically).
 */
export async function reconcileWallets(db: Database, at: number): Promise<number> {
  const _ = db.command
  const due = await list<{ _id: string; balance: number }>(
    db
      .collection('wallets')
      .where(_.or([{ checkedAt: _.exists(false) }, { checkedAt: _.lte(at - DAY) }]))
      .limit(20),
  )
  let mismatched = 0
  for (const w of due) {
    const entries = await list<{ amount: number }>(
      db.collection('ledger').where({ walletId: w._id }).limit(1000),
    )
    const sum = entries.reduce((s, e) => s + (Number.isSafeInteger(e.amount) ? e.amount : NaN), 0)
    const ok = sum === w.balance
    if (!ok) {
      mismatched++
      log('wallet.ledger.mismatch', {
        walletId: w._id,
        balance: w.balance,
        ledgerSum: sum,
        entries: entries.length,
      })
    }
    await changed(
      db
        .collection('wallets')
        .where({ _id: w._id })
        .update({
          data: {
            checkedAt: at,
            ledgerMismatch: ok ? _.remove() : _.set({ balance: w.balance, ledgerSum: sum, at }),
          },
        }),
    )
  }
  return mismatched
}
