/**
 * Demo data for withdrawals: the `withdraw` part of settings doc `member` (the defaults, spelled out so a
 * merchant sees the knobs) as a document, and two withdrawals of 演示顾客1 played through the real
 * functions on `npm start` (money frozen, ledger entries, the transfer bill in the emulator's sandbox): one
 * pending in the finance queue (提现审核), one approved whose bill waits for the shopper's 确认收款.
 */
import type { ActionName } from '@mall/contract'
import { ADMIN_OPENID, shopperOpenid } from './people'

type Collections = Record<string, object[]>
type Doc = Record<string, unknown>

export const DEMO_WITHDRAW_SETTINGS = { minFen: 100, maxFen: 199_999, dailyMaxFen: 500_000, dailyCount: 3 }

export function addWithdrawalDemo<C extends Collections>(c: C): C {
  const all: Collections = c
  const settings = (all.settings ??= []) as Doc[]
  const i = settings.findIndex((d) => d._id === 'member')
  if (i < 0) settings.push({ _id: 'member', withdraw: DEMO_WITHDRAW_SETTINGS })
  else settings[i] = { withdraw: DEMO_WITHDRAW_SETTINGS, ...settings[i] }
  return c
}

type Call = (openid: string, action: ActionName, input: object) => Promise<Record<string, unknown>>

/** 演示顾客1 is the shopper the h5 app acts as by default (the order history spends 演示顾客2's wallet). */
export async function playWithdrawalDemo(call: Call): Promise<void> {
  const me = shopperOpenid(1)
  await call(me, 'withdrawal.request', { amountFen: 5000, requestId: 'demo_withdrawal_pending' })
  const paying = await call(me, 'withdrawal.request', { amountFen: 2000, requestId: 'demo_withdrawal_paying' })
  await call(ADMIN_OPENID, 'admin.withdrawals.approve', { id: String(paying.id) })
}
