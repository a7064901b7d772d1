import type { Database } from '../cloud'
import { changed } from '../order/dbx'
import type { OrderDoc } from '../order/model'
import type { OrderSettings } from '../order/settings'
import { closeOrder, queryOrder } from './cloudpay'
import { settleWechatPayment } from './settle'

/** WeChat refuses closeOrder until 5 minutes after the prepay was created. */
export const CLOSE_MIN_AGE_MS = 5 * 60_000

/** The WeChat trade an order would pay with now: a closed trade is never reused (WeChat refuses it). */
export function currentTrade(o: OrderDoc): { outTradeNo: string; trades: number } {
  const p = o.payment
  const trades = p?.trades ?? (p?.prepayId ? 1 : 0)
  if (p?.method === 'wechat' && p.outTradeNo && !p.closedAt) return { outTradeNo: p.outTradeNo, trades }
  return { outTradeNo: trades === 0 ? o._id : `${o._id}-${trades + 1}`, trades: trades + 1 }
}

export type TradeCheck = 'none' | 'closed' | 'paid' | 'tooEarly' | 'unknown'

/**
 * Before an unpaid order ends or is paid another way, its open WeChat trade must be closed: paid (SUCCESS,
 * or ORDERPAID on close) settles the order instead; closed is recorded on the order and the payment
 * record; WeChat refuses to close a trade younger than 5 minutes (tooEarly); unknown means ask again later.
 */
export async function closeOpenTrade(
  db: Database,
  s: OrderSettings,
  o: OrderDoc,
  at: number,
): Promise<TradeCheck> {
  const p = o.payment
  if (p?.method !== 'wechat' || !p.prepayId || !p.outTradeNo || p.closedAt) return 'none'
  const outTradeNo = p.outTradeNo
  const settleIfPaid = async () => {
    const q = await queryOrder(outTradeNo, s.subMchId).catch(() => undefined)
    if (q?.tradeState !== 'SUCCESS') return false
    await settleWechatPayment(db, s, outTradeNo, q, at)
    return true
  }
  if (await settleIfPaid()) return 'paid'
  if (at - (p.prepayAt ?? o.createdAt) < CLOSE_MIN_AGE_MS) return 'tooEarly'
  const c = await closeOrder(outTradeNo, s.subMchId)
  if (c === 'paid') return (await settleIfPaid()) ? 'paid' : 'unknown'
  if (c === 'retry') return 'unknown'
  await changed(
    db
      .collection('orders')
      .where({ _id: o._id, 'payment.outTradeNo': outTradeNo })
      .update({ data: { 'payment.closedAt': at, updatedAt: at } }),
  )
  await changed(
    db
      .collection('payments')
      .where({ _id: outTradeNo, state: 'created' })
      .update({ data: { state: 'closed', updatedAt: at } }),
  )
  return 'closed'
}
