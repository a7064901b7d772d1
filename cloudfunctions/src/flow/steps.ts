import type { Tx } from './tx'

/**
 * A step is one effect of a state change (give back stock, return a coupon, refund a payment, send a
 * message...). It is written in the same transaction as the change, in `outbox`, under a key derived from
 * what caused it, then run at once; the cron sweeper finishes whatever a crash left pending.
 */
export type StepKind =
  | 'stock.release'
  | 'stock.settle'
  | 'coupon.release'
  | 'coupon.consume'
  | 'points.return'
  | 'refund.submit'
  | 'message.send'
  | 'shipping.upload'
  | 'stock.return'
  | 'points.follow'
  | 'order.refundedInFull'
  | 'coupon.restore'
  | 'member.earn'
  | 'member.levelUp'

export interface Step {
  /** the idempotency key and the document _id */
  key: string
  kind: StepKind
  payload: Record<string, unknown>
}

export interface StepDoc extends Step {
  _id: string
  /** the flow that wrote it (order.cancel, pay.settle...), for the dev console and the dead-letter list */
  flow: string
  /** the order (or other record) it belongs to */
  ref: string
  status: 'pending' | 'done' | 'dead'
  attempts: number
  createdAt: number
  /** the sweeper takes it from then on: a grace period lets the writer run it first */
  nextAttemptAt: number
  doneAt?: number
  lastError?: string
}

/** The writer of a change runs its steps itself; the sweeper only steps in after this long. */
export const STEP_GRACE_MS = 30_000

export const stepDoc = (s: Step, flow: string, ref: string, at: number): StepDoc => ({
  ...s,
  _id: s.key,
  flow,
  ref,
  status: 'pending',
  attempts: 0,
  createdAt: at,
  nextAttemptAt: at + STEP_GRACE_MS,
})

/** Inside the change's transaction: the steps become durable exactly when the change does. */
export async function writeSteps(t: Tx, docs: StepDoc[]): Promise<void> {
  for (const d of docs) await t.collection('outbox').add({ data: d })
}
