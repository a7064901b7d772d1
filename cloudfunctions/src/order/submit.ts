import type { ActionParsedInput, ErrorCode } from '@mall/contract'
import { releaseHoldings } from '@mall/domain'
import type { OrderDetail } from './types'
import type { Ctx } from '../router'
import { byId } from '../db'
import { changed } from './dbx'
import { AppError, fail } from '../errors'
import { mutateCart } from '../cart/store'
import { inTransaction, txGet } from '../flow/tx'
import { stepDoc, writeSteps } from '../flow/steps'
import { runSteps } from '../flow/run'
import { usePoints } from '../points/ledger'
import { lockCoupon } from './coupons'
import { effectStep } from './flow'
import { buildCheckout } from './checkout'
import { orderIdFor, orderNoFor } from './ids'
import { takeStock } from './inventory'
import { toDetail, type OrderDoc } from './model'
import { failCode } from './fail'
import { loadOrderSettings, type OrderSettings } from './settings'
import { asSealedPhone } from '../pii/phone'

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
  if (existing) return awaitOutcome(input, ctx, orderId, depth, settings)

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
      // the address's seal, copied: the snapshot never holds the number in plain text either
      phone: asSealedPhone(addr.phone),
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
    if (await byId(db.collection('orders'), orderId))
      return awaitOutcome(input, ctx, orderId, depth, settings)
    throw e
  }
  // From here on, what was taken is recorded where it was taken (SKU markers, the coupon's orderId, the
  // points entry): a failure, or a crash that the sweeper finds, releases exactly that.
  const taken = await takeStock(db, orderId, co.stockLines)
  if (!taken.ok) return abandonSubmit(ctx, order, taken.code, undefined, { skuId: taken.skuId })
  if (order.couponId && !(await lockCoupon(db, openid, order.couponId, orderId)))
    return abandonSubmit(ctx, order, 'COUPON_USED')
  if (order.pointsUsed > 0) {
    try {
      await usePoints(db, openid, orderId, order.pointsUsed, at)
    } catch (e) {
      if (e instanceof AppError) return abandonSubmit(ctx, order, e.code)
      throw e
    }
  }
  const placed = await changed(
    db
      .collection('orders')
      .where({ _id: orderId, status: 'submitting' })
      .update({ data: { status: 'awaitingPayment' } }),
  )
  // the sweeper gave up on this submit meanwhile (it ran far too long): it has released what it held
  if (placed !== 1) return fail('ORDER_SUBMIT_FAILED')
  order.status = 'awaitingPayment'
  if (co.fromCart) {
    const bought = new Set(co.stockLines.map((l) => l.skuId))
    await mutateCart(db, openid, at, (items) =>
      items.filter((i) => !(i.selected && bought.has(i.skuId))),
    ).catch(() => undefined)
  }
  return toDetail(order, at, settings)
}

/**
 * A submit that cannot finish: in one transaction the claim becomes `failed` (remembering why, which is
 * what a retry of the same requestId answers) and the steps that give back whatever it took are written.
 * Used by submit itself and by the sweeper for a submit that died.
 */
export async function abandonSubmit(
  ctx: Pick<Ctx, 'db' | 'now'>,
  order: Pick<OrderDoc, '_id'>,
  code: ErrorCode,
  message?: string,
  details?: unknown,
): Promise<never> {
  const { db } = ctx
  const at = ctx.now()
  const settings = await loadOrderSettings(db)
  const steps = await inTransaction(
    db,
    async (t) => {
      const o = await txGet<OrderDoc>(t, 'orders', order._id)
      if (!o || o.status !== 'submitting') return []
      const holdings = releaseHoldings({ hasCoupon: Boolean(o.couponId), pointsUsed: o.pointsUsed })
      const docs = holdings.map((e) => stepDoc(effectStep(e, o), 'order.submit', o._id, at))
      await t
        .collection('orders')
        .doc(o._id)
        .update({
          data: { status: 'failed', failure: { code, ...(message ? { message } : {}) }, updatedAt: at },
        })
      await writeSteps(t, docs)
      return docs
    },
    'order.submit.abandon',
  )
  await runSteps(db, settings, steps, at)
  return fail(code, message, details)
}

/** Another invocation owns this requestId: wait until it has finished, then answer what it produced. */
async function awaitOutcome(
  input: SubmitInput,
  ctx: Ctx,
  orderId: string,
  depth: number,
  settings: OrderSettings,
): Promise<OrderDetail> {
  for (let i = 0; i < 150; i++) {
    const o = await byId<OrderDoc>(ctx.db.collection('orders'), orderId)
    if (!o) {
      // The first attempt failed and withdrew its claim: run this one for real (bounded).
      if (depth < 2) return submitOrder(input, ctx, depth + 1)
      return fail('DUPLICATE_REQUEST')
    }
    if (o.openid !== ctx.openid) return fail('ORDER_NOT_FOUND')
    if (o.status === 'failed') return failCode(o.failure?.code ?? 'ORDER_SUBMIT_FAILED', o.failure?.message)
    if (o.status !== 'submitting') return toDetail(o, ctx.now(), settings)
    await sleep(100)
  }
  return fail('DUPLICATE_REQUEST')
}
