import type { ActionParsedInput } from '@mall/contract'
import { aftersaleFinalStatuses } from '@mall/domain'
import type { OrderStatus } from './types'
import type { Ctx, Handler } from '../router'
import { decodeTimeIdCursor } from '../catalog/cursor'
import { first, list } from '../db'
import { fail } from '../errors'
import { addToCart } from '../cart/handlers'
import { buildCheckout } from './checkout'
import { cancelOrder } from './cancel'
import { changeOrder } from './flow'
import { isHidden, orderActionsOf, toDetail, toSummary, type OrderAftersaleRow, type OrderDoc } from './model'
import type { OrderWithAftersale } from '../aftersale/model'
import { loadOrderSettings } from './settings'
import { submitOrder } from './submit'
import { loadSkus } from './catalog'

const tabStatuses: Record<string, OrderStatus[]> = {
  all: [
    'awaitingPayment',
    'paid',
    'shipped',
    'received',
    'completed',
    'cancelled',
    'closed',
    'refunding',
    'refunded',
  ],
  awaitingPayment: ['awaitingPayment'],
  paid: ['paid'],
  shipped: ['shipped'],
  received: ['received', 'completed'],
  closedOrCancelled: ['cancelled', 'closed', 'refunding', 'refunded'],
}

export async function ownOrder(ctx: Ctx, orderId: string): Promise<OrderDoc> {
  const o = await first<OrderDoc>(
    ctx.db.collection('orders').where({ _id: orderId, openid: ctx.openid }).limit(1),
  )
  if (!o || isHidden(o)) return fail('ORDER_NOT_FOUND')
  return o
}

async function detailOf(ctx: Ctx, o: OrderDoc) {
  const [s, aftersales] = await Promise.all([
    loadOrderSettings(ctx.db),
    (o as OrderWithAftersale).aftersale?.seq
      ? list<OrderAftersaleRow>(
          ctx.db
            .collection('aftersales')
            .where({ openid: ctx.openid, orderId: o._id })
            .orderBy('createdAt', 'desc')
            .limit(50),
        )
      : Promise.resolve([]),
  ])
  return toDetail(o, ctx.now(), s, aftersales)
}

export const orderHandlers = {
  'order.preview': (async (input, ctx) => {
    const settings = await loadOrderSettings(ctx.db)
    return (await buildCheckout(ctx.db, ctx.openid, input, settings, ctx.now())).preview
  }) as Handler<'order.preview'>,

  'order.submit': ((input, ctx) => submitOrder(input, ctx)) as Handler<'order.submit'>,

  'order.list': (async (input: ActionParsedInput<'order.list'>, ctx) => {
    const _ = ctx.db.command
    const size = input.pageSize ?? 10
    // cursor = "<createdAt>_<id>" of the last row: stable when two orders share a millisecond
    const c = input.cursor ? decodeTimeIdCursor(input.cursor) : null
    const base = { openid: ctx.openid, status: _.in(tabStatuses[input.tab ?? 'all']) }
    const where = c
      ? _.and([base, _.or([{ createdAt: _.lt(c.at) }, { createdAt: c.at, _id: _.lt(c.id) }])])
      : base
    const rows = await list<OrderDoc>(
      ctx.db
        .collection('orders')
        .where(where)
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(size + 1),
    )
    const page = rows.slice(0, size)
    const last = page[page.length - 1]
    const settings = await loadOrderSettings(ctx.db)
    const now = ctx.now()
    return {
      items: page.map((o) => ({ ...toSummary(o), can: orderActionsOf(o, now, settings) })),
      cursor: rows.length > size && last ? `${last.createdAt}_${last._id}` : null,
    }
  }) as Handler<'order.list'>,

  'order.counts': (async (_input, ctx) => {
    const _ = ctx.db.command
    const count = async (collection: string, where: object) =>
      ((await ctx.db.collection(collection).where(where).count()) as { total: number }).total
    // a badge counts exactly what its tab lists
    const orders = (tab: 'awaitingPayment' | 'paid' | 'shipped') =>
      count('orders', { openid: ctx.openid, status: _.in(tabStatuses[tab]) })
    const [awaitingPayment, paid, shipped, aftersale] = await Promise.all([
      orders('awaitingPayment'),
      orders('paid'),
      orders('shipped'),
      count('aftersales', { openid: ctx.openid, status: _.nin([...aftersaleFinalStatuses]) }),
    ])
    return { awaitingPayment, paid, shipped, aftersale }
  }) as Handler<'order.counts'>,

  'order.detail': (async (input, ctx) =>
    detailOf(ctx, await ownOrder(ctx, input.orderId))) as Handler<'order.detail'>,

  'order.status': (async (input, ctx) => {
    const o = await first<Pick<OrderDoc, 'status' | 'version' | 'updatedAt'>>(
      ctx.db
        .collection('orders')
        .where({ _id: input.orderId, openid: ctx.openid })
        .field({ status: true, version: true, updatedAt: true })
        .limit(1),
    )
    if (!o || isHidden(o)) return fail('ORDER_NOT_FOUND')
    return { status: o.status, version: o.version, updatedAt: o.updatedAt }
  }) as Handler<'order.status'>,

  'order.cancel': (async (input, ctx) =>
    detailOf(ctx, await cancelOrder(ctx, input.orderId, input.reason))) as Handler<'order.cancel'>,

  'order.confirmReceipt': (async (input, ctx) => {
    const o = await ownOrder(ctx, input.orderId)
    const settings = await loadOrderSettings(ctx.db)
    await changeOrder(ctx.db, settings, o._id, {
      event: 'confirmReceipt',
      ctx: { now: ctx.now(), actor: 'shopper' },
      flow: 'order.confirmReceipt',
    })
    return detailOf(ctx, await ownOrder(ctx, o._id))
  }) as Handler<'order.confirmReceipt'>,

  'order.buyAgain': (async (input, ctx) => {
    const o = await ownOrder(ctx, input.orderId)
    const skus = await loadSkus(
      ctx.db,
      o.lines.map((l) => l.skuId),
    )
    const added: string[] = []
    const skipped: Array<{ skuId: string; code: string }> = []
    const ok: Array<{ skuId: string; quantity: number }> = []
    for (const l of o.lines) {
      const s = skus.get(l.skuId)
      if (!s) skipped.push({ skuId: l.skuId, code: 'SKU_NOT_FOUND' })
      else if (!s.onShelf) skipped.push({ skuId: l.skuId, code: 'SKU_OFF_SHELF' })
      else if (s.stock <= 0) skipped.push({ skuId: l.skuId, code: 'OUT_OF_STOCK' })
      else {
        ok.push({ skuId: l.skuId, quantity: Math.min(l.quantity, s.stock) })
        added.push(l.skuId)
      }
    }
    if (ok.length) await addToCart(ctx, ok, skus, true)
    return { added, skipped }
  }) as Handler<'order.buyAgain'>,
}
