import { proportionalPoints, unitsShare } from '@mall/domain'
import type { Database } from '../cloud'
import { byId } from '../db'
import { AppError } from '../errors'
import { inTransaction, txGet } from '../flow/tx'
import { pointsBook, postEntry } from '../ledger/books'
import { releaseCoupon } from '../order/coupons'
import { ms, type CouponDoc } from '../order/pricing'
import { changeOrder } from '../order/flow'
import type { StockLine } from '../order/inventory'
import type { OrderSettings } from '../order/settings'
import { clawbackRewards } from '../loyalty/clawback'
import { lineState, orderAftersale, refundedInFull, type OrderWithAftersale } from './model'

/**
 * Step `stock.return`: units come back on sale, once per (move, SKU): a `stockMoves` record is written in
 * the same transaction as the increment. Units still reserved for an unshipped order leave its `held`
 * marker too, so the shipment settles only what is left.
 */
export async function returnStock(
  db: Database,
  move: string,
  orderId: string,
  fromHold: boolean,
  lines: StockLine[],
  at: number,
) {
  const _ = db.command
  for (const l of lines)
    await inTransaction(
      db,
      async (t) => {
        const id = `${move}:${l.skuId}`
        if (await txGet(t, 'stockMoves', id)) return
        const sku = await txGet<{ held?: Record<string, number> }>(t, 'skus', l.skuId)
        if (!sku) return
        const held = sku.held?.[orderId]
        await t
          .collection('skus')
          .doc(l.skuId)
          .update({
            data: {
              stock: _.inc(l.quantity),
              sold: _.inc(-l.quantity),
              dirty: true,
              ...(fromHold && typeof held === 'number'
                ? { [`held.${orderId}`]: Math.max(0, held - l.quantity) }
                : {}),
            },
          })
        await t.collection('stockMoves').add({
          data: { _id: id, skuId: l.skuId, spuId: l.spuId, orderId, quantity: l.quantity, fromHold, at },
        })
      },
      'stock.return',
    )
}

/** The refunded units' share of the goods, over every line (after-sales bookkeeping on the order). */
const refundedShare = (o: OrderWithAftersale) =>
  o.lines.reduce((s, l) => s + unitsShare(l.payable, l.quantity, lineState(o, l.skuId).refundedQuantity), 0)

/**
 * Step `points.follow`: points the order spent come back (`return`), in proportion to the refunded units'
 * share, counted on the order so the whole order refunded moves exactly all of them, one ledger entry per
 * request, keyed by it. Points and growth the order earned on completion go (`clawback`,
 * loyalty/clawback.ts: in proportion to the money refunded since they were earned).
 */
export async function followPoints(
  db: Database,
  s: OrderSettings,
  orderId: string,
  aftersaleId: string,
  kind: 'return' | 'clawback',
  at: number,
) {
  if (kind === 'clawback') return clawbackRewards(db, s, orderId, aftersaleId, at)
  return inTransaction(
    db,
    async (t) => {
      const key = `pts_return_${orderId}_${aftersaleId}`
      if (await txGet(t, pointsBook.entries, key)) return 'done'
      const o = await txGet<OrderWithAftersale>(t, 'orders', orderId)
      if (!o) return 'nothing'
      const state = orderAftersale(o)
      const goods = o.lines.reduce((sum, l) => sum + l.payable, 0)
      const due = proportionalPoints(o.pointsUsed, refundedShare(o), goods, state.pointsReturned)
      if (due <= 0) return 'nothing'
      await postEntry(t, pointsBook, {
        _id: key,
        openid: o.openid,
        amount: due,
        kind: 'return',
        ref: orderId,
        at,
      })
      await t
        .collection('orders')
        .doc(orderId)
        .update({ data: { aftersale: { ...state, pointsReturned: state.pointsReturned + due } } })
      return 'posted'
    },
    'points.follow',
  )
}

/** Step `order.refundedInFull`: every unit refunded, so the order ends (a repeat finds it ended). */
export async function closeRefundedOrder(db: Database, s: OrderSettings, orderId: string, at: number) {
  try {
    await changeOrder(db, s, orderId, {
      event: 'refundedInFull',
      ctx: { now: at, actor: 'system' },
      flow: 'aftersale.refundedInFull',
      from: ['paid', 'shipped', 'received', 'completed'],
      guard: (o) => {
        if (!refundedInFull(o as OrderWithAftersale))
          throw new AppError('ORDER_STATE_INVALID', 'not refunded in full')
      },
    })
  } catch (e) {
    const o = await byId<{ status: string }>(db.collection('orders'), orderId)
    if (o?.status === 'refunded') return
    throw e
  }
}

/** Step `coupon.restore`: the whole order came back, so its coupon does, if it is still valid. */
export async function restoreCoupon(db: Database, couponId: string, orderId: string, at: number) {
  const c = await byId<CouponDoc>(db.collection('coupons'), couponId)
  if (!c || c.orderId !== orderId || ms(c.validTo, Infinity) <= at) return
  await releaseCoupon(db, couponId, orderId)
}
