import { ledgerKindLabels, type LedgerKind } from '@mall/domain'
import type { WalletFilter, WalletView } from '@mall/contract'
import { decodeTimeIdCursor } from '../catalog/cursor'
import { byId, list } from '../db'
import { bonusPartOf } from '../ledger/books'
import type { Ctx } from '../router'

interface WalletDoc {
  balance?: number
  bonus?: number
  frozen?: number
}

interface LedgerDoc {
  _id: string
  amount: number
  bonusAmount?: number
  kind: string
  memo?: string
  balanceAfter?: number
  at: number
}

/** The wallet page's history tabs, as ledger kinds. */
const FILTER_KINDS: Record<Exclude<WalletFilter, 'all'>, LedgerKind[]> = {
  recharge: ['recharge', 'bonus'],
  pay: ['pay'],
  refund: ['refund'],
  withdraw: ['withdraw', 'withdrawReversal'],
}

const label = (e: LedgerDoc): string =>
  e.memo ?? (ledgerKindLabels as Record<string, string>)[e.kind] ?? e.kind

/**
 * The balance and its buckets are the wallet document (kept equal to the ledger by the reconciliation
 * job); withdrawable = balance - bonus (open withdrawals are already out of the balance, in `frozen`).
 * History pages newest first by (at, _id), cursor `<at>_<id>`.
 */
export async function walletView(
  ctx: Ctx,
  input: { limit: number; cursor?: string; filter?: WalletFilter },
): Promise<WalletView> {
  const _ = ctx.db.command
  const size = input.limit
  const c = input.cursor ? decodeTimeIdCursor(input.cursor) : null
  const conds: object[] = [{ walletId: ctx.openid }]
  if (input.filter && input.filter !== 'all') conds.push({ kind: _.in(FILTER_KINDS[input.filter]) })
  if (c) conds.push(_.or([{ at: _.lt(c.at) }, { at: c.at, _id: _.gt(c.id) }]))
  const [wallet, rows] = await Promise.all([
    byId<WalletDoc>(ctx.db.collection('wallets'), ctx.openid),
    list<LedgerDoc>(
      ctx.db
        .collection('ledger')
        .where(conds.length === 1 ? conds[0]! : _.and(conds as never[]))
        .orderBy('at', 'desc')
        .orderBy('_id', 'asc')
        .limit(size + 1),
    ),
  ])
  const page = rows.slice(0, size)
  const last = page[page.length - 1]
  const balance = wallet?.balance ?? 0
  const bonus = wallet?.bonus ?? 0
  return {
    balance,
    bonus,
    frozen: wallet?.frozen ?? 0,
    withdrawable: Math.max(0, balance - bonus),
    entries: page.map((e) => ({
      id: e._id,
      amount: e.amount,
      bonusAmount: bonusPartOf(e),
      kind: e.kind,
      label: label(e),
      ...(e.balanceAfter !== undefined ? { balanceAfter: e.balanceAfter } : {}),
      at: e.at,
    })),
    cursor: rows.length > size && last ? `${last.at}_${last._id}` : null,
  }
}
