import * as v from 'valibot'
import { Cursor, Id, PageSize, RequestId } from '../common'
import { action } from '../define'

/**
 * Withdrawal of the withdrawable part of the wallet (balance - bonus) by WeChat Pay merchant transfer in
 * user-confirmation mode. States: pending (待审核) -> approved (审核通过，转账单创建中) -> paying (待确认收款: the
 * shopper confirms with wx.requestMerchantTransfer) -> paid (已到账); pending -> rejected (已驳回, reason) or
 * cancelled (已撤回, by the shopper); approved/paying -> returned (已退回: the transfer failed, was cancelled or
 * was not confirmed within 24 h). rejected, cancelled and returned give the money back to the wallet.
 */
export const WITHDRAWAL_STATUSES = [
  'pending',
  'approved',
  'paying',
  'paid',
  'rejected',
  'cancelled',
  'returned',
] as const
export type WithdrawalStatus = (typeof WITHDRAWAL_STATUSES)[number]

/** The finance queue's tabs; `done` = paid, `rejected` = rejected, cancelled and returned. */
export const WITHDRAWAL_QUEUE_TABS = ['pending', 'approved', 'paying', 'done', 'rejected'] as const

export interface WithdrawalView {
  id: string
  amount: number
  status: WithdrawalStatus
  statusLabel: string
  createdAt: number
  updatedAt: number
  rejectReason: string | null
  /** why a transfer came back (WeChat's fail_reason, or 超时未确认) */
  returnReason: string | null
  /** paying: the shopper may confirm (wx.requestMerchantTransfer) */
  canConfirm: boolean
  /** pending: the shopper may withdraw the request */
  canCancel: boolean
  /** the bill must be confirmed before this time (paying only) */
  confirmBy: number | null
}

export interface WithdrawalOptions {
  balance: number
  bonus: number
  frozen: number
  /** balance - bonus, what may be withdrawn now */
  withdrawable: number
  minFen: number
  /** one request at most (a transfer from 2,000 yuan needs the payee's real name, which the mall does not hold) */
  maxFen: number
  dailyMaxFen: number
  dailyCount: number
  todayFen: number
  todayCount: number
}

/** What wx.requestMerchantTransfer needs (the h5 build opens `confirmUrl`, the emulator's confirm page). */
export interface WithdrawalConfirm {
  mchId: string
  appId: string
  package: string
  openId: string
  confirmUrl: string | null
}

export interface AdminWithdrawalRow extends WithdrawalView {
  openid: string
  nickname: string | null
  approvedBy: string | null
  approvedAt: number | null
  billState: string | null
  lastError: string | null
}

const Amount = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000_000))
const Reason = v.pipe(v.string(), v.trim(), v.minLength(1, '请填写驳回原因'), v.maxLength(100))

export const withdrawalActions = {
  'withdrawal.options': action<WithdrawalOptions>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({}),
  }),
  /** Freezes the amount and queues the request for finance; the same requestId answers the same request. */
  'withdrawal.request': action<WithdrawalView>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ amountFen: Amount, requestId: RequestId }),
  }),
  'withdrawal.list': action<{ items: WithdrawalView[]; cursor: string | null }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ cursor: v.optional(Cursor), pageSize: v.optional(PageSize) }),
  }),
  'withdrawal.confirm': action<WithdrawalConfirm>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ id: Id }),
  }),
  'withdrawal.cancel': action<WithdrawalView>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ id: Id }),
  }),
  'admin.withdrawals.list': action<{ items: AdminWithdrawalRow[]; cursor: string | null }>()({
    fn: 'admin',
    audience: { admin: ['finance'] },
    input: v.strictObject({
      status: v.picklist(WITHDRAWAL_QUEUE_TABS),
      cursor: v.optional(Cursor),
      pageSize: v.optional(PageSize),
    }),
  }),
  /** Approves and creates the transfer bill (out_bill_no = the withdrawal id); approving again changes nothing. */
  'admin.withdrawals.approve': action<AdminWithdrawalRow>()({
    fn: 'admin',
    audience: { admin: ['finance'] },
    input: v.strictObject({ id: Id }),
  }),
  /** Only before payout (pending); the money returns to the wallet at once. */
  'admin.withdrawals.reject': action<AdminWithdrawalRow>()({
    fn: 'admin',
    audience: { admin: ['finance'] },
    input: v.strictObject({ id: Id, reason: Reason }),
  }),
}
