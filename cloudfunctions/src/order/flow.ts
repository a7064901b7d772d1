import {
  orderEffects,
  transition,
  type OrderEffect,
  type OrderEvent,
  type OrderStatus,
  type TransitionContext,
} from '@mall/domain'
import type { Database } from '../cloud'
import { fail } from '../errors'
import { inTransaction, txGet, type Tx } from '../flow/tx'
import { stepDoc, writeSteps, type Step, type StepDoc } from '../flow/steps'
import { runSteps } from '../flow/run'
import { capturedPayment, createRefund } from '../pay/records'
import { failCode } from './fail'
import { isHidden, type OrderDoc } from './model'
import { timingOf, type OrderSettings } from './settings'
import { aftersaleGuard, type OrderWithAftersale } from '../aftersale/model'

export interface OrderChange {
  event: OrderEvent
  ctx: Omit<TransitionContext, 'config'>
  /** names the flow on its steps (dev console, dead letters) */
  flow: string
  /** only from these statuses (a caller that decided on a status it read) */
  from?: OrderStatus[]
  /** checks on the order as the transaction reads it, before anything is decided */
  guard?: (o: OrderDoc) => void
  /** fields written with the status (payment details, refund summary) */
  set?: (o: OrderDoc) => Record<string, unknown>
  /** more writes in the same transaction (wallet debit, payment capture); may add steps */
  alongside?: (t: Tx, o: OrderDoc, to: OrderStatus) => Promise<StepDoc[] | void>
  /** the payment a refundPayment effect gives back (default: the order's captured one) */
  paymentId?: string
}

/**
 * The only way an order changes status. In ONE transaction: the domain's transition (table + guards), the
 * new status with its patch and timeline entry, whatever the caller writes alongside, and the steps of
 * the transition's effects (`orderEffects`, data in the domain); refunds are created as records there
 * too. Then the steps run at once; a crash leaves them pending for the cron sweeper.
 */
export async function changeOrder(
  db: Database,
  settings: OrderSettings,
  orderId: string,
  change: OrderChange,
): Promise<{ to: OrderStatus; steps: StepDoc[] }> {
  const at = change.ctx.now
  const out = await inTransaction(
    db,
    async (t) => {
      const o = await txGet<OrderDoc>(t, 'orders', orderId)
      if (!o || isHidden(o)) return fail('ORDER_NOT_FOUND')
      const from = o.status as OrderStatus
      change.guard?.(o)
      aftersaleGuard(o as OrderWithAftersale, change.event)
      if (change.from && !change.from.includes(from)) return fail('ORDER_STATE_INVALID')
      const r = transition(
        {
          status: from,
          payable: o.totals.payable,
          createdAt: o.createdAt,
          ...(o.paidAt !== undefined ? { paidAt: o.paidAt } : {}),
          ...(o.shippedAt !== undefined ? { shippedAt: o.shippedAt } : {}),
          ...(o.receivedAt !== undefined ? { receivedAt: o.receivedAt } : {}),
        },
        change.event,
        { ...change.ctx, config: timingOf(settings) },
      )
      if (!r.ok) return failCode(r.error.code, r.error.message)
      const { to, patch, timelineEntry } = r.value
      const extra = change.set?.(o) ?? {}
      const steps = (await change.alongside?.(t, o, to)) ?? []
      const effects = orderEffects(from, change.event, to, {
        paymentMethod: change.ctx.paymentMethod ?? o.payment?.method,
        hasCoupon: Boolean(o.couponId),
        pointsUsed: o.pointsUsed,
      })
      for (const e of effects) {
        if (e !== 'refundPayment') steps.push(stepDoc(effectStep(e, o), change.flow, o._id, at))
        else {
          const payment = await capturedPayment(t, change.paymentId ?? o.payment?.paymentId)
          if (!payment) return fail('ORDER_STATE_INVALID', '订单没有可退款的支付')
          steps.push(
            await createRefund(t, payment, {
              reason: from === 'paid' ? 'cancel' : 'late',
              amount: payment.amount - (payment.refunded ?? 0),
              settlesOrder: true,
              flow: change.flow,
              at,
            }),
          )
        }
      }
      const _ = db.command
      await t
        .collection('orders')
        .doc(orderId)
        .update({
          data: {
            ...patch,
            ...extra,
            status: to,
            updatedAt: at,
            version: _.inc(1),
            timeline: _.push([timelineEntry]),
          },
        })
      await writeSteps(t, steps)
      return { to, steps }
    },
    `order.${change.event}`,
  )
  await runSteps(db, settings, out.steps, at)
  return out
}

const stockLines = (o: OrderDoc) =>
  o.lines.map((l) => ({ skuId: l.skuId, spuId: l.spuId, quantity: l.quantity }))

/** Each effect as a step, keyed by the order: the same effect of the same order is one step. */
export function effectStep(e: Exclude<OrderEffect, 'refundPayment'>, o: OrderDoc): Step {
  const key = `${o._id}:${e}`
  switch (e) {
    case 'releaseStock':
      return { key, kind: 'stock.release', payload: { orderId: o._id, lines: stockLines(o) } }
    case 'settleStock':
      return { key, kind: 'stock.settle', payload: { orderId: o._id, lines: stockLines(o) } }
    case 'releaseCoupon':
      return { key, kind: 'coupon.release', payload: { orderId: o._id, couponId: o.couponId } }
    case 'consumeCoupon':
      return { key, kind: 'coupon.consume', payload: { orderId: o._id, couponId: o.couponId } }
    case 'returnPoints':
      return { key, kind: 'points.return', payload: { orderId: o._id, openid: o.openid } }
    case 'notifyPaid':
      return { key, kind: 'message.send', payload: { event: 'order.paid', orderId: o._id } }
    case 'notifyShipped':
      return { key, kind: 'message.send', payload: { event: 'order.shipped', orderId: o._id } }
    case 'uploadShipping':
      return { key, kind: 'shipping.upload', payload: { orderId: o._id } }
    case 'restoreCoupon':
      return { key, kind: 'coupon.restore', payload: { orderId: o._id, couponId: o.couponId } }
    case 'earnRewards':
      return { key, kind: 'member.earn', payload: { orderId: o._id, openid: o.openid } }
  }
}
