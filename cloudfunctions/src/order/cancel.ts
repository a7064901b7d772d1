import type { Ctx } from '../router'
import { first } from '../db'
import { fail } from '../errors'
import { closeOpenTrade } from '../pay/trade'
import { changeOrder } from './flow'
import { isHidden, type OrderDoc } from './model'
import { loadOrderSettings } from './settings'

/**
 * Shopper cancel: unpaid at any time; paid-but-not-shipped within the window (the domain's guard), with a
 * full refund to where the money came from. The effects (stock, coupon, points back; the refund record)
 * are steps written with the change, so they happen exactly once even if this invocation dies.
 */
export async function cancelOrder(ctx: Ctx, orderId: string, reason?: string): Promise<OrderDoc> {
  const { db, openid } = ctx
  const settings = await loadOrderSettings(db)
  const order = await first<OrderDoc>(db.collection('orders').where({ _id: orderId, openid }).limit(1))
  if (!order || isHidden(order)) return fail('ORDER_NOT_FOUND')
  const at = ctx.now()
  // An open WeChat trade is closed first; if the shopper paid meanwhile the order is paid, not cancelled.
  // A payment that still slips through (a trade too young to close) reaches payNotify and is refunded.
  if (order.status === 'awaitingPayment' && (await closeOpenTrade(db, settings, order, at)) === 'paid')
    return fail('ORDER_STATE_INVALID', '订单已支付，如需取消请在订单详情中操作')
  await changeOrder(db, settings, orderId, {
    event: 'cancel',
    ctx: { now: at, actor: 'shopper', ...(reason ? { reason } : {}) },
    flow: 'order.cancel',
    from: [order.status as never],
  })
  return (await first<OrderDoc>(db.collection('orders').where({ _id: orderId }).limit(1)))!
}
