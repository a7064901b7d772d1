import type { Handler } from '../router'
import { getCloud, type Database } from '../cloud'
import { byId, list } from '../db'
import { fail } from '../errors'
import { decodeTimeIdCursor } from '../catalog/cursor'
import { log } from '../log'
import { changed } from '../order/dbx'
import { applyTransition } from '../order/effects'
import { failCode } from '../order/fail'
import { maskPhone, toDetail, toSummary, type OrderDoc } from '../order/model'
import { loadOrderSettings } from '../order/settings'
import { enqueue } from '../outbox/outbox'
import type { AdminOrderRow } from '../order/types'

/** RFC 3339 in China time, as upload_shipping_info wants. */
const rfc3339 = (at: number) => new Date(at + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00'

/**
 * WeChat Pay orders must have their shipping uploaded or the merchant's funds stay frozen
 * (`/wxa/sec/order/upload_shipping_info`, cloud call `openapi.wxa.sec.order.uploadShippingInfo`).
 * The outcome is recorded on the order; a failure does not undo the shipment (it can be re-uploaded).
 */
async function uploadShipping(db: Database, o: OrderDoc, carrier: string, trackingNo: string, at: number) {
  let ok = true
  let message = 'ok'
  try {
    const openapi = (
      getCloud() as unknown as {
        openapi: { wxa: { sec: { order: { uploadShippingInfo(p: object): Promise<unknown> } } } }
      }
    ).openapi
    await openapi.wxa.sec.order.uploadShippingInfo({
      orderKey: { orderNumberType: 2, transactionId: o.payment?.transactionId ?? '' },
      logisticsType: 1,
      deliveryMode: 1,
      shippingList: [
        {
          trackingNo,
          expressCompany: carrier,
          itemDesc: [...`${o.lines[0]?.title ?? '商品'}${o.lines.length > 1 ? '等' : ''}`]
            .slice(0, 100)
            .join(''),
          contact: { receiverContact: maskPhone(o.address.phone) },
        },
      ],
      uploadTime: rfc3339(at),
      payer: { openid: o.openid },
    })
  } catch (e) {
    ok = false
    message = String((e as Error)?.message ?? e).slice(0, 200)
    log('admin.ship.upload.failed', { orderId: o._id, message })
  }
  await changed(
    db
      .collection('orders')
      .where({ _id: o._id })
      .update({ data: { shippingUpload: db.command.set({ at, ok, message }) } }),
  )
}

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
    if (!o || o.status === 'submitting') return fail('ORDER_NOT_FOUND')
    const settings = await loadOrderSettings(db)
    const at = ctx.now()
    const r = await applyTransition(db, o, 'ship', settings, {
      now: at,
      actor: 'merchant',
      shipment: { carrier: input.carrier, trackingNo: input.trackingNo },
    })
    if (!r.ok) return failCode(r.code, r.message)
    if (o.payment?.method === 'wechat') await uploadShipping(db, o, input.carrier, input.trackingNo, at)
    await enqueue(db, `shipped_${o._id}`, 'order.shipped', { orderId: o._id, openid: o.openid }, at)
    const fresh = (await byId<OrderDoc>(db.collection('orders'), o._id))!
    return toDetail(fresh, at, settings.cancelWindowMinutes * 60_000)
  }) as Handler<'admin.orders.ship'>,
}
