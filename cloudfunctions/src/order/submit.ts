import type { ActionParsedInput } from '@mall/contract'
import type { OrderDetail } from './types'
import type { Ctx } from '../router'
import { byId } from '../db'
import { changed } from './dbx'
import { AppError, fail } from '../errors'
import { mutateCart } from '../cart/store'
import { enqueue } from '../outbox/outbox'
import { buildCheckout } from './checkout'
import { orderIdFor, orderNoFor } from './ids'
import { giveBackStock, takeStock } from './inventory'
import { toDetail, type OrderDoc } from './model'
import { failCode } from './fail'
import { loadOrderSettings } from './settings'
import { AVAILABLE_COUPON } from './pricing'

type SubmitInput = ActionParsedInput<'order.submit'>

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * order.submit. Idempotent per (shopper, requestId): the order `_id` is derived from them, so a parallel or
 * repeated submit either finds the order or loses the insert race and waits for the winner's outcome.
 */
export async function submitOrder(input: SubmitInput, ctx: Ctx, depth = 0): Promise<OrderDetail> {
  const { db, openid } = ctx
  const orderId = orderIdFor(openid, input.requestId)
  const [settings, existing] = await Promise.all([
    loadOrderSettings(db),
    byId<OrderDoc>(db.collection('orders'), orderId),
  ])
  if (existing) return awaitOutcome(input, ctx, orderId, depth, settings.cancelWindowMinutes)

  const at = ctx.now()
  const co = await buildCheckout(db, openid, input, settings, at, { failFast: true })
  const { priced } = co
  const blocking = co.preview.problems[0]
  if (blocking)
    failCode(blocking.code, blocking.message, blocking.skuId ? { skuId: blocking.skuId } : undefined)
  if (!priced.lines.length) fail('CART_EMPTY')
  if (!co.address) fail('ADDRESS_REQUIRED')
  if (input.expectedPayable !== undefined && input.expectedPayable !== priced.totals.payable)
    fail('AMOUNT_MISMATCH', undefined, { payable: priced.totals.payable })
  const addr = co.address!

  const order: OrderDoc = {
    _id: orderId,
    orderNo: orderNoFor(orderId, at),
    openid,
    requestId: input.requestId,
    status: 'submitting',
    version: 1,
    lines: priced.lines,
    totals: priced.totals,
    breakdown: priced.breakdown,
    couponId: priced.couponId,
    pointsUsed: priced.pointsUsed,
    address: {
      name: addr.name,
      phone: addr.phone,
      province: addr.province,
      city: addr.city,
      district: addr.district,
      detail: addr.detail,
      ...(addr.postalCode ? { postalCode: addr.postalCode } : {}),
    },
    remark: input.remark ?? '',
    createdAt: at,
    updatedAt: at,
    expireAt: at + settings.timeoutMinutes * 60_000,
    timeline: [{ at, status: 'awaitingPayment', text: '订单已提交，等待付款' }],
    payment: null,
    refund: null,
  }
  try {
    await db.collection('orders').add({ data: order })
  } catch (e) {
    if (await byId(db.collection('orders'), orderId)) return awaitOutcome(input, ctx, orderId, depth, 0)
    throw e
  }

  const undo = async (stock: boolean, coupon: boolean) => {
    if (stock) await giveBackStock(db, co.stockLines)
    if (coupon && order.couponId)
      await db
        .collection('coupons')
        .where({ _id: order.couponId, status: 'locked', orderId })
        .update({ data: { status: 'unused', orderId: db.command.remove() } })
    await db.collection('orders').doc(orderId).remove()
  }
  const _ = db.command
  try {
    const taken = await takeStock(db, co.stockLines)
    if (!taken.ok) {
      await undo(false, false)
      return fail(taken.code, undefined, { skuId: taken.skuId })
    }
    if (order.couponId) {
      const n = await changed(
        db
          .collection('coupons')
          .where({ _id: order.couponId, openid, status: _.in(AVAILABLE_COUPON) })
          .update({ data: { status: 'locked', orderId } }),
      )
      if (n !== 1) {
        await undo(true, false)
        return fail('COUPON_USED')
      }
    }
    if (order.pointsUsed > 0) {
      const n = await changed(
        db
          .collection('users')
          .where({ _id: openid, points: _.gte(order.pointsUsed) })
          .update({ data: { points: _.inc(-order.pointsUsed) } }),
      )
      if (n !== 1) {
        await undo(true, true)
        return fail('POINTS_INSUFFICIENT')
      }
    }
  } catch (e) {
    if (!(e instanceof AppError)) await undo(true, true).catch(() => undefined)
    throw e
  }
  await db
    .collection('orders')
    .where({ _id: orderId, status: 'submitting' })
    .update({ data: { status: 'awaitingPayment' } })
  order.status = 'awaitingPayment'
  await enqueue(db, `created_${orderId}`, 'order.created', { orderId, openid }, at)
  if (co.fromCart) {
    const bought = new Set(co.stockLines.map((l) => l.skuId))
    await mutateCart(db, openid, at, (items) =>
      items.filter((i) => !(i.selected && bought.has(i.skuId))),
    ).catch(() => undefined)
  }
  return toDetail(order, at, settings.cancelWindowMinutes * 60_000)
}

/** Another invocation owns this requestId: wait until it has finished, then answer what it produced. */
async function awaitOutcome(
  input: SubmitInput,
  ctx: Ctx,
  orderId: string,
  depth: number,
  cancelWindowMinutes: number,
): Promise<OrderDetail> {
  const window = (cancelWindowMinutes || 30) * 60_000
  for (let i = 0; i < 150; i++) {
    const o = await byId<OrderDoc>(ctx.db.collection('orders'), orderId)
    if (!o) {
      // The first attempt failed and withdrew its claim: run this one for real (bounded).
      if (depth < 2) return submitOrder(input, ctx, depth + 1)
      return fail('DUPLICATE_REQUEST')
    }
    if (o.openid !== ctx.openid) return fail('ORDER_NOT_FOUND')
    if (o.status !== 'submitting') return toDetail(o, ctx.now(), window)
    await sleep(100)
  }
  return fail('DUPLICATE_REQUEST')
}
