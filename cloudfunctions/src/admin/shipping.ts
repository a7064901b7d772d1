import { getCloud, type Database } from '../cloud'
import { byId } from '../db'
import { changed } from '../order/dbx'
import type { OrderDoc } from '../order/model'
import { maskStoredPhone } from '../pii/phone'

/** RFC 3339 in China time, as upload_shipping_info wants. */
const rfc3339 = (at: number) => new Date(at + 8 * 3600_000).toISOString().slice(0, 19) + '+08:00'

/**
 * WeChat Pay orders must have their shipping uploaded or the merchant's funds stay frozen
 * (`/wxa/sec/order/upload_shipping_info`, cloud call `openapi.wxa.sec.order.uploadShippingInfo`). Step
 * `shipping.upload`: the outcome is recorded on the order; a failure throws, so the step is retried by the
 * sweeper (re-uploading the same shipment is allowed) and lands in the dead letters if it keeps failing.
 */
export async function uploadShipping(db: Database, orderId: string, at: number): Promise<void> {
  const o = await byId<OrderDoc>(db.collection('orders'), orderId)
  if (!o?.shipment || o.payment?.method !== 'wechat') return
  let error: unknown
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
          trackingNo: o.shipment.trackingNo,
          expressCompany: o.shipment.carrier,
          itemDesc: [...`${o.lines[0]?.title ?? '商品'}${o.lines.length > 1 ? '等' : ''}`]
            .slice(0, 100)
            .join(''),
          // WeChat asks for the receiver's contact masked (it is only a check for SF Express waybills)
          contact: { receiverContact: maskStoredPhone(o.address.phone) },
        },
      ],
      uploadTime: rfc3339(o.shippedAt ?? at),
      payer: { openid: o.openid },
    })
  } catch (e) {
    error = e
  }
  const message = error ? String((error as Error)?.message ?? error).slice(0, 200) : 'ok'
  await changed(
    db
      .collection('orders')
      .where({ _id: o._id })
      .update({ data: { shippingUpload: db.command.set({ at, ok: !error, message }) } }),
  )
  if (error) throw error
}
