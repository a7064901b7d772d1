/**
 * The `database.*` actions of PROTOCOL §5, answering exactly the captured shapes (traffic.jsonl).
 */
import { randomBytes } from 'node:crypto'
import { CloudbaseError } from '../core/errors'
import type { ActionHandler, ActionRequest, Clock } from '../core/types'
import {
  type Doc,
  clone,
  invalidParam,
  isPlainObject,
  parseWire,
  parseWireObject,
  requestFailed,
  toWire,
} from './ejson'
import {
  aggregate,
  applyUpdate,
  checkProjection,
  compileFilter,
  geoNearStage,
  project,
  sortDocs,
} from './query'
import { type CollMeta, type Row, type Store, idKey } from './store'
import type { Tx, TxManager } from './tx'

export const newDocId = (): string => randomBytes(16).toString('hex')

const DEFAULT_LIMIT = 100
const MAX_LIMIT = 1000
const BLOCKED_STAGES = new Set(['$out', '$merge', '$function', '$accumulator', '$where'])

interface Ctx {
  store: Store
  txm: TxManager
  clock: Clock
  defaultEnv: string
}

export function createActions(ctx: Ctx): Record<string, ActionHandler> {
  const { store, txm, clock } = ctx
  const envOf = (req: ActionRequest) => req.envName || ctx.defaultEnv

  const collName = (req: ActionRequest): string => {
    const n = req.body.collectionName
    if (typeof n !== 'string' || !n) throw invalidParam('collectionName is required')
    return n
  }
  const meta = (req: ActionRequest): CollMeta => {
    const m = store.mustMeta(envOf(req), collName(req))
    txm.remember(m)
    return m
  }
  const txOf = (req: ActionRequest): Tx | undefined =>
    req.body.transactionId === undefined || req.body.transactionId === ''
      ? undefined
      : txm.active(req.body.transactionId)

  const filterOf = (req: ActionRequest): Doc => {
    const q = req.body.query
    if (q === undefined || q === null || q === '') return {}
    return parseWireObject(q, 'query', clock.now())
  }
  const optObject = (v: unknown, what: string): Doc | undefined =>
    v === undefined || v === null || v === '' ? undefined : parseWireObject(v, what, clock.now())

  /** `{_id: scalar}` exactly: the by-id fast path. */
  const docKey = (f: Doc): string | undefined => {
    const ks = Object.keys(f)
    if (ks.length !== 1 || ks[0] !== '_id') return undefined
    const id = f._id
    return typeof id === 'string' || typeof id === 'number' ? idKey(id) : undefined
  }

  /** Matching rows as a transaction (or the plain store) sees them. */
  function select(
    m: CollMeta,
    filter: Doc,
    tx: Tx | undefined,
    opts: { sort?: Record<string, 1 | -1>; skip?: number; limit?: number },
  ): Row[] {
    const key = docKey(filter)
    if (key !== undefined) {
      if (tx) {
        const d = txm.read(tx, m, key)
        return d ? [{ key, ver: 0, doc: d }] : []
      }
      const r = store.get(m, key)
      return r ? [r] : []
    }
    if (!tx) return store.find(m, filter, opts)
    const test = compileFilter(filter)
    const rows = new Map<string, Row>()
    for (const r of store.find(m, filter)) {
      const d = txm.noteSeen(tx, m, r.key, r.ver, r.doc)
      if (d && test(d)) rows.set(r.key, { ...r, doc: d })
    }
    for (const w of tx.writes.values()) {
      if (w.m.tbl !== m.tbl) continue
      // Map.set on an existing key keeps its place, so updated rows stay in natural order.
      if (w.doc && test(w.doc)) rows.set(w.key, { key: w.key, ver: 0, doc: clone(w.doc) })
      else rows.delete(w.key)
    }
    let list = [...rows.values()]
    if (opts.sort && Object.keys(opts.sort).length) {
      const byDoc = new Map(list.map((r) => [r.doc, r]))
      list = sortDocs(
        list.map((r) => r.doc),
        opts.sort,
      ).map((d) => byDoc.get(d)!)
    }
    const skip = opts.skip ?? 0
    return list.slice(skip, opts.limit === undefined ? undefined : skip + opts.limit)
  }

  /** Plain writes wait for transaction locks, then run synchronously (atomic within this process). */
  async function waitForRows(m: CollMeta, keys: string[]): Promise<void> {
    for (const k of keys.filter((k) => txm.lockedBy(m, k))) await txm.waitUnlocked(m, k)
  }

  const orderOf = (req: ActionRequest): Record<string, 1 | -1> | undefined => {
    const o = optObject(req.body.order, 'order')
    if (!o) return undefined
    const out: Record<string, 1 | -1> = {}
    for (const [k, v] of Object.entries(o)) {
      if (v !== 1 && v !== -1) throw requestFailed(`bad sort direction for ${k}`)
      out[k] = v
    }
    return out
  }
  const intOf = (v: unknown, what: string): number | undefined => {
    if (v === undefined || v === null || v === '') return undefined
    const n = Number(v)
    if (!Number.isInteger(n) || n < 0) throw invalidParam(`${what} must be a non-negative integer`)
    return n
  }

  const getDocument: ActionHandler = (req) => {
    const m = meta(req)
    const tx = txOf(req)
    const filter = filterOf(req)
    const projection = optObject(req.body.projection, 'projection')
    if (projection) checkProjection(projection)
    const isDoc = req.body.queryType === 'DOC'
    let limit = intOf(req.body.limit, 'limit') ?? 0
    if (limit === 0) limit = isDoc ? 1 : DEFAULT_LIMIT
    limit = Math.min(limit, MAX_LIMIT)
    const offset = intOf(req.body.offset, 'offset') ?? 0
    const sort = orderOf(req)
    const rows = select(m, filter, tx, { limit, skip: offset, ...(sort ? { sort } : {}) })
    const list = rows.map((r) => toWire(project(r.doc, projection)))
    return { json: { data: { list }, limit, offset } }
  }

  const calculateDocument: ActionHandler = (req) => {
    const m = meta(req)
    return { json: { data: { total: store.count(m, filterOf(req)) } } }
  }

  const insertDocument: ActionHandler = async (req) => {
    const m = meta(req)
    const tx = txOf(req)
    const raw = typeof req.body.data === 'string' ? [req.body.data] : req.body.data
    if (!Array.isArray(raw) || raw.length === 0)
      throw invalidParam('data must be a non-empty array of EJSON documents')
    const now = clock.now()
    const docs = raw.map((s) => {
      const d = parseWireObject(s, 'data', now)
      for (const k of Object.keys(d))
        if (k.startsWith('$')) throw requestFailed(`field names cannot start with $: ${k}`)
      return d._id === undefined ? { ...d, _id: newDocId() } : d
    })
    if (tx) {
      for (const d of docs) {
        const key = idKey(d._id)
        if (txm.read(tx, m, key)) {
          throw new CloudbaseError(
            'DATABASE_REQUEST_FAILED',
            `[FailedOperation] E11000 duplicate key error collection: ${m.name} index: _id_ dup key: { _id: ${JSON.stringify(d._id)} }`,
          )
        }
        txm.write(tx, m, key, d)
      }
    } else {
      // Check locks synchronously right before writing; only a locked id makes us wait (and check again).
      while (docs.some((d) => txm.lockedBy(m, idKey(d._id))))
        await waitForRows(
          m,
          docs.map((d) => idKey(d._id)),
        )
      store.sql.transaction(() => docs.forEach((d) => store.insert(m, d)))()
    }
    return { json: { data: { insertedIds: docs.map((d) => d._id) } } }
  }

  const modifyDocument: ActionHandler = async (req) => {
    const m = meta(req)
    const tx = txOf(req)
    const filter = filterOf(req)
    const now = clock.now()
    const data = parseWireObject(req.body.data ?? '{}', 'data', now)
    const merge = req.body.merge !== false
    const upsert = req.body.upsert === true
    const multi = req.body.multi === true
    let ops: Doc | undefined
    let replacement: Doc | undefined
    if (merge) {
      ops = {}
      for (const [k, v] of Object.entries(data)) {
        if (k.startsWith('$')) ops[k] = v
        else ((ops.$set ??= {}) as Doc)[k] = v
      }
    } else {
      if (Object.keys(data).some((k) => k.startsWith('$'))) throw requestFailed('update operator complicit')
      replacement = { ...data }
      delete replacement._id
    }
    const change = (doc: Doc): Doc | undefined => {
      if (replacement) {
        const next = { _id: doc._id, ...clone(replacement) }
        return JSON.stringify(next) === JSON.stringify(doc) && sameDates(next, doc) ? undefined : next
      }
      const next = clone(doc)
      return applyUpdate(next, ops!) ? next : undefined
    }
    const run = (): { updated: number; matched: number; upsertId?: unknown } | 'wait' => {
      const rows = select(m, filter, tx, multi ? {} : { limit: 1 })
      if (!tx && rows.some((r) => txm.lockedBy(m, r.key))) return 'wait'
      const changes: Array<{ row: Row; next: Doc }> = []
      for (const row of rows) {
        const next = change(row.doc)
        if (next) changes.push({ row, next })
      }
      if (rows.length === 0 && upsert) {
        const id = filter._id !== undefined && !isPlainObject(filter._id) ? filter._id : newDocId()
        const base: Doc = { _id: id }
        const doc = replacement ? { _id: id, ...clone(replacement) } : base
        if (!replacement) applyUpdate(doc, ops!)
        if (tx) txm.write(tx, m, idKey(id), doc)
        else {
          if (txm.lockedBy(m, idKey(id))) return 'wait'
          store.insert(m, doc)
        }
        return { updated: 0, matched: 0, upsertId: id }
      }
      if (tx) for (const c of changes) txm.write(tx, m, c.row.key, c.next)
      else store.sql.transaction(() => changes.forEach((c) => store.replace(m, c.row.key, c.next)))()
      return { updated: changes.length, matched: rows.length }
    }
    for (;;) {
      const r = run()
      if (r === 'wait') {
        const rows = select(m, filter, undefined, multi ? {} : { limit: 1 })
        const keys = rows.map((x) => x.key)
        const id = filter._id
        if (id !== undefined && !isPlainObject(id)) keys.push(idKey(id))
        await waitForRows(m, keys)
        continue
      }
      const data: Doc = { updated: r.updated, matched: r.matched }
      if (r.upsertId !== undefined) data.upsert_id = r.upsertId
      return { json: { data } }
    }
  }

  const removeDocument: ActionHandler = async (req) => {
    const m = meta(req)
    const tx = txOf(req)
    const filter = filterOf(req)
    const multi = req.body.multi === true
    for (;;) {
      const rows = select(m, filter, tx, multi ? {} : { limit: 1 })
      if (!tx && rows.some((r) => txm.lockedBy(m, r.key))) {
        await waitForRows(
          m,
          rows.map((r) => r.key),
        )
        continue
      }
      if (tx) rows.forEach((r) => txm.write(tx, m, r.key, null))
      else store.sql.transaction(() => rows.forEach((r) => store.remove(m, r.key)))()
      return { json: { data: { deleted: rows.length } } }
    }
  }

  const aggregateDocuments: ActionHandler = (req) => {
    const m = meta(req)
    const stages = req.body.stages
    if (!Array.isArray(stages)) throw invalidParam('stages must be an array')
    const now = clock.now()
    const pipeline: Doc[] = stages.map((s: unknown) => {
      if (!isPlainObject(s) || typeof s.stageKey !== 'string' || !s.stageKey.startsWith('$'))
        throw invalidParam('each stage needs stageKey and stageValue')
      if (BLOCKED_STAGES.has(s.stageKey)) throw invalidParam(`aggregate stage ${s.stageKey} is not allowed`)
      return { [s.stageKey]: parseWire(s.stageValue, `stage ${s.stageKey}`, now) }
    })
    const env = envOf(req)
    const resolver = (name: string): Doc[] => {
      const other = store.meta(env, name)
      return other ? store.allDocs(other) : []
    }
    // A leading $match goes through the planner so declared indexes are used.
    let input: Doc[]
    const first = pipeline[0]
    if (first && isPlainObject(first.$geoNear)) {
      input = geoNearStage(store.allDocs(m), first.$geoNear)
      pipeline.shift()
    } else if (first && isPlainObject(first.$match)) {
      input = store.find(m, first.$match).map((r) => r.doc)
      pipeline.shift()
    } else input = store.allDocs(m)
    const out = pipeline.length ? aggregate(input, pipeline, resolver) : input
    return { json: { data: { list: out.map((d) => toWire(d)) } } }
  }

  return {
    'database.addCollection': (req) => {
      const name = collName(req)
      if (!store.createCollection(envOf(req), name))
        throw new CloudbaseError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceInUse] Table exist: ${name}`)
      return { json: {} }
    },
    'database.getDocument': getDocument,
    'database.calculateDocument': calculateDocument,
    'database.insertDocument': insertDocument,
    'database.modifyDocument': modifyDocument,
    'database.removeDocument': removeDocument,
    'database.aggregateDocuments': aggregateDocuments,
    'database.startTransaction': (req) => ({ json: { transactionId: txm.start(envOf(req)).id } }),
    'database.commitTransaction': (req) => {
      txm.commit(txm.active(req.body.transactionId))
      return { json: {} }
    },
    'database.abortTransaction': (req) => {
      txm.abort(txm.active(req.body.transactionId))
      return { json: {} }
    },
  }
}

/** JSON.stringify turns Dates into ISO strings, so equal JSON can still hide a Date vs string change. */
function sameDates(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date)
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime()
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a as Doc)
    return ka.every((k) => sameDates((a as Doc)[k], (b as Doc)[k]))
  }
  return true
}
