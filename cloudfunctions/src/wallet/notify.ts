import { getDb, identify } from '../cloud'
import { now } from '../clock'
import { byId } from '../db'
import { log } from '../log'
import { loadOrderSettings } from '../order/settings'
import { queryOrder } from '../pay/cloudpay'
import type { NotifyAnswer } from '../pay/notify'
import { settleRecharge, type RechargeDoc } from './recharge'

/**
 * The recharge trades' cloudPay callback (functionName `rechargeNotify`), kept apart from payNotify so an
 * order payment and a wallet top-up can never be mistaken for each other. Same answer policy as payNotify:
 * - not from WeChat Pay (`SOURCE !== 'wx_paycallback'`): refused with 403, nothing read or changed;
 * - credited, duplicate, unknown recharge, amount mismatch (an anomaly for finance): `{errcode: 0}`;
 * - not confirmed by queryOrder yet, or a transient failure: non-zero, so WeChat retries (the cron poller
 *   asks too).
 * Recharges are never refunded through cloudPay by this code, so a refund-shaped event is acknowledged
 * and ignored.
 */
export async function handleRechargeNotify(event: unknown): Promise<NotifyAnswer> {
  const who = identify()
  if (who.source !== 'wx_paycallback') {
    log('recharge.notify.rejected', { source: who.source ?? null })
    return { errcode: 403, errmsg: 'forbidden source' }
  }
  const e = (event && typeof event === 'object' ? event : {}) as Record<string, unknown>
  if (typeof e.outRefundNo === 'string' || typeof e.refundStatus === 'string' || e.reqInfo)
    return { errcode: 0, errmsg: 'ignored: refund event' }
  const outTradeNo = typeof e.outTradeNo === 'string' ? e.outTradeNo : ''
  if (!/^rc[0-9a-f]{24}$/.test(outTradeNo)) return { errcode: 0, errmsg: 'ignored: not a recharge' }
  try {
    const db = getDb()
    const r = await byId<RechargeDoc>(db.collection('recharges'), outTradeNo)
    if (!r) return { errcode: 0, errmsg: 'ignored: unknown recharge' }
    if (r.status === 'paid' || r.status === 'anomaly') return { errcode: 0, errmsg: 'duplicate' }
    const settings = await loadOrderSettings(db)
    // Never trust the event's fields: ask WeChat Pay what happened.
    const q = await queryOrder(outTradeNo, settings.subMchId)
    if (q.tradeState === 'NOTEXIST') return { errcode: 0, errmsg: 'ignored: unknown trade' }
    if (q.tradeState !== 'SUCCESS') return { errcode: 1, errmsg: `not paid yet (${q.tradeState})` }
    const outcome = await settleRecharge(db, outTradeNo, q, now())
    log('recharge.notify', { id: outTradeNo, outcome })
    return { errcode: 0, errmsg: outcome }
  } catch (err) {
    log('recharge.notify.error', { error: String((err as Error)?.stack ?? err) })
    return { errcode: -1, errmsg: 'temporary failure, retry' }
  }
}
