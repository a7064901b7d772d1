import type { AftersaleStatus } from '@mall/contract'

/** Banner colour per status: orange while someone must act, grey when it is over. */
export const statusTone = (s: AftersaleStatus): 'active' | 'done' | 'failed' =>
  s === 'refunded' ? 'done' : s === 'rejected' || s === 'closed' ? 'failed' : 'active'

export const REFUND_STATUS: Record<string, string> = {
  requested: '退款申请中',
  processing: '退款处理中',
  success: '退款成功',
  failed: '退款处理中',
}
export const CHANNEL = { wechat: '原路退回微信', balance: '退回余额' } as const
