import type { Database } from '../cloud'
import { changed } from './dbx'
import { AVAILABLE_COUPON } from './pricing'

/**
 * A coupon is held by one order at a time: the coupon document itself records `orderId`, so locking,
 * releasing and consuming are single-document compare-and-sets that a retry can repeat safely.
 */
export async function lockCoupon(db: Database, openid: string, couponId: string, orderId: string) {
  const _ = db.command
  const n = await changed(
    db
      .collection('coupons')
      .where({ _id: couponId, openid, status: _.in(AVAILABLE_COUPON) })
      .update({ data: { status: 'locked', orderId } }),
  )
  return n === 1
}

export async function releaseCoupon(db: Database, couponId: string, orderId: string): Promise<void> {
  const _ = db.command
  await changed(
    db
      .collection('coupons')
      .where({ _id: couponId, status: _.in(['locked', 'used']), orderId })
      .update({ data: { status: 'unused', orderId: _.remove() } }),
  )
}

export async function consumeCoupon(db: Database, couponId: string, orderId: string): Promise<void> {
  await changed(
    db
      .collection('coupons')
      .where({ _id: couponId, status: 'locked', orderId })
      .update({ data: { status: 'used' } }),
  )
}
