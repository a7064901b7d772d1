/**
 * The emulator's database.
 *
 * Why SQLite + mingo
 * ------------------
 * - The functions talk to CloudBase's document database through the real wx-server-sdk, which sends MongoDB-style
 *   queries, update operators and aggregation pipelines as EJSON. mingo implements those semantics (comparison,
 *   logical, array and element operators, update operators, projection, 90+ aggregation stages and expressions) in
 *   plain JS, so the emulator matches Mongo behaviour without reimplementing it, and runs with no MongoDB server to
 *   install. Script operators (`$where`, `$function`, `$accumulator`) are switched off.
 * - SQLite (better-sqlite3) gives durability and atomicity for free: WAL journal, every action and every transaction
 *   commit is one SQLite transaction, so `kill -9` loses at most the request in flight and a restart finds the data.
 *   It is one file under `.cloudbase/`, synchronous (no lost-update races inside the single emulator process: a
 *   conditional `where({stock: _.gte(1)}).update(...)` reads and writes without yielding), and fast enough for a
 *   million documents.
 * - Scale: each declared index becomes a SQLite expression index on `json_extract`; a small planner pushes the
 *   index-able part of a filter (equality, ranges, `$in` on declared keys and `_id`), and the sort when all its keys are
 *   indexed, into SQL. mingo re-checks every candidate row, so the SQL part only narrows the set; with the order coming
 *   from SQL, reading stops after skip + limit matches. Dates are stored as `{"$date": ms}` and indexed as numbers, so a
 *   range on `createdAt` uses the index. `explain()` and `stats().rowsExamined` make index use observable in tests.
 * - Everything else CloudBase adds (collections must exist, default limit 100 / max 1000, unique indexes where a
 *   missing field counts as null, per-document transaction locks, `serverDate`) is a thin layer in this folder.
 */
import { CloudbaseError } from '../core/errors'
import type { Clock, EmulatorModule } from '../core/types'
import { createActions, newDocId } from './actions'
import { type Doc, isPlainObject, normalize } from './ejson'
import { type ExplainResult, type FindOpts, type IndexSpec, Store } from './store'
import { TxManager } from './tx'

export type { ExplainResult, IndexSpec }

export interface DatabaseSchema {
  collections: Record<string, { indexes?: IndexSpec[] }>
}

export interface OpenDatabaseOptions {
  dir: string
  clock: Clock
  log?: (l: string) => void
  /** The env that `envName:""` and the in-process API use (default `local-env`). Other envs are separate namespaces. */
  envId?: string
  /** Transaction age limit (default 30 000 ms). */
  txMaxAgeMs?: number
}

export interface Database {
  module: EmulatorModule
  ensureCollection(name: string): void
  ensureIndex(collection: string, spec: IndexSpec): void
  applySchema(schema: DatabaseSchema): void
  collections(): Array<{ name: string; count: number }>
  /** Plain JS documents (Date objects for dates). A missing collection gives []. */
  find(collection: string, filter?: object, opts?: { sort?: object; limit?: number; skip?: number }): object[]
  /** Bulk insert in one SQLite transaction (creates the collection if needed); `_id` generated when absent. */
  insertMany(collection: string, docs: object[]): void
  /** How a query would run: SQL, chosen SQLite indexes, rows examined. */
  explain(
    collection: string,
    filter?: object,
    opts?: { sort?: object; limit?: number; skip?: number },
  ): ExplainResult
  /** Counters since open: rows read from SQLite, active transactions. */
  stats(): { rowsExamined: number; activeTransactions: number }
  close(): void
}

export function openDatabase(opts: OpenDatabaseOptions): Database {
  const store = new Store(opts.dir)
  const log = opts.log ?? (() => {})
  const env = opts.envId ?? 'local-env'
  const txm = new TxManager(store, opts.txMaxAgeMs ?? 30_000, log)
  const actions = createActions({ store, txm, clock: opts.clock, defaultEnv: env })
  let closed = false

  const plainFilter = (f: object | undefined): Doc => (f ? (normalize(f, opts.clock.now()) as Doc) : {})
  const findOpts = (o?: { sort?: object; limit?: number; skip?: number }): FindOpts => {
    const out: FindOpts = {}
    if (o?.sort) out.sort = o.sort as Record<string, 1 | -1>
    if (o?.limit !== undefined) out.limit = o.limit
    if (o?.skip !== undefined) out.skip = o.skip
    return out
  }

  const db: Database = {
    module: {
      name: 'database',
      actions,
      stop: () => db.close(),
    },
    ensureCollection: (name) => {
      store.createCollection(env, name)
    },
    ensureIndex: (collection, spec) => {
      store.createCollection(env, collection)
      store.ensureIndex(store.mustMeta(env, collection), spec)
    },
    applySchema: (schema) => {
      if (!schema || !isPlainObject(schema.collections))
        throw new CloudbaseError('INVALID_PARAM', 'schema.collections is required')
      for (const [name, c] of Object.entries(schema.collections)) {
        store.createCollection(env, name)
        for (const ix of c.indexes ?? []) store.ensureIndex(store.mustMeta(env, name), ix)
      }
    },
    collections: () => store.collections(env),
    find: (collection, filter, o) => {
      const m = store.meta(env, collection)
      if (!m) return []
      return store.find(m, plainFilter(filter), findOpts(o)).map((r) => r.doc)
    },
    insertMany: (collection, docs) => {
      store.createCollection(env, collection)
      store.insertMany(store.mustMeta(env, collection), docs as Doc[], newDocId)
    },
    explain: (collection, filter, o) =>
      store.explain(store.mustMeta(env, collection), plainFilter(filter), findOpts(o)),
    stats: () => ({ rowsExamined: store.rowsExamined, activeTransactions: txm.activeCount() }),
    close: () => {
      if (closed) return
      closed = true
      txm.stop()
      store.close()
    },
  }
  return db
}
