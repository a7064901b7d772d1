import type { Database } from '../cloud'

export interface OutboxEntry {
  _id: string
  kind: string
  payload: Record<string, unknown>
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  createdAt: number
  nextAttemptAt: number
  deliveredAt?: number
  lastError?: string
}

/**
 * Records a side effect to deliver later (cron relays at least once). The `_id` is the idempotency key, so
 * a retried caller that enqueues the same effect twice still leaves one entry.
 */
export async function enqueue(
  db: Database,
  id: string,
  kind: string,
  payload: Record<string, unknown>,
  at: number,
): Promise<boolean> {
  const entry: OutboxEntry = {
    _id: id,
    kind,
    payload,
    status: 'pending',
    attempts: 0,
    createdAt: at,
    nextAttemptAt: at,
  }
  try {
    await db.collection('outbox').add({ data: entry })
    return true
  } catch {
    return false // already there: the effect is recorded once
  }
}

export const outboxEntry = (
  id: string,
  kind: string,
  payload: Record<string, unknown>,
  at: number,
): OutboxEntry => ({
  _id: id,
  kind,
  payload,
  status: 'pending',
  attempts: 0,
  createdAt: at,
  nextAttemptAt: at,
})
