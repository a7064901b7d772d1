import { createHash } from 'node:crypto'
import { aftersaleOffer, allocateRefund, type AftersaleType, type RefundableOrder } from '@mall/domain'
import { AFTERSALE_REASONS, type AftersaleOptions, type AftersaleQuote } from '@mall/contract'
import type { Ctx } from '../router'
import { byId } from '../db'
import { fail } from '../errors'
import { inTransaction, txGet } from '../flow/tx'
import { stepDoc, writeSteps } from '../flow/steps'
import { runSteps } from '../flow/run'
import { failCode } from '../order/fail'
import { isHidden } from '../order/model'
import type { OrderSettings } from '../order/settings'
import { checkText } from '../security/text'
import { checkPhotos } from '../security/media'
import {
  allowedTypes,
  dueOf,
  lineState,
  orderAftersale,
  windowEndsAt,
  type AftersaleDoc,
  type OrderWithAftersale,
} from './model'

/** Deterministic per (shopper, requestId): a repeated submit lands on the same request. */
export const aftersaleIdFor = (openid: string, requestId: string): string =>
  'a' + createHash('sha256').update(`aftersale\u0000${openid}\u0000${requestId}`).digest('hex').slice(0, 24)

export const refundable = (o: OrderWithAftersale): RefundableOrder => ({
  lines: o.lines.map((l) => {
    const st = lineState(o, l.skuId)
    return {
      skuId: l.skuId,
      quantity: l.quantity,
      payable: l.payable,
      refundedQuantity: st.refundedQuantity,
      refundedAmount: st.refundedAmount,
      open: st.open !== null,
    }
  }),
  shipping: o.totals.shipping,
  shippingRefunded: orderAftersale(o).shippingRefunded,
  shipped: o.shippedAt !== undefined,
})

async function ownOrder(ctx: Ctx, orderId: string): Promise<OrderWithAftersale> {
  const o = await byId<OrderWithAftersale>(ctx.db.collection('orders'), orderId)
  if (!o || o.openid !== ctx.openid || isHidden(o)) return fail('ORDER_NOT_FOUND')
  return o
}

function checkAllowed(o: OrderWithAftersale, s: OrderSettings, type: AftersaleType, now: number) {
  const types = allowedTypes(o, s, now)
  if (!types) {
    if (o.status === 'received' || o.status === 'completed') fail('AFTERSALE_WINDOW_CLOSED')
    fail('AFTERSALE_NOT_ALLOWED')
  }
  if (!types!.includes(type))
    fail(
      'AFTERSALE_NOT_ALLOWED',
      type === 'refundOnly' ? '已收货的订单请选择退货退款' : '订单尚未发货，请选择仅退款',
    )
}

export async function options(ctx: Ctx, s: OrderSettings, orderId: string): Promise<AftersaleOptions> {
  const o = await ownOrder(ctx, orderId)
  const types = allowedTypes(o, s, ctx.now()) ?? []
  return {
    orderId: o._id,
    orderNo: o.orderNo,
    lines: o.lines.map((l) => {
      const st = lineState(o, l.skuId)
      return {
        skuId: l.skuId,
        spuId: l.spuId,
        title: l.title,
        image: l.image,
        specs: l.specs,
        quantity: l.quantity,
        available: st.open || !types.length ? 0 : l.quantity - st.refundedQuantity,
        openAftersaleId: st.open,
      }
    }),
    types,
    reasons: [...AFTERSALE_REASONS],
    windowEndsAt: windowEndsAt(o, s),
  }
}

type Lines = Array<{ skuId: string; quantity: number }>

export async function quote(
  ctx: Ctx,
  s: OrderSettings,
  input: { orderId: string; type: AftersaleType; lines: Lines },
): Promise<AftersaleQuote> {
  const o = await ownOrder(ctx, input.orderId)
  checkAllowed(o, s, input.type, ctx.now())
  const r = aftersaleOffer(refundable(o), input.lines)
  if (!r.ok) return failCode(r.error.code, r.error.message)
  return { maxAmount: r.value.max, includesShipping: r.value.shipping > 0 }
}

export interface SubmitInput {
  orderId: string
  type: AftersaleType
  lines: Lines
  requestId: string
  reason: string
  description?: string
  photos?: string[]
  amount?: number
}

