import type { Handler } from '../router'
import { changed, done } from '../order/dbx'
import { fail } from '../errors'
import { ownOrder } from '../order/handlers'
import { loadOrderSettings } from '../order/settings'
import { payWithBalance } from './balance'
import { queryOrder, unifiedOrder } from './cloudpay'
import type { PaymentDoc } from './records'
import { settleWechatPayment } from './settle'
import { currentTrade } from './trade'

/** A prepay_id lives 2 h; reuse it while it is comfortably younger than that. */
const PREPAY_REUSE_MS = 100 * 60_000

export const payHandlers = {
  'pay.wechat': (async (input, ctx) => {
    const { db } = ctx
    const order = await ownOrder(ctx, input.orderId)
    const at = ctx.now()
    if (order.status !== 'awaitingPayment')
      fail(order.status === 'paid' ? 'DUPLICATE_REQUEST' : 'PAYMENT_CLOSED')
    if (order.expireAt <= at) fail('PAYMENT_CLOSED')
    const totalFee = order.totals.payable
    const { outTradeNo, trades } = currentTrade(order)
    const cashier = (prepayId: string) =>
      process.env.MALL_EMULATOR === '1'
        ? { cashierPath: `/__pay/cashier?prepayId=${encodeURIComponent(prepayId)}` }
        : {}
    const p = order.payment
    if (
      p?.method === 'wechat' &&
      p.outTradeNo === outTradeNo &&
      p.prepayId &&
      p.params &&
      at - (p.prepayAt ?? 0) < PREPAY_REUSE_MS
    )
      return { outTradeNo, totalFee, payment: p.params as never, ...cashier(p.prepayId) }
    const settings = await loadOrderSettings(db)
    // the record exists before the trade does, so any money WeChat collects for it finds its order
    const record: PaymentDoc = {
      _id: outTradeNo,
      channel: 'wechat',
      outTradeNo,
      orderId: order._id,
      openid: order.openid,
      amount: totalFee,
      state: 'created',
      refunded: 0,
      createdAt: at,
      updatedAt: at,
    }
    // one record per outTradeNo: it may exist from an earlier attempt
    await done(db.collection('payments').add({ data: record })).catch(() => undefined)
    const res = await unifiedOrder({
      outTradeNo,
      body: order.lines[0]?.title
        ? `${order.lines[0].title}${order.lines.length > 1 ? '等' : ''}`
        : '商城订单',
      // the trade number is the internal order id; the cashier shows the order number the shopper knows
      attach: order.orderNo,
      totalFee,
      expireAt: order.expireAt,
      subMchId: settings.subMchId,
      ip: ctx.identity.source ? process.env.WX_CLIENTIP : undefined,
    }).catch(() => fail('PAYMENT_FAILED'))
    const n = await changed(
      db
        .collection('orders')
        .where({ _id: order._id, status: 'awaitingPayment' })
        .update({
          data: {
            payment: db.command.set({
              method: 'wechat',
              outTradeNo,
              prepayId: res.prepayId,
              prepayAt: at,
              params: res.payment,
              trades,
            }),
            updatedAt: at,
          },
        }),
    )
    if (n !== 1) fail('PAYMENT_CLOSED')
    return { outTradeNo, totalFee, payment: res.payment as never, ...cashier(res.prepayId) }
  }) as Handler<'pay.wechat'>,

  'pay.balance': (async (input, ctx) => payWithBalance(ctx, input.orderId)) as Handler<'pay.balance'>,

  /** The client returned from requestPayment: ask WeChat (never the client) and settle if it is paid. */
  'pay.query': (async (input, ctx) => {
    const order = await ownOrder(ctx, input.orderId)
    const p = order.payment
    if (order.status === 'awaitingPayment' && p?.method === 'wechat' && p.prepayId && p.outTradeNo) {
      const settings = await loadOrderSettings(ctx.db)
      const q = await queryOrder(p.outTradeNo, settings.subMchId).catch(() => undefined)
      if (q?.tradeState === 'SUCCESS') {
        await settleWechatPayment(ctx.db, settings, p.outTradeNo, q, ctx.now())
        const again = await ownOrder(ctx, input.orderId)
        return { status: again.status as never, paid: again.status === 'paid' }
      }
    }
    const paid = !['awaitingPayment', 'cancelled', 'closed'].includes(order.status)
    return { status: order.status as never, paid }
  }) as Handler<'pay.query'>,
}
