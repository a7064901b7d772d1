import {
  aftersaleEffects,
  transitionAftersale,
  type AftersaleEffect,
  type AftersaleEvent,
  type AftersaleStatus,
  type AftersaleContext,
} from '@mall/domain'
import type { Database } from '../cloud'
import { byId } from '../db'
import { fail } from '../errors'
import { inTransaction, txGet } from '../flow/tx'
import { stepDoc, writeSteps, type Step, type StepDoc } from '../flow/steps'
import { runSteps } from '../flow/run'
import { failCode } from '../order/fail'
import { capturedPayment, createRefund } from '../pay/records'
import { aftersaleTimingOf, type OrderSettings } from '../order/settings'
import {
  dueOf,
  lineState,
  orderAftersale,
  refundedInFull,
  type AftersaleDoc,
  type OrderWithAftersale,
} from './model'

export interface AftersaleChange {
  event: AftersaleEvent
  ctx: Omit<AftersaleContext, 'config'>
  flow: string
  /** only the request's owner (shopper actions) */
  openid?: string
  /** only from these statuses (a caller that decided on a status it read) */
  from?: AftersaleStatus[]
  /** checks as the transaction reads the request and its order */
  guard?: (a: AftersaleDoc, o: OrderWithAftersale) => void
  /** fields written with the status */
  set?: (a: AftersaleDoc) => Partial<AftersaleDoc>
}

/**
 * The only way a request changes status, like changeOrder: in ONE transaction the domain's transition, the
 * request's new status and timeline, the order's line bookkeeping (a line is released when the request
 * ends; refunded units and fen are added when the refund succeeds), the refund record, and the steps of
 * the transition's effects; then the steps run at once and the cron sweeper finishes what a crash leaves.
 */
export async function changeAftersale(
  db: Database,
  s: OrderSettings,
  id: string,
  change: AftersaleChange,
): Promise<{ to: AftersaleStatus; doc: AftersaleDoc }> {
  const at = change.ctx.now
  const out = await inTransaction(
    db,
    async (t) => {
      const a = await txGet<AftersaleDoc>(t, 'aftersales', id)
      if (!a || (change.openid && a.openid !== change.openid)) return fail('AFTERSALE_NOT_FOUND')
      const o = await txGet<OrderWithAftersale>(t, 'orders', a.orderId)
      if (!o) return fail('ORDER_NOT_FOUND')
      if (change.from && !change.from.includes(a.status)) return fail('AFTERSALE_STATE_INVALID')
      change.guard?.(a, o)
      const r = transitionAftersale(a, change.event, { ...change.ctx, config: aftersaleTimingOf(s) })
      if (!r.ok) return failCode(r.error.code, r.error.message)
      const { to, timelineEntry } = r.value
      const next: AftersaleDoc = {
        ...a,
        ...(change.set?.(a) ?? {}),
        ...stamp(change.event, at),
        status: to,
        updatedAt: at,
      }
      const steps: StepDoc[] = []
      const effects = aftersaleEffects(a, change.event, to, { orderShipped: o.shippedAt !== undefined })
      for (const e of effects) {
        if (e === 'refundPayment') {
          const payment = await capturedPayment(t, o.payment?.paymentId)
          if (!payment) return fail('ORDER_STATE_INVALID', '订单没有可退款的支付')
          const step = await createRefund(t, payment, {
            reason: 'aftersale',
            amount: a.amount,
            settlesOrder: false,
            flow: change.flow,
            at,
            aftersale: { id: a._id, seq: a.seq },
          })
          next.refundNo = String(step.payload.refundNo)
          next.refundStatus = 'requested'
          next.channel = payment.channel
          steps.push(step)
        } else {
          const step = effectStep(e, next, o)
          if (step) steps.push(stepDoc(step, change.flow, a._id, at))
        }
      }
      await t
        .collection('orders')
        .doc(o._id)
        .update({ data: orderBookkeeping(db, next, o, to) })
      next.dueAt = dueOf(next, s)?.at ?? null
      next.version = a.version + 1
      next.timeline = [...a.timeline, timelineEntry]
      const { _id, ...rest } = next
      void _id
      await t.collection('aftersales').doc(id).set({ data: rest })
      await writeSteps(t, steps)
      return { to, steps, doc: next }
    },
    `aftersale.${change.event}`,
  )
  await runSteps(db, s, out.steps, at)
  // a wallet refund completes inside its step: answer the request as it stands after the steps
  const fresh = out.steps.length ? await byId<AftersaleDoc>(db.collection('aftersales'), id) : undefined
  return { to: out.to, doc: fresh ?? out.doc }
}