/**
 * A shopper's request. Text and photos go through content security first (a risky verdict refuses it and
 * nothing is written). Then ONE transaction re-reads the order, recomputes the offer from what it holds
 * (two requests for one line at once: the second finds the line taken), writes the request and takes its
 * lines on the order.
 */
export async function submit(ctx: Ctx, s: OrderSettings, input: SubmitInput): Promise<AftersaleDoc> {
  const id = aftersaleIdFor(ctx.openid, input.requestId)
  const existing = await byId<AftersaleDoc>(ctx.db.collection('aftersales'), id)
  if (existing) return existing
  const at = ctx.now()
  const o = await ownOrder(ctx, input.orderId)
  checkAllowed(o, s, input.type, at)
  const first = aftersaleOffer(refundable(o), input.lines)
  if (!first.ok) return failCode(first.error.code, first.error.message)
  if (input.amount !== undefined && input.amount > first.value.max) fail('AFTERSALE_AMOUNT_EXCEEDED')
  if (first.value.max <= 0) fail('AFTERSALE_NOT_ALLOWED', '这些商品没有可退的金额')
  const description = (input.description ?? '').trim()
  if (description) await checkText(ctx.openid, description, 2)
  const photos = await checkPhotos(
    ctx.db,
    ctx.openid,
    'aftersale',
    input.photos ?? [],
    { collection: 'aftersales', id },
    at,
  )
  const out = await inTransaction(
    ctx.db,
    async (t) => {
      const again = await txGet<AftersaleDoc>(t, 'aftersales', id)
      if (again) return { doc: again, steps: [] }
      const cur = await txGet<OrderWithAftersale>(t, 'orders', o._id)
      if (!cur) return fail('ORDER_NOT_FOUND')
      checkAllowed(cur, s, input.type, at)
      const offer = aftersaleOffer(refundable(cur), input.lines)
      if (!offer.ok) return failCode(offer.error.code, offer.error.message)
      const alloc = allocateRefund(offer.value, input.amount ?? offer.value.max)
      if (!alloc.ok) return failCode(alloc.error.code, alloc.error.message)
      const state = orderAftersale(cur)
      const seq = state.seq + 1
      const doc: AftersaleDoc = {
        _id: id,
        aftersaleNo: `AS${cur.orderNo}${String(seq).padStart(2, '0')}`,
        seq,
        orderId: cur._id,
        orderNo: cur.orderNo,
        openid: ctx.openid,
        requestId: input.requestId,
        type: input.type,
        status: 'requested',
        reason: input.reason,
        description,
        photos,
        lines: alloc.value.lines.map((l) => {
          const line = cur.lines.find((x) => x.skuId === l.skuId)!
          return {
            skuId: l.skuId,
            spuId: line.spuId,
            title: line.title,
            image: line.image,
            specs: line.specs,
            quantity: l.quantity,
            amount: l.amount,
          }
        }),
        amount: input.amount ?? offer.value.max,
        maxAmount: offer.value.max,
        shipping: alloc.value.shipping,
        requestedAt: at,
        dueAt: null,
        timeline: [],
        version: 0,
        createdAt: at,
        updatedAt: at,
      }
      doc.dueAt = dueOf(doc, s)?.at ?? null
      doc.timeline = [
        {
          at,
          from: 'requested',
          status: 'requested',
          event: 'request',
          actor: 'shopper',
          text: `您已申请${input.type === 'refundOnly' ? '仅退款' : '退货退款'}（${input.reason}）`,
        },
      ]
      const _ = ctx.db.command
      const data: Record<string, unknown> = {
        aftersale: { ...state, seq, open: state.open + 1 },
        updatedAt: at,
        version: _.inc(1),
      }
      for (const l of doc.lines) data[`afterLines.${l.skuId}`] = { ...lineState(cur, l.skuId), open: id }
      await t.collection('orders').doc(cur._id).update({ data })
      const { _id, ...rest } = doc
      await t.collection('aftersales').add({ data: { _id, ...rest } })
      const steps = [
        stepDoc(
          {
            key: `${id}:notify:requested`,
            kind: 'message.send',
            payload: { event: 'aftersale.progress', aftersaleId: id },
          },
          'aftersale.submit',
          id,
          at,
        ),
      ]
      await writeSteps(t, steps)
      return { doc, steps }
    },
    'aftersale.submit',
  )
  await runSteps(ctx.db, s, out.steps, at)
  return out.doc
}
