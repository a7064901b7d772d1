import type { WalletView } from '@mall/contract'
import { byId, list } from '../db'
import type { Ctx } from '../router'

interface WalletDoc {
  balance: number
}

interface LedgerDoc {
  _id: string
  amount: number
  kind: string
  memo?: string
  balanceAfter?: number
  at: number
}

const kindLabels: Record<string, string> = {
  recharge: '充值',
  bonus: '充值赠送',
  pay: '余额支付',
  refund: '退款',
  withdraw: '提现',
  withdrawReversal: '提现退回',
  adjust: '调整',
}

/** The balance is the wallet document (kept equal to the ledger by the reconciliation job). */
export async function walletView(ctx: Ctx, limit: number): Promise<WalletView> {
  const [wallet, entries] = await Promise.all([
    byId<WalletDoc>(ctx.db.collection('wallets'), ctx.openid),
    list<LedgerDoc>(
      ctx.db.collection('ledger').where({ walletId: ctx.openid }).orderBy('at', 'desc').limit(limit),
    ),
  ])
  return {
    balance: wallet?.balance ?? 0,
    entries: entries.map((e) => ({
      id: e._id,
      amount: e.amount,
      kind: e.kind,
      label: e.memo ?? kindLabels[e.kind] ?? e.kind,
      ...(e.balanceAfter !== undefined ? { balanceAfter: e.balanceAfter } : {}),
      at: e.at,
    })),
  }
}
