import type { Database } from '../cloud'
import { AppError, fail } from '../errors'
import { log } from '../log'

/** The single-document operations a CloudBase transaction offers (no where() inside transactions). */
export interface Tx {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<{ data: unknown }>
      update(p: { data: object }): Promise<unknown>
      set(p: { data: object }): Promise<unknown>
      remove(): Promise<unknown>
    }
    add(p: { data: object }): Promise<unknown>
  }
}

/** A document read inside the transaction, or null when it does not exist (the SDK throws then). */
export async function txGet<T>(t: Tx, collection: string, id: string): Promise<(T & { _id: string }) | null> {
  try {
    return ((await t.collection(collection).doc(id).get()).data as (T & { _id: string }) | null) ?? null
  } catch {
    return null
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Runs `body` as one CloudBase transaction: every read is validated at commit, so a document another
 * caller changed meanwhile makes the whole body run again (a compare-and-set over several documents).
 * An AppError thrown by the body aborts without retry; conflicts are retried with jitter until a definite
 * answer, then CONFLICT.
 */
export async function inTransaction<R>(db: Database, body: (t: Tx) => Promise<R>, label: string): Promise<R> {
  for (let attempt = 0; ; attempt++) {
    let out: R | undefined
    try {
      await db.runTransaction(async (t: Tx) => {
        out = await body(t)
      }, 1)
      return out as R
    } catch (e) {
      if (e instanceof AppError) throw e
      if (attempt >= 40) {
        log('tx.gaveUp', { label, error: String((e as Error)?.message ?? e) })
        return fail('CONFLICT')
      }
      await sleep(5 + Math.random() * 15 * Math.min(attempt + 1, 10))
    }
  }
}
