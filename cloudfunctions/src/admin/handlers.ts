import type { Handler } from '../router'
import { byId, list } from '../db'
import { fail } from '../errors'
import { decodeTimeIdCursor } from '../catalog/cursor'
import { changeOrder } from '../order/flow'
import { isHidden, toDetail, toSummary, type OrderDoc } from '../order/model'
import { maskStoredPhone, showPhone } from '../pii/phone'
import { migratePlainPhones } from '../jobs/pii'
import { log } from '../log'
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
        phoneMasked: maskStoredPhone(o.address.phone),
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
    return toDetail(fresh, at, settings, [], 'mask')
  }) as Handler<'admin.orders.ship'>,

  /**
   * The ship form's receiver, phone opened: the one merchant screen that shows it (lists and uploads get the
   * mask). Each opening is written to the audit log.
   */
  'admin.orders.receiver': (async (input, ctx) => {
    const o = await byId<OrderDoc>(ctx.db.collection('orders'), input.orderId)
    if (!o || isHidden(o)) return fail('ORDER_NOT_FOUND')
    const at = ctx.now()
    await ctx.db.collection('auditLog').add({
      data: {
        kind: 'pii.open',
        action: 'admin.orders.receiver',
        actor: ctx.openid,
        actorRoles: ctx.roles,
        target: o._id,
        at,
      },
    })
    const a = o.address
    return {
      orderId: o._id,
      orderNo: o.orderNo,
      name: a.name,
      phone: showPhone(a.phone),
      address: `${a.province}${a.city}${a.district}${a.detail}`,
      postalCode: a.postalCode || null,
    }
  }) as Handler<'admin.orders.receiver'>,

  /** The phone migration / key rotation (jobs/pii.ts), one bounded run; the owner repeats it until done. */
  'admin.pii.migrate': (async (input, ctx) => {
    const res = await migratePlainPhones(ctx.db, { cursor: input.cursor, limit: input.limit })
    log('admin.pii.migrate', { actor: ctx.openid, done: res.done })
    return res
  }) as Handler<'admin.pii.migrate'>,
}
