import type { Handler } from '../router'
import { byId, list } from '../db'
import { fail } from '../errors'
import { decodeTimeIdCursor } from '../catalog/cursor'
import { changeOrder } from '../order/flow'
import { isHidden, maskPhone, toDetail, toSummary, type OrderDoc } from '../order/model'
import { loadOrderSettings } from '../order/settings'
import type { AdminOrderRow } from '../order/types'

export const adminHandlers = {
  'admin.orders.list': (async (input, ctx) => {
    const _ = ctx.db.command
    const size = input.pageSize ?? 20
    // cursor = "<paidAt>_<id>" of the last row, oldest paid first
    const c = input.cursor ? decodeTimeIdCursor(input.cursor) : null
    const where = c
      ? _.and([{ status: 'paid' }, _.or([{ paidAt: _.gt(c.at) }, { paidAt: c.at, _id: _.gt(c.id) }])])
      : { status: 'paid' }
    const rows = await list<OrderDoc>(
      ctx.db
        .collection('orders')
        .where(where)
        .orderBy('paidAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(size + 1),
    )
    const page = rows.slice(0, size)
    const items: AdminOrderRow[] = page.map((o) => ({
      ...toSummary(o),
      receiver: {
        name: [...o.address.name].slice(0, 1).join('') + '**',
        phoneMasked: maskPhone(o.address.phone),
        region: `${o.address.province}${o.address.city}${o.address.district}`,
      },
      paidAt: o.paidAt ?? null,
      paymentMethod: o.payment?.method ?? null,
    }))
    const last = page[page.length - 1]
    return { items, cursor: rows.length > size && last ? `${last.paidAt ?? 0}_${last._id}` : null }
  }) as Handler<'admin.orders.list'>,

  'admin.orders.ship': (async (input, ctx) => {
    const { db } = ctx
    const o = await byId<OrderDoc>(db.collection('orders'), input.orderId)
    if (!o || isHidden(o)) return fail('ORDER_NOT_FOUND')
    const settings = await loadOrderSettings(db)
    const at = ctx.now()
    // settle the held stock, upload shipping to WeChat (WeChat Pay orders), tell the shopper: all steps
    await changeOrder(db, settings, o._id, {
      event: 'ship',
      ctx: { now: at, actor: 'merchant', shipment: { carrier: input.carrier, trackingNo: input.trackingNo } },
      flow: 'admin.ship',
    })
    const fresh = (await byId<OrderDoc>(db.collection('orders'), o._id))!
    return toDetail(fresh, at, settings)
  }) as Handler<'admin.orders.ship'>,
}
