/** Received orders and uploaded photos for the review tests (on top of the order fixtures). */
import type { TestEmulator } from '../helpers/emulator'
import { ok } from '../helpers/emulator'
import { ADMIN, adminCall, buyNow, putPhoto } from '../order/fixtures'

/** Bought, paid from the wallet, shipped by the merchant: the order is `shipped`. */
export async function shippedOrder(t: TestEmulator, openid: string, skuId: string): Promise<string> {
  const id = await buyNow(t, openid, skuId, 1)
  ok(await t.callAs(openid, 'pay.balance', { orderId: id }))
  const shipped = (await t.invoke(
    'admin',
    { action: 'admin.orders.ship', input: { orderId: id, carrier: '顺丰速运', trackingNo: 'SF1234567890' } },
    { openid: ADMIN, source: 'wx_client' },
  )) as { ok: boolean; code?: string }
  if (!shipped.ok) throw new Error(`ship failed: ${shipped.code}`)
  return id
}

/** ... and confirmed by the shopper: `received`, reviewable. */
export async function receivedOrder(t: TestEmulator, openid: string, skuId: string): Promise<string> {
  const id = await shippedOrder(t, openid, skuId)
  ok(await t.callAs(openid, 'order.confirmReceipt', { orderId: id }))
  return id
}

/** A photo in the shopper's own review folder. */
export const uploadPhoto = (t: TestEmulator, openid: string, name: string): string =>
  putPhoto(t, 'review', openid, name)

export { adminCall }
