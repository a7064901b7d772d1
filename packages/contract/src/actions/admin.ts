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

/** A step of the durable-effects outbox (cloudfunctions/src/flow): `<orderId>:<effect>`, `refund:<no>#n`. */
const StepId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_:#|*@-]{1,160}$/, '步骤编号格式不正确'))

export interface AdminStepRow {
  id: string
  kind: string
  /** what the step does, in the shop's words */
  kindLabel: string
  /** the change that wrote it (order.cancel, pay.settle ...) */
  flow: string
  /** the order (or other record) it belongs to */
  ref: string
  status: 'pending' | 'done' | 'dead'
  attempts: number
  lastError: string | null
  createdAt: number
  nextAttemptAt: number
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
  /** Dead letters (steps that kept failing) or steps still pending, newest first. */
  'admin.steps.list': action<{ items: AdminStepRow[] }>()({
    fn: 'admin',
    audience: { admin: ['operator', 'finance'] },
    input: v.strictObject({ status: v.picklist(['dead', 'pending']), pageSize: v.optional(PageSize) }),
  }),
  /** Runs a dead or pending step again now (every step is safe to repeat); answers how it went. */
  'admin.steps.replay': action<AdminStepRow>()({
    fn: 'admin',
    audience: { admin: ['operator', 'finance'] },
    input: v.strictObject({ stepId: StepId }),
  }),
}
