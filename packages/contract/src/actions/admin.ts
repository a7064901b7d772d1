import * as v from 'valibot'
import { Cursor, Id, PageSize } from '../common'
import { action } from '../define'
import type { OrderDetail, OrderSummary } from './order'

const Carrier = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(30))
const TrackingNo = v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9-]{4,40}$/, '运单号格式不正确'))

export interface AdminOrderRow extends OrderSummary {
  receiver: { name: string; phoneMasked: string; region: string }
  paidAt: number | null
  paymentMethod: 'wechat' | 'balance' | null
}

export const adminActions = {
  /** Paid orders waiting to be shipped, oldest first. */
  'admin.orders.list': action<{ items: AdminOrderRow[]; cursor: string | null }>()({
    fn: 'admin',
    audience: { admin: ['operator', 'service'] },
    input: v.strictObject({ cursor: v.optional(Cursor), pageSize: v.optional(PageSize) }),
  }),
  'admin.orders.ship': action<OrderDetail>()({
    fn: 'admin',
    audience: { admin: ['operator'] },
    input: v.strictObject({ orderId: Id, carrier: Carrier, trackingNo: TrackingNo }),
  }),
}
