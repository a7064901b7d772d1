import type { AdminWithdrawalRow, WithdrawalStatus, WithdrawalView } from '@mall/contract'
import type { Database } from '../cloud'
import { byId } from '../db'
import type { BillState } from './client'

/** `withdrawals/<id>`; the id is also the transfer bill's out_bill_no (letters and digits only). */
export interface WithdrawalDoc {
  _id: string
  openid: string
  amount: number
  status: WithdrawalStatus
  requestId: string
  /** the mini-program the shopper asked from (the bill's appid) */
  appid: string
  /** China date of the request, for the daily limits */
  day: string
  createdAt: number
  updatedAt: number
  approvedBy?: string
  approvedAt?: number
  rejectReason?: string
  returnReason?: string
  bill?: {
    state: BillState
    packageInfo?: string
    transferBillNo?: string
    /** when the bill was first seen waiting for the user: it expires 24 h later */
    createdAt: number
    checkedAt: number
  }
  /** approved / paying: when the poller looks at it next */
  nextCheckAt?: number
  attempts?: number
  lastError?: string
  paidAt?: number
  returnedAt?: number
  closedAt?: number
}

/** The part of settings doc `member` this module owns. */
export interface WithdrawSettings {
  minFen: number
  /** above this a bill needs the payee's real name (from 2,000 yuan), which the mall does not hold */
  maxFen: number
  dailyMaxFen: number
  dailyCount: number
}

export const DEFAULT_WITHDRAW: WithdrawSettings = {
  minFen: 100,
  maxFen: 199_999,
  dailyMaxFen: 500_000,
  dailyCount: 3,
}

const posInt = (v: unknown, d: number) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : d)

export async function loadWithdrawSettings(db: Database): Promise<WithdrawSettings> {
  const doc = await byId<{ withdraw?: Partial<WithdrawSettings> }>(db.collection('settings'), 'member')
  const w = doc?.withdraw ?? {}
  return {
    minFen: posInt(w.minFen, DEFAULT_WITHDRAW.minFen),
    maxFen: Math.min(posInt(w.maxFen, DEFAULT_WITHDRAW.maxFen), DEFAULT_WITHDRAW.maxFen),
    dailyMaxFen: posInt(w.dailyMaxFen, DEFAULT_WITHDRAW.dailyMaxFen),
    dailyCount: posInt(w.dailyCount, DEFAULT_WITHDRAW.dailyCount),
  }
}

/** The bill waits this long for the shopper's confirmation, then is cancelled and the money returns. */
export const CONFIRM_WINDOW_MS = 24 * 3600 * 1000

/** China date (UTC+8), the day the daily limits count in. */
export const chinaDay = (at: number): string => new Date(at + 8 * 3600 * 1000).toISOString().slice(0, 10)

export const OPEN_STATUSES: WithdrawalStatus[] = ['pending', 'approved', 'paying']

const LABELS: Record<WithdrawalStatus, string> = {
  pending: '待审核',
  approved: '审核通过，转账处理中',
  paying: '待确认收款',
  paid: '已到账',
  rejected: '已驳回',
  cancelled: '已撤回',
  returned: '已退回余额',
}

const RETURN_REASONS: Record<string, string> = {
  TRANSFER_TIMEOUT_CLOSED: '超过24小时未确认收款',
  EXPIRED: '超过24小时未确认收款',
  MERCHANT_REVOKE: '转账已撤销',
  PAYEE_ACCOUNT_ABNORMAL: '收款账户异常',
}

export const returnReasonOf = (failReason: string | undefined, state: BillState): string =>
  (failReason && RETURN_REASONS[failReason]) || (state === 'CANCELLED' ? '转账已撤销' : '转账失败')

export function toView(w: WithdrawalDoc): WithdrawalView {
  const paying = w.status === 'paying'
  return {
    id: w._id,
    amount: w.amount,
    status: w.status,
    statusLabel: LABELS[w.status],
    createdAt: w.createdAt,
    updatedAt: w.updatedAt,
    rejectReason: w.rejectReason ?? null,
    returnReason: w.returnReason ?? null,
    canConfirm: paying && w.bill?.state === 'WAIT_USER_CONFIRM' && !!w.bill.packageInfo,
    canCancel: w.status === 'pending',
    confirmBy: paying && w.bill ? w.bill.createdAt + CONFIRM_WINDOW_MS : null,
  }
}

export const toAdminRow = (w: WithdrawalDoc, nickname: string | null): AdminWithdrawalRow => ({
  ...toView(w),
  openid: w.openid,
  nickname,
  approvedBy: w.approvedBy ?? null,
  approvedAt: w.approvedAt ?? null,
  billState: w.bill?.state ?? null,
  lastError: w.lastError ?? null,
})
