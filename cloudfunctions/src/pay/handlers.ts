import type { Handler } from '../router'
import { changed } from '../order/dbx'
import { fail } from '../errors'
import { ownOrder } from '../order/handlers'
import { loadOrderSettings } from '../order/settings'
import { payWithBalance } from './balance'
import { queryOrder, unifiedOrder } from './cloudpay'
import { settleWechatPayment } from './settle'

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
    const outTradeNo = order._id
    const cashier = (prepayId: string) =>
      process.env.MALL_EMULATOR === '1'
        ? { cashierPath: `/__pay/cashier?prepayId=${encodeURIComponent(prepayId)}` }
        : {}
    const p = order.payment
    if (p?.method === 'wechat' && p.prepayId && p.params && at - (p.prepayAt ?? 0) < PREPAY_REUSE_MS)
      return { outTradeNo, totalFee, payment: p.params as never, ...cashier(p.prepayId) }
    const settings = await loadOrderSettings(db)
    const res = await unifiedOrder({
      outTradeNo,
      body: order.lines[0]?.title
        ? `${order.lines[0].title}${order.lines.length > 1 ? '等' : ''}`
        : '商城订单',
      totalFee,
      expireAt: order.expireAt,
      subMchId: settings.subMchId,
      ip: ctx.identity.source ? process.env.WX_CLIENTIP : undefined,
    }).catch(() => fail('PAYMENT_FAILED'))
    try {
      await db.collection('payments').add({
        data: {
          _id: outTradeNo,
          outTradeNo,
          orderId: order._id,
          openid: order.openid,
          amount: totalFee,
          state: 'created',
          createdAt: at,
          updatedAt: at,
        },
      })
    } catch {
      // one payment record per outTradeNo: it exists from an earlier attempt
    }
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
    if (order.status === 'awaitingPayment' && order.payment?.method === 'wechat' && order.payment.prepayId) {
      const settings = await loadOrderSettings(ctx.db)
      const q = await queryOrder(order._id, settings.subMchId).catch(() => undefined)
      if (q?.tradeState === 'SUCCESS') {
        await settleWechatPayment(ctx.db, settings, order._id, q, ctx.now())
        const again = await ownOrder(ctx, input.orderId)
        return { status: again.status as never, paid: again.status === 'paid' }
      }
    }
    const paid = !['awaitingPayment', 'cancelled', 'closed'].includes(order.status)
    return { status: order.status as never, paid }
  }) as Handler<'pay.query'>,
}
