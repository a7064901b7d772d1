import { isErrorCode } from '@mall/contract'
import type { Ctx } from '../router'
import { AppError, fail } from '../errors'
import { log } from '../log'
import { outboxEntry } from '../outbox/outbox'
import type { OrderDoc } from '../order/model'
import type { TxLike } from '../order/cancel'
import { consumeCoupon } from '../order/effects'
import { transition } from '@mall/domain'
import { loadOrderSettings, timingOf } from '../order/settings'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Wallet payment in ONE transaction of single-document operations (no where() inside transactions):
 * order awaitingPayment -> paid, wallet balance decrement (refused when it would go negative), the immutable
 * ledger entry `pay_<orderId>` (its _id is the idempotency key) and the outbox entry. The database's write
 * locks make concurrent payments on one wallet serialise; lost races are retried here until each payment
 * has a definite answer.
 */
export async function payWithBalance(
  ctx: Ctx,
  orderId: string,
): Promise<{ status: 'paid'; balance: number }> {
  const { db, openid } = ctx
  const _ = db.command
  const config = timingOf(await loadOrderSettings(db))
  for (let attempt = 0; ; attempt++) {
    const at = ctx.now()
    let balanceAfter = 0
    let paidOrder: OrderDoc | undefined
    try {
      await db.runTransaction(async (t: TxLike) => {
        const o = (
          await t
            .collection('orders')
            .doc(orderId)
            .get()
            .catch(() => ({ data: null }))
        ).data as OrderDoc | null
        if (!o || o.openid !== openid || o.status === 'submitting') throw new AppError('ORDER_NOT_FOUND')
        if (o.status !== 'awaitingPayment')
          throw new AppError(o.status === 'paid' ? 'DUPLICATE_REQUEST' : 'ORDER_STATE_INVALID')
        if (o.expireAt <= at) throw new AppError('PAYMENT_CLOSED')
        const amount = o.totals.payable
        const tr = transition({ status: o.status, payable: amount, createdAt: o.createdAt }, 'pay', {
          now: at,
          actor: 'system',
          paidAmount: amount,
          paymentMethod: 'balance',
          config,
        })
        if (!tr.ok) throw new AppError(isErrorCode(tr.error.code) ? tr.error.code : 'ORDER_STATE_INVALID')
        const w = (
          await t
            .collection('wallets')
            .doc(openid)
            .get()
            .catch(() => ({ data: null }))
        ).data as {
          balance?: number
        } | null
        const balance = w?.balance ?? 0
        if (!w || balance < amount) throw new AppError('BALANCE_INSUFFICIENT')
        balanceAfter = balance - amount
        await t
          .collection('orders')
          .doc(orderId)
          .update({
            data: {
              ...tr.value.patch,
              status: tr.value.to,
              version: _.inc(1),
              updatedAt: at,
              payment: _.set({ method: 'balance', paidAt: at }),
              timeline: _.push([tr.value.timelineEntry]),
            },
          })
        await t
          .collection('wallets')
          .doc(openid)
          .update({ data: { balance: _.inc(-amount), updatedAt: at } })
        await t.collection('ledger').add({
          data: {
            _id: `pay_${orderId}`,
            walletId: openid,
            openid,
            amount: -amount,
            kind: 'pay',
            ref: orderId,
            at,
            balanceAfter,
          },
        })
        await t
          .collection('outbox')
          .add({ data: outboxEntry(`paid_${orderId}`, 'order.paid', { orderId, openid }, at) })
        paidOrder = o
      }, 1)
      await consumeCoupon(db, paidOrder!)
      return { status: 'paid', balance: balanceAfter }
    } catch (e) {
      if (e instanceof AppError) throw e
      if (attempt >= 40) {
        log('pay.balance.gaveUp', { orderId, error: String((e as Error)?.message ?? e) })
        return fail('CONFLICT')
      }
      await sleep(10 + Math.random() * 20 * Math.min(attempt + 1, 10))
    }
  }
}
