import type { Database } from '../cloud'
import { list } from '../db'
import { log } from '../log'
import { changed } from '../order/dbx'
import type { OrderSettings } from '../order/settings'
import { stepHandlers } from './handlers'
import type { StepDoc } from './steps'

/** A step that failed this many times goes to the dead letters (status `dead`, with its last error). */
export const MAX_STEP_ATTEMPTS = 6
const backoffMs = (attempts: number) => Math.min(60, 2 ** attempts) * 60_000

async function runOne(db: Database, s: OrderSettings, d: StepDoc, at: number, attempts: number) {
  const _ = db.command
  try {
    await stepHandlers[d.kind](db, s, d.payload, at)
  } catch (e) {
    const error = String((e as Error)?.message ?? e).slice(0, 300)
    const dead = attempts >= MAX_STEP_ATTEMPTS
    log(dead ? 'step.dead' : 'step.failed', { step: d._id, kind: d.kind, attempts, error })
    await changed(
      db
        .collection('outbox')
        .where({ _id: d._id, status: 'pending' })
        .update({
          data: {
            attempts,
            lastError: error,
            nextAttemptAt: at + backoffMs(attempts),
            ...(dead ? { status: 'dead', deadAt: at } : {}),
          },
        }),
    ).catch(() => undefined)
    return false
  }
  await changed(
    db
      .collection('outbox')
      .where({ _id: d._id, status: 'pending' })
      .update({ data: { status: 'done', doneAt: at, attempts, lastError: _.remove() } }),
  )
  return true
}

/**
 * Runs the steps a change just wrote, in order, right after its transaction. Never throws: a step that
 * fails (or a crash before it finishes) stays pending and the sweeper takes it after the grace period.
 */
export async function runSteps(db: Database, s: OrderSettings, steps: StepDoc[], at: number): Promise<void> {
  for (const d of steps) await runOne(db, s, d, at, d.attempts + 1).catch(() => false)
}

/**
 * cron: finishes pending steps whose time has come (a crashed writer's, or a retry after backoff). Each is
 * claimed by a compare-and-set on its attempt count, so overlapping runs never both take it.
 */
export async function sweepSteps(db: Database, s: OrderSettings, at: number): Promise<number> {
  const _ = db.command
  const due = await list<StepDoc>(
    db
      .collection('outbox')
      .where({ status: 'pending', nextAttemptAt: _.lte(at) })
      .orderBy('nextAttemptAt', 'asc')
      .limit(50),
  )
  let done = 0
  for (const d of due) {
    const claimed = await changed(
      db
        .collection('outbox')
        .where({ _id: d._id, status: 'pending', attempts: d.attempts })
        .update({ data: { attempts: d.attempts + 1, nextAttemptAt: at + backoffMs(d.attempts + 1) } }),
    )
    if (claimed === 1 && (await runOne(db, s, d, at, d.attempts + 1))) done++
  }
  return done
}
