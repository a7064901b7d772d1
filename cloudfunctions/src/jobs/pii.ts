import type { PiiMigrateCounts, PiiMigrateResult } from '@mall/contract'
import type { Database } from '../cloud'
import { list } from '../db'
import { fail } from '../errors'
import { log } from '../log'
import { changed } from '../order/dbx'
import { isSealedPhone, resealPhone, sealPhone, type SealedPhone } from '../pii/phone'

/**
 * Where phones live at rest. Anything that stores a phone belongs here, so that one run of the migration
 * leaves none in plain text and a key rotation renews every seal.
 */
export const PHONE_FIELDS: ReadonlyArray<{ collection: string; path: string }> = [
  { collection: 'addresses', path: 'phone' },
  { collection: 'orders', path: 'address.phone' },
  { collection: 'aftersales', path: 'returnAddress.phone' },
  // settings/aftersale: the default return address
  { collection: 'settings', path: 'returnAddress.phone' },
  { collection: 'users', path: 'phone' },
]

/** Documents per query. */
const PAGE = 100
/** Documents read per call at most, by default. */
export const MIGRATE_LIMIT = 1000
/** A call also stops well inside the admin function's 20 s, and answers a cursor to go on from. */
const BUDGET_MS = 10_000

interface Position {
  /** index into PHONE_FIELDS */
  f: number
  /** the last `_id` done in that collection */
  id: string
}

const encode = (p: Position) => Buffer.from(JSON.stringify(p)).toString('base64url')

function decode(cursor: string): Position {
  try {
    const p = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Position
    if (Number.isInteger(p.f) && p.f >= 0 && p.f < PHONE_FIELDS.length && typeof p.id === 'string') return p
  } catch {
    // falls through to the refusal
  }
  return fail('INVALID_INPUT', '游标无效，请不带游标重新运行')
}

const at = (doc: Record<string, unknown>, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined),
      doc,
    )

/**
 * The one-off job that seals the phones written before phones were sealed, and the rotation job: pages
 * through every collection of PHONE_FIELDS by `_id`, seals each plain string and renews each seal made with
 * an older key (or hash key). Each write is a compare-and-set on the value it read, so a phone changed by a
 * shopper meanwhile is left to them (counted as skipped; the next run looks again). Idempotent: a second run
 * finds nothing to do. Resumable: a call stops after its time budget and answers the cursor to go on from;
 * without a cursor it starts over, which is merely slower.
 */
export async function migratePlainPhones(
  db: Database,
  opts: { cursor?: string; limit?: number; budgetMs?: number } = {},
): Promise<PiiMigrateResult> {
  const _ = db.command
  let left = opts.limit ?? MIGRATE_LIMIT
  const deadline = Date.now() + (opts.budgetMs ?? BUDGET_MS)
  const counts: Record<string, PiiMigrateCounts> = {}
  for (const f of PHONE_FIELDS) counts[f.collection] = { scanned: 0, sealed: 0, resealed: 0, skipped: 0 }
  let pos: Position = opts.cursor ? decode(opts.cursor) : { f: 0, id: '' }

  while (pos.f < PHONE_FIELDS.length) {
    if (left <= 0 || Date.now() > deadline) return finish(counts, pos)
    const batch = Math.min(PAGE, left)
    left -= batch
    const { collection, path } = PHONE_FIELDS[pos.f]!
    const c = counts[collection]!
    const page = await list<Record<string, unknown> & { _id: string }>(
      db
        .collection(collection)
        .where({ _id: _.gt(pos.id) })
        .orderBy('_id', 'asc')
        .limit(batch),
    )
    for (const doc of page) {
      c.scanned++
      const value = at(doc, path)
      let next: SealedPhone | undefined
      try {
        if (typeof value === 'string' && value.trim() !== '') next = sealPhone(value)
        else if (isSealedPhone(value)) next = resealPhone(value)
      } catch (e) {
        // unknown key id or a tampered seal: nothing to renew it from; reported without the value
        c.skipped++
        log('pii.migrate.unreadable', { collection, id: doc._id, error: String((e as Error)?.message ?? e) })
        continue
      }
      if (!next) continue
      // compare-and-set on what was read: the plain string itself, or the seal's ciphertext
      const where = isSealedPhone(value)
        ? { _id: doc._id, [`${path}.c`]: value.c }
        : { _id: doc._id, [path]: value }
      const n = await changed(
        db
          .collection(collection)
          .where(where)
          // set: replace the whole value; an update would otherwise merge an object into the old one
          .update({ data: { [path]: _.set(next) } }),
      )
      if (n !== 1) c.skipped++
      else if (typeof value === 'string') c.sealed++
      else c.resealed++
    }
    const last = page[page.length - 1]
    pos = page.length < batch || !last ? { f: pos.f + 1, id: '' } : { f: pos.f, id: last._id }
  }
  return finish(counts, pos)
}

function finish(counts: Record<string, PiiMigrateCounts>, pos: Position): PiiMigrateResult {
  const done = pos.f >= PHONE_FIELDS.length
  log('pii.migrate', { done, counts })
  return { counts, cursor: done ? null : encode(pos), done }
}
