import type { Ctx } from '../router'
import type { Database } from '../cloud'
import { first } from '../db'
import { AppError, fail } from '../errors'
import { log } from '../log'
import { closeOrder, queryOrder } from '../pay/cloudpay'
import { refundWechat, settleWechatPayment } from '../pay/settle'
import { applyTransition, releaseOrderHoldings } from './effects'
import { failCode } from './fail'
import type { OrderDoc } from './model'
import { loadOrderSettings, type OrderSettings } from './settings'

/**
 * Shopper cancel: unpaid at any time; paid-but-not-shipped within the window (the domain's guard), with a
 * full refund to where the money came from. Stock, coupon and points go back once, by the caller that won
 * the transition.
 */
export async function cancelOrder(ctx: Ctx, orderId: string, reason?: string): Promise<OrderDoc> {
  const { db, openid } = ctx
  const settings = await loadOrderSettings(db)
  const order = await first<OrderDoc>(db.collection('orders').where({ _id: orderId, openid }).limit(1))
  if (!order || order.status === 'submitting') return fail('ORDER_NOT_FOUND')
  const at = ctx.now()
  if (
    order.status === 'awaitingPayment' &&
    order.payment?.prepayId &&
    (await paidMeanwhile(db, settings, order, at))
  )
    return fail('ORDER_STATE_INVALID', '订单已支付，如需取消请在订单详情中操作')
  const r = await applyTransition(db, order, 'cancel', settings, {
    now: at,
    actor: 'shopper',
    ...(reason ? { reason } : {}),
  })
  if (!r.ok) return failCode(r.code, r.message)
  await releaseOrderHoldings(db, order)
  // A payment that still slips through reaches payNotify, which refunds it (the order has ended).
  if (order.status !== 'awaitingPayment') await refundPaidOrder(db, settings, r.order, at)
  return (await first<OrderDoc>(db.collection('orders').where({ _id: orderId }).limit(1)))!
}

/**
 * Before cancelling an order with a WeChat prepay: close the trade (allowed 5 minutes after the prepay) or
 * at least ask for it. ORDERPAID / SUCCESS means the shopper has paid: settle it instead, never release.
 */
async function paidMeanwhile(db: Database, s: OrderSettings, order: OrderDoc, at: number): Promise<boolean> {
  if (at - (order.payment?.prepayAt ?? order.createdAt) >= 5 * 60_000) {
    const c = await closeOrder(order._id, s.subMchId)
    if (c !== 'paid') return false
  }
  const q = await queryOrder(order._id, s.subMchId).catch(() => undefined)
  if (q?.tradeState !== 'SUCCESS') return false
  await settleWechatPayment(db, s, order._id, q, at)
  return true
}

export async function refundPaidOrder(db: Database, settings: OrderSettings, order: OrderDoc, at: number) {
  if (order.payment?.method === 'balance') {
    await refundToWallet(db, order, at)
    await applyTransition(
      db,
      order,
      'refundSucceeded',
      settings,
      { now: at, actor: 'system' },
      {
        refund: { refundNo: `refund_${order._id}`, amount: order.totals.payable, status: 'success' },
      },
    )
  } else await refundWechat(db, settings, order, at, 'cancel')
}

/**
 * Wallet refund in one transaction: the immutable ledger entry `refund_<orderId>` (idempotency key) and the
 * wallet credit. A second attempt finds the entry and changes nothing.
 */
export async function refundToWallet(db: Database, order: OrderDoc, at: number): Promise<void> {
  const _ = db.command
  const amount = order.totals.payable
  const entryId = `refund_${order._id}`
  for (let attempt = 0; attempt < 30; attempt++) {
    try {
      await db.runTransaction(async (t: TxLike) => {
        const existing = await t
          .collection('ledger')
          .doc(entryId)
          .get()
          .catch(() => ({ data: null }))
        if (existing.data) return
        const w = await t
          .collection('wallets')
          .doc(order.openid)
          .get()
          .catch(() => ({ data: null }))
        const balance = (w.data as { balance?: number } | null)?.balance ?? 0
        await t.collection('ledger').add({
          data: {
            _id: entryId,
            walletId: order.openid,
            openid: order.openid,
            amount,
            kind: 'refund',
            ref: order._id,
            at,
            balanceAfter: balance + amount,
          },
        })
        if (w.data)
          await t
            .collection('wallets')
            .doc(order.openid)
            .update({ data: { balance: _.inc(amount), updatedAt: at } })
        else
          await t.collection('wallets').add({
            data: { _id: order.openid, openid: order.openid, balance: amount, frozen: 0, updatedAt: at },
          })
      }, 1)
      return
    } catch (e) {
      if (e instanceof AppError) throw e
      log('wallet.refund.retry', { orderId: order._id, attempt, error: String((e as Error)?.message ?? e) })
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 30 * Math.min(attempt + 1, 10)))
    }
  }
  fail('CONFLICT')
}

/** The parts of wx-server-sdk's transaction object used here. */
export interface TxLike {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: unknown }>
      update(p: { data: object }): Promise<unknown>
    }
    add(p: { data: object }): Promise<unknown>
  }
}
