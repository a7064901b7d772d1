import * as v from 'valibot'
import { Cursor, Id } from '../common'
import { action } from '../define'

/** Whom the parcel goes to, in full: the one merchant screen that opens the receiver's phone. */
export interface AdminOrderReceiver {
  orderId: string
  orderNo: string
  name: string
  phone: string
  /** province city district detail */
  address: string
  postalCode: string | null
}

/** What one run of the phone migration did, per collection. */
export interface PiiMigrateCounts {
  /** documents read */
  scanned: number
  /** plain phones sealed */
  sealed: number
  /** seals renewed: an older key (rotation) or an older hash key */
  resealed: number
  /** a phone left as it was: changed by someone else meanwhile (the next run looks again), or unreadable */
  skipped: number
}

export interface PiiMigrateResult {
  counts: Record<string, PiiMigrateCounts>
  /** where the next run goes on; null when every collection was read to the end */
  cursor: string | null
  done: boolean
}

export const piiActions = {
  /** The receiver of a paid order with the phone opened, for the ship form (and the waybill). */
  'admin.orders.receiver': action<AdminOrderReceiver>()({
    fn: 'admin',
    audience: { admin: ['operator'] },
    input: v.strictObject({ orderId: Id }),
  }),
  /**
   * One-off (and rotation) job: seals every plain phone at rest and renews seals made with an older key.
   * Bounded per call; run again with the answered cursor until `done`. Safe to run any number of times.
   */
  'admin.pii.migrate': action<PiiMigrateResult>()({
    fn: 'admin',
    audience: { admin: ['owner'] },
    input: v.strictObject({
      cursor: v.optional(Cursor),
      /** documents read at most by this call (default 1000); the cursor says where the next goes on */
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2000))),
    }),
  }),
}