const stamp = (e: AftersaleEvent, at: number): Partial<AftersaleDoc> => {
  switch (e) {
    case 'approve':
    case 'autoApprove':
      return { approvedAt: at }
    case 'shipBack':
      return { shippedBackAt: at }
    case 'confirmReturn':
    case 'autoConfirmReturn':
      return { receivedAt: at }
    case 'refundSucceeded':
      return { refundedAt: at, refundStatus: 'success' }
    default:
      return { closedAt: at }
  }
}

/** What the order records when a request ends: the line is free again, and refunded units and fen add up. */
function orderBookkeeping(db: Database, a: AftersaleDoc, o: OrderWithAftersale, to: AftersaleStatus) {
  const _ = db.command
  const data: Record<string, unknown> = { updatedAt: a.updatedAt, version: _.inc(1) }
  if (to !== 'refunded' && to !== 'rejected' && to !== 'closed') return data
  const state = orderAftersale(o)
  for (const l of a.lines) {
    const cur = lineState(o, l.skuId)
    data[`afterLines.${l.skuId}`] = {
      refundedQuantity: cur.refundedQuantity + (to === 'refunded' ? l.quantity : 0),
      refundedAmount: cur.refundedAmount + (to === 'refunded' ? l.amount : 0),
      open: cur.open === a._id ? null : cur.open,
    }
  }
  data.aftersale = {
    ...state,
    open: Math.max(0, state.open - 1),
    ...(to === 'refunded'
      ? {
          refundedAmount: state.refundedAmount + a.amount,
          shippingRefunded: state.shippingRefunded || a.shipping > 0,
        }
      : {}),
  }
  return data
}

function effectStep(
  e: Exclude<AftersaleEffect, 'refundPayment'>,
  a: AftersaleDoc,
  o: OrderWithAftersale,
): Step | null {
  const key = `${a._id}:${e}`
  const units = (pick: (l: AftersaleDoc['lines'][number]) => number) =>
    a.lines.map((l) => ({ skuId: l.skuId, spuId: l.spuId, quantity: pick(l) })).filter((l) => l.quantity > 0)
  switch (e) {
    case 'releaseHeld':
      return {
        key,
        kind: 'stock.return',
        payload: { move: key, orderId: o._id, fromHold: true, lines: units((l) => l.quantity) },
      }
    case 'restock': {
      const lines = units((l) => l.received?.fine ?? l.quantity)
      return lines.length
        ? { key, kind: 'stock.return', payload: { move: key, orderId: o._id, fromHold: false, lines } }
        : null
    }
    case 'returnPoints':
      return o.pointsUsed > 0
        ? { key, kind: 'points.follow', payload: { orderId: o._id, aftersaleId: a._id, kind: 'return' } }
        : null
    case 'clawbackPoints':
      return { key, kind: 'points.follow', payload: { orderId: o._id, aftersaleId: a._id, kind: 'clawback' } }
    case 'closeOrderIfRefunded': {
      const after = { ...o, afterLines: { ...(o.afterLines ?? {}) } }
      for (const l of a.lines) {
        const cur = lineState(o, l.skuId)
        after.afterLines[l.skuId] = { ...cur, refundedQuantity: cur.refundedQuantity + l.quantity }
      }
      return refundedInFull(after)
        ? { key: `${o._id}:refundedInFull`, kind: 'order.refundedInFull', payload: { orderId: o._id } }
        : null
    }
    case 'notify':
      return {
        key: `${key}:${a.status}`,
        kind: 'message.send',
        payload: { event: 'aftersale.progress', aftersaleId: a._id },
      }
  }
}
