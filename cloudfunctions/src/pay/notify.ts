import { getDb, identify } from '../cloud'
import { now } from '../clock'
import { log } from '../log'
import { loadOrderSettings } from '../order/settings'
import { queryOrder } from './cloudpay'
import { checkRefund } from './refunds'
import { settleWechatPayment } from './settle'

export interface NotifyAnswer {
  errcode: number
  errmsg: string
}

/**
 * The cloudPay callback function (payments AND refunds: both name `payNotify` as functionName, the event
 * shape tells them apart). Answer policy:
 * - not from WeChat Pay (`SOURCE !== 'wx_paycallback'`, e.g. a shopper invoking the function): refused,
 *   nothing read or changed, `{errcode: 403}` (WeChat never retries a client call, so no answer matters);
 * - handled, duplicate, late, unknown order, amount mismatch: `{errcode: 0}` — a retry cannot change the
 *   outcome (mismatches are recorded on the payment for a person to look at);
 * - not confirmed by queryOrder yet, or a transient failure: non-zero, so WeChat retries (the poller in
 *   `cron` also picks the order up).
 */
export async function handlePayNotify(event: unknown): Promise<NotifyAnswer> {
  const who = identify()
  if (who.source !== 'wx_paycallback') {
    log('pay.notify.rejected', { source: who.source ?? null })
    return { errcode: 403, errmsg: 'forbidden source' }
  }
  const e = (event && typeof event === 'object' ? event : {}) as Record<string, unknown>
  try {
    if (typeof e.outRefundNo === 'string' || typeof e.refundStatus === 'string') return await onRefund(e)
    return await onPayment(e)
  } catch (err) {
    log('pay.notify.error', { error: String((err as Error)?.stack ?? err) })
    return { errcode: -1, errmsg: 'temporary failure, retry' }
  }
}

async function onPayment(e: Record<string, unknown>): Promise<NotifyAnswer> {
  const outTradeNo = typeof e.outTradeNo === 'string' ? e.outTradeNo : ''
  if (!/^[0-9A-Za-z_-]{1,32}$/.test(outTradeNo)) return { errcode: 0, errmsg: 'ignored: no outTradeNo' }
  const db = getDb()
  const settings = await loadOrderSettings(db)
  // Never trust the event's fields: ask WeChat Pay what happened.
  const q = await queryOrder(outTradeNo, settings.subMchId)
  if (q.tradeState === 'NOTEXIST' || q.tradeState === 'ORDERNOTEXIST')
    return { errcode: 0, errmsg: 'ignored: unknown trade' }
  if (q.tradeState !== 'SUCCESS') return { errcode: 1, errmsg: `not paid yet (${q.tradeState})` }
  const outcome = await settleWechatPayment(db, settings, outTradeNo, q, now())
  log('pay.notify', { outTradeNo, outcome })
  return { errcode: 0, errmsg: outcome }
}

/** A refund callback names the refund; what happened is asked of queryRefund before anything changes. */
async function onRefund(e: Record<string, unknown>): Promise<NotifyAnswer> {
  const info = (e.reqInfo && typeof e.reqInfo === 'object' ? e.reqInfo : e) as Record<string, unknown>
  const refundNo = typeof info.outRefundNo === 'string' ? info.outRefundNo : ''
  if (!/^[0-9A-Za-z_|*@-]{1,64}$/.test(refundNo)) return { errcode: 0, errmsg: 'ignored: no outRefundNo' }
  const db = getDb()
  const settings = await loadOrderSettings(db)
  const status = await checkRefund(db, settings, refundNo, now())
  if (status === undefined) return { errcode: 0, errmsg: 'ignored: unknown refund' }
  // still processing by WeChat's own account: let it call again (the poller asks too)
  if (status === 'processing' || status === 'requested') return { errcode: 1, errmsg: `refund ${status}` }
  return { errcode: 0, errmsg: `refund ${status}` }
}
