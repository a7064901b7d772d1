/**
 * SQLite storage: one table per (env, collection) holding each document as JSON, expression indexes on
 * `json_extract` for declared index keys, and a small planner that pushes the index-able part of a filter (and
 * sort + limit when possible) into SQL. mingo re-checks every candidate row, so the SQL part only has to return a
 * superset of the matches; fields holding arrays ("multikey") are never pushed down, because json_extract cannot
 * express Mongo's element-wise matching.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { CloudbaseError } from '../core/errors'
import { type Doc, fromStored, isPlainObject, toStored } from './ejson'
import { compileFilter, findNear, sortByNear, sortDocs } from './query'

export interface IndexSpec {
  name: string
  keys: Record<string, 1 | -1>
  unique?: boolean
}

interface IndexMeta extends IndexSpec {
  multikey: Set<string>
  /** JSON types seen per key (null/missing not counted); undefined = unknown (legacy data): always guard. */
  types?: Map<string, Set<string>>
}

const valueType = (v: unknown): string | undefined =>
  v === null || v === undefined
    ? undefined
    : v instanceof Date
      ? 'date'
      : typeof v === 'string'
        ? 'string'
        : typeof v === 'number'
          ? 'number'
          : typeof v === 'boolean'
            ? 'bool'
            : 'object'

function indexStats(ix: IndexMeta): string {
  const types: Record<string, string[]> = {}
  for (const [f, t] of ix.types ?? []) types[f] = [...t]
  return JSON.stringify({ multikey: [...ix.multikey], types: ix.types ? types : undefined })
}

function parseStats(text: string): Pick<IndexMeta, 'multikey' | 'types'> {
  const v = JSON.parse(text) as string[] | { multikey: string[]; types?: Record<string, string[]> }
  if (Array.isArray(v)) return { multikey: new Set(v) }
  const out: Pick<IndexMeta, 'multikey' | 'types'> = { multikey: new Set(v.multikey) }
  if (v.types) out.types = new Map(Object.entries(v.types).map(([f, t]) => [f, new Set(t)]))
  return out
}

export interface CollMeta {
  env: string
  name: string
  tbl: string
  indexes: IndexMeta[]
}

export interface Row {
  key: string
  ver: number
  doc: Doc
}

export interface FindOpts {
  sort?: Record<string, 1 | -1>
  skip?: number
  limit?: number
}

export interface ExplainResult {
  /** SQL used to fetch candidates. */
  sql: string
  /** Index names SQLite chose (from EXPLAIN QUERY PLAN), empty for a full scan. */
  indexes: string[]
  fullScan: boolean
  sortPushed: boolean
  rowsExamined: number
  returned: number
}

export const collectionMissing = (name: string) =>
  new CloudbaseError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${name}`)

/** Primary key column text: string ids as is, other types tagged so `123` and `'123'` stay distinct. */
export const idKey = (id: unknown): string => (typeof id === 'string' ? id : '\u0001' + JSON.stringify(id))

const SAFE_FIELD = /^[^'"\\$.][^'"\\]*$/

/** SQL expression for a field path: a Date's ms, else the JSON scalar. Identical text in index and query. */
export function fieldExpr(field: string): string | undefined {
  if (!SAFE_FIELD.test(field) || field.split('.').some((s) => s === '' || s.startsWith('$'))) return undefined
  const p =
    '$' +
    field
      .split('.')
      .map((s) => `."${s}"`)
      .join('')
  return `coalesce(json_extract(doc, '${p}."$date"'), json_extract(doc, '${p}'))`
}

/** SQL condition that the field holds the JSON type of `v` (Dates: the `$date` wrapper). */
function typeGuard(field: string, v: unknown): string {
  const p =
    '$' +
    field
      .split('.')
      .map((s) => `."${s}"`)
      .join('')
  if (v instanceof Date) return `json_type(doc, '${p}."$date"') IS NOT NULL`
  if (typeof v === 'string') return `json_type(doc, '${p}') = 'text'`
  if (typeof v === 'boolean') return `json_type(doc, '${p}') IN ('true', 'false')`
  return `json_type(doc, '${p}') IN ('integer', 'real')`
}

function sqlValue(v: unknown): unknown {
  if (v instanceof Date) return v.getTime()
  if (typeof v === 'boolean') return v ? 1 : 0
  if (v === undefined) return null
  if (v !== null && typeof v === 'object') return toStored(v as Doc)
  return v
}

const isScalar = (v: unknown) =>
  typeof v === 'string' ||
  (typeof v === 'number' && Number.isFinite(v)) ||
  typeof v === 'boolean' ||
  v instanceof Date

/** Values along a dotted path; `hitArray` tells whether any step went through an array. */
function pathInfo(doc: Doc, field: string): { value: unknown; hitArray: boolean } {
  let cur: unknown = doc
  for (const seg of field.split('.')) {
    if (Array.isArray(cur)) return { value: undefined, hitArray: true }
    if (!isPlainObject(cur)) return { value: undefined, hitArray: false }
    cur = cur[seg]
  }
  return { value: cur, hitArray: Array.isArray(cur) }
}

export class Store {
  readonly sql: Database.Database
  private catalog = new Map<string, CollMeta>()
  private tblSeq = 0
  private verSeq: number
  rowsExamined = 0
  private stmts = new Map<string, Database.Statement>()

  /** Prepared statements are reused: preparing costs more than running a by-id lookup. */
  private stmt(sql: string): Database.Statement {
    let st = this.stmts.get(sql)
    if (!st) {
      if (this.stmts.size > 1000) this.stmts.clear()
      st = this.sql.prepare(sql)
      this.stmts.set(sql, st)
    }
    return st
  }

  constructor(dir: string) {
    fs.mkdirSync(dir, { recursive: true })
    this.sql = new Database(path.join(dir, 'emulator-db.sqlite'))
    // WAL + synchronous=NORMAL: a process kill loses nothing that was committed; only an OS crash can drop the tail.
    this.sql.pragma('journal_mode = WAL')
    this.sql.pragma('synchronous = NORMAL')
    this.sql.pragma('cache_size = -65536')
    // Index-order reads of big ranges jump around the file: mmap turns them into memory reads.
    this.sql.pragma('mmap_size = 1073741824')
    this.sql
      .exec(`CREATE TABLE IF NOT EXISTS _collections (env TEXT NOT NULL, name TEXT NOT NULL, tbl TEXT NOT NULL, PRIMARY KEY (env, name));
      CREATE TABLE IF NOT EXISTS _indexes (tbl TEXT NOT NULL, name TEXT NOT NULL, spec TEXT NOT NULL, multikey TEXT NOT NULL DEFAULT '[]', PRIMARY KEY (tbl, name));`)
    for (const r of this.sql.prepare('SELECT env, name, tbl FROM _collections').all() as Array<{
      env: string
      name: string
      tbl: string
    }>) {
      this.catalog.set(`${r.env}\u0000${r.name}`, { ...r, indexes: [] })
      this.tblSeq = Math.max(this.tblSeq, Number(r.tbl.slice(2)) || 0)
    }
    const byTbl = new Map([...this.catalog.values()].map((m) => [m.tbl, m]))
    for (const r of this.sql.prepare('SELECT tbl, spec, multikey FROM _indexes').all() as Array<{
      tbl: string
      spec: string
      multikey: string
    }>) {
      const spec = JSON.parse(r.spec) as IndexSpec
      byTbl.get(r.tbl)?.indexes.push({ ...spec, ...parseStats(r.multikey) })
    }
    // Versions only need to grow; starting from the wall clock keeps them growing across restarts.
    this.verSeq = Date.now() * 1000
  }

  close(): void {
    if (this.sql.open) this.sql.close()
  }

  nextVersion(): number {
    return ++this.verSeq
  }

  meta(env: string, name: string): CollMeta | undefined {
    return this.catalog.get(`${env}\u0000${name}`)
  }

  mustMeta(env: string, name: string): CollMeta {
    const m = this.meta(env, name)
    if (!m) throw collectionMissing(name)
    return m
  }

  collections(env: string): Array<{ name: string; count: number }> {
    return [...this.catalog.values()]
      .filter((m) => m.env === env)
      .map((m) => ({
        name: m.name,
        count: (this.sql.prepare(`SELECT count(*) AS n FROM ${m.tbl}`).get() as { n: number }).n,
      }))
      .sort((a, b) => a.name.localeCompare(b.name))
  }

  /** Creates the collection; returns false when it already existed. */
  createCollection(env: string, name: string): boolean {
    if (this.meta(env, name)) return false
    if (
      typeof name !== 'string' ||
      !name ||
      name.length > 128 ||
      name.startsWith('$') ||
      name.includes('\u0000')
    )
      throw new CloudbaseError('INVALID_PARAM', `invalid collection name: ${String(name)}`)
    const tbl = `c_${++this.tblSeq}`
    this.sql.transaction(() => {
      this.sql.exec(
        `CREATE TABLE ${tbl} (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, ver INTEGER NOT NULL, doc TEXT NOT NULL)`,
      )
      this.sql.prepare('INSERT INTO _collections (env, name, tbl) VALUES (?, ?, ?)').run(env, name, tbl)
    })()
    this.catalog.set(`${env}\u0000${name}`, { env, name, tbl, indexes: [] })
    return true
  }

  ensureIndex(m: CollMeta, spec: IndexSpec): void {
    const keys = Object.entries(spec.keys)
    if (!spec.name || !/^[A-Za-z0-9_]+$/.test(spec.name))
      throw new CloudbaseError('INVALID_PARAM', `invalid index name ${spec.name}`)
    if (keys.length === 0) throw new CloudbaseError('INVALID_PARAM', `index ${spec.name} has no keys`)
    const exprs = keys.map(([f, d]) => {
      const e = fieldExpr(f)
      if (!e) throw new CloudbaseError('INVALID_PARAM', `index ${spec.name}: unsupported field ${f}`)
      return `${e} ${d === -1 ? 'DESC' : 'ASC'}`
    })
    const existing = m.indexes.find((i) => i.name === spec.name)
    if (
      existing &&
      JSON.stringify(existing.keys) === JSON.stringify(spec.keys) &&
      !!existing.unique === !!spec.unique
    )
      return
    const meta: IndexMeta = {
      name: spec.name,
      keys: { ...spec.keys },
      unique: !!spec.unique,
      multikey: new Set(),
      types: new Map(Object.keys(spec.keys).map((f) => [f, new Set<string>()])),
    }
    this.sql.transaction(() => {
      this.sql.exec(`DROP INDEX IF EXISTS ${m.tbl}_${spec.name}`)
      this.sql.exec(`CREATE INDEX ${m.tbl}_${spec.name} ON ${m.tbl} (${exprs.join(', ')})`)
      // Existing documents decide multikey-ness and must already satisfy a unique constraint.
      for (const r of this.sql.prepare(`SELECT id, doc FROM ${m.tbl}`).iterate() as IterableIterator<{
        id: string
        doc: string
      }>) {
        const doc = fromStored(r.doc)
        for (const f of Object.keys(spec.keys)) {
          const info = pathInfo(doc, f)
          if (info.hitArray) meta.multikey.add(f)
          const t = valueType(info.value)
          if (t) meta.types!.get(f)!.add(t)
        }
      }
      m.indexes = m.indexes.filter((i) => i.name !== spec.name).concat(meta)
      if (meta.unique) {
        const cols = keys.map(([f]) => fieldExpr(f)!).join(', ')
        const dup = this.sql
          .prepare(`SELECT ${cols}, count(*) AS n FROM ${m.tbl} GROUP BY ${cols} HAVING n > 1 LIMIT 1`)
          .get()
        if (dup)
          throw new CloudbaseError(
            'DATABASE_DUPLICATE_WRITE',
            `cannot create unique index ${spec.name}: duplicate keys exist`,
          )
      }
      this.sql
        .prepare('INSERT OR REPLACE INTO _indexes (tbl, name, spec, multikey) VALUES (?, ?, ?, ?)')
        .run(
          m.tbl,
          spec.name,
          JSON.stringify({ name: spec.name, keys: spec.keys, unique: !!spec.unique }),
          indexStats(meta),
        )
    })()
  }

  get(m: CollMeta, key: string): Row | undefined {
    this.rowsExamined++
    const r = this.stmt(`SELECT id, ver, doc FROM ${m.tbl} WHERE id = ?`).get(key) as
      { id: string; ver: number; doc: string } | undefined
    return r ? { key: r.id, ver: r.ver, doc: fromStored(r.doc) } : undefined
  }

  /** Checks unique indexes and records multikey fields; throws DATABASE_DUPLICATE_WRITE. */
  private beforeWrite(m: CollMeta, key: string, doc: Doc): void {
    for (const ix of m.indexes) {
      let changed = false
      for (const f of Object.keys(ix.keys)) {
        const info = pathInfo(doc, f)
        if (info.hitArray && !ix.multikey.has(f)) {
          ix.multikey.add(f)
          changed = true
        }
        const t = valueType(info.value)
        const seen = ix.types?.get(f)
        if (t && seen && !seen.has(t)) {
          seen.add(t)
          changed = true
        }
      }
      if (changed)
        this.stmt('UPDATE _indexes SET multikey = ? WHERE tbl = ? AND name = ?').run(
          indexStats(ix),
          m.tbl,
          ix.name,
        )
      if (!ix.unique) continue
      const fields = Object.keys(ix.keys)
      const where = fields.map((f) => `${fieldExpr(f)} IS ?`).join(' AND ')
      const vals = fields.map((f) => sqlValue(pathInfo(doc, f).value))
      const clash = this.stmt(`SELECT id FROM ${m.tbl} WHERE ${where} AND id != ? LIMIT 1`).get(...vals, key)
      if (clash) {
        const shown = fields.map((f) => `${f}: ${JSON.stringify(pathInfo(doc, f).value ?? null)}`).join(', ')
        throw new CloudbaseError(
          'DATABASE_DUPLICATE_WRITE',
          `[DuplicateWrite] E11000 duplicate key error collection: ${m.name} index: ${ix.name} dup key: { ${shown} }`,
        )
      }
    }
  }

  insert(m: CollMeta, doc: Doc): Row {
    const key = idKey(doc._id)
    if (this.stmt(`SELECT 1 FROM ${m.tbl} WHERE id = ?`).get(key)) {
      throw new CloudbaseError(
        'DATABASE_REQUEST_FAILED',
        `[FailedOperation] E11000 duplicate key error collection: ${m.name} index: _id_ dup key: { _id: ${JSON.stringify(doc._id)} }`,
      )
    }
    this.beforeWrite(m, key, doc)
    const ver = this.nextVersion()
    this.stmt(`INSERT INTO ${m.tbl} (id, ver, doc) VALUES (?, ?, ?)`).run(key, ver, toStored(doc))
    return { key, ver, doc }
  }

  replace(m: CollMeta, key: string, doc: Doc): number {
    this.beforeWrite(m, key, doc)
    const ver = this.nextVersion()
    this.stmt(`UPDATE ${m.tbl} SET ver = ?, doc = ? WHERE id = ?`).run(ver, toStored(doc), key)
    return ver
  }

  remove(m: CollMeta, key: string): boolean {
    return this.stmt(`DELETE FROM ${m.tbl} WHERE id = ?`).run(key).changes > 0
  }

  /** Bulk load: one SQLite transaction, prepared statement reused (seeding and the bench). */
  insertMany(m: CollMeta, docs: Doc[], newId: () => string): void {
    const stmt = this.sql.prepare(`INSERT INTO ${m.tbl} (id, ver, doc) VALUES (?, ?, ?)`)
    const hasUnique = m.indexes.length > 0
    this.sql.transaction(() => {
      for (const d of docs) {
        const doc = d._id === undefined ? { _id: newId(), ...d } : d
        const key = idKey(doc._id)
        if (hasUnique) this.beforeWrite(m, key, doc)
        try {
          stmt.run(key, this.nextVersion(), toStored(doc))
        } catch (e) {
          if (String(e).includes('UNIQUE')) {
            throw new CloudbaseError(
              'DATABASE_REQUEST_FAILED',
              `[FailedOperation] E11000 duplicate key error collection: ${m.name} index: _id_ dup key: { _id: ${JSON.stringify(doc._id)} }`,
            )
          }
          throw e
        }
      }
    })()
  }

  /**
   * Builds the SQL candidate query for a filter. `exact` means SQL alone decides the matches (every condition was
   * translated, with a JSON type guard so `5` never matches `'5'` or `true`); then mingo is not consulted.
   */
  plan(
    m: CollMeta,
    filter: Doc,
    sort?: Record<string, 1 | -1>,
  ): { sql: string; where: string; params: unknown[]; sortPushed: boolean; exact: boolean } {
    const pushable = new Set<string>()
    for (const ix of m.indexes) for (const f of Object.keys(ix.keys)) if (!ix.multikey.has(f)) pushable.add(f)
    const conds: string[] = []
    const params: unknown[] = []
    let exact = true
    /** The type guard is only needed when the field has held values of another type. */
    const onlyType = (f: string, t: string | undefined): boolean =>
      !!t &&
      m.indexes.every((ix) => {
        if (!(f in ix.keys)) return true
        const seen = ix.types?.get(f)
        return !!seen && [...seen].every((x) => x === t)
      })
    const exprOf = (f: string) => (f === '_id' ? 'id' : fieldExpr(f))
    const add = (cond: string, ...ps: unknown[]) => {
      conds.push(cond)
      params.push(...ps)
    }
    const visit = (q: Doc) => {
      for (const [k, v] of Object.entries(q)) {
        if (k === '$and' && Array.isArray(v)) {
          for (const s of v)
            if (isPlainObject(s)) visit(s)
            else exact = false
          continue
        }
        const e = k.startsWith('$') || !(k === '_id' || pushable.has(k)) ? undefined : exprOf(k)
        if (!e) {
          exact = false
          continue
        }
        if (k === '_id') {
          const ids =
            typeof v === 'string' ? [v] : isPlainObject(v) && typeof v.$eq === 'string' ? [v.$eq] : undefined
          const ins =
            isPlainObject(v) &&
            Object.keys(v).length === 1 &&
            Array.isArray(v.$in) &&
            v.$in.every((x) => typeof x === 'string')
              ? (v.$in as string[])
              : undefined
          if (ids && (typeof v === 'string' || Object.keys(v as Doc).length === 1)) add('id = ?', ids[0])
          // One JSON parameter instead of one SQL variable per value: any list length, still index lookups.
          else if (ins) add('id IN (SELECT value FROM json_each(?))', JSON.stringify(ins))
          else exact = false
          continue
        }
        const guard = (x: unknown) => (onlyType(k, valueType(x)) ? '1' : typeGuard(k, x))
        if (v === null) conds.push(`${e} IS NULL`)
        else if (isScalar(v)) add(`${e} = ? AND ${guard(v)}`, sqlValue(v))
        else if (isPlainObject(v)) {
          for (const [op, a] of Object.entries(v)) {
            const cmp = { $eq: '=', $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op]
            if (cmp && isScalar(a)) add(`${e} ${cmp} ? AND ${guard(a)}`, sqlValue(a))
            else if (op === '$in' && Array.isArray(a) && a.length > 0 && a.every(isScalar)) {
              const g = guard(a[0])
              const sameType = a.every((x) => guard(x) === g)
              const list = JSON.stringify(a.map(sqlValue))
              add(`${e} IN (SELECT value FROM json_each(?))${sameType ? ` AND ${g}` : ''}`, list)
              if (!sameType) exact = false
            } else exact = false
          }
        } else exact = false
      }
    }
    visit(filter)
    let order = ''
    let sortPushed = false
    const sortKeys = Object.entries(sort ?? {})
    if (sortKeys.length > 0 && !findNear(filter) && sortKeys.every(([f]) => f === '_id' || pushable.has(f))) {
      order =
        ' ORDER BY ' +
        sortKeys.map(([f, d]) => `${exprOf(f)} ${d === -1 ? 'DESC' : 'ASC'}`).join(', ') +
        ', seq'
      sortPushed = true
    }
    const where = conds.length ? ` WHERE ${conds.join(' AND ')}` : ''
    return { sql: `SELECT id, ver, doc FROM ${m.tbl}${where}${order}`, where, params, sortPushed, exact }
  }

  /**
   * Runs a query: SQL candidates, mingo predicate, Mongo sort (pushed into SQL when every sort key is indexed),
   * skip/limit (stops reading rows early when the order came from SQL). `$nearSphere` sorts by distance.
   */
  find(m: CollMeta, filter: Doc, opts: FindOpts = {}, info?: Partial<ExplainResult>): Row[] {
    const { sql, params, sortPushed, exact } = this.plan(m, filter, opts.sort)
    const test = exact ? () => true : compileFilter(filter)
    const skip = Math.max(0, opts.skip ?? 0)
    const limit = opts.limit === undefined ? Infinity : Math.max(0, opts.limit)
    const near = findNear(filter)
    const out: Row[] = []
    let examined = 0
    const early = (sortPushed || !opts.sort || Object.keys(opts.sort).length === 0) && !near
    const it = this.stmt(sql).iterate(...params) as IterableIterator<{
      id: string
      ver: number
      doc: string
    }>
    for (const r of it) {
      examined++
      const doc = fromStored(r.doc)
      if (!test(doc)) continue
      out.push({ key: r.id, ver: r.ver, doc })
      // Leaving the for-of (break or a throw from the predicate) returns the iterator, which resets the statement.
      if (early && out.length >= skip + limit) break
    }
    this.rowsExamined += examined
    let rows = out
    if (near) {
      const sorted = sortByNear(
        rows.map((r) => r.doc),
        near,
      )
      const byDoc = new Map(rows.map((r) => [r.doc, r]))
      rows = sorted.map((d) => byDoc.get(d)!)
    } else if (!sortPushed && opts.sort && Object.keys(opts.sort).length > 0) {
      const byDoc = new Map(rows.map((r) => [r.doc, r]))
      rows = sortDocs(
        rows.map((r) => r.doc),
        opts.sort,
      ).map((d) => byDoc.get(d)!)
    }
    const result = rows.slice(skip, limit === Infinity ? undefined : skip + limit)
    if (info) Object.assign(info, { sql, sortPushed, rowsExamined: examined, returned: result.length })
    return result
  }

  /** Counts in SQL when the planner decides the filter alone (no row is decoded), else through find. */
  count(m: CollMeta, filter: Doc): number {
    const { where, params, exact } = this.plan(m, filter)
    if (exact)
      return (this.stmt(`SELECT count(*) AS n FROM ${m.tbl}${where}`).get(...params) as { n: number }).n
    return this.find(m, filter).length
  }

  explain(m: CollMeta, filter: Doc, opts: FindOpts = {}): ExplainResult {
    const info: Partial<ExplainResult> = {}
    this.find(m, filter, opts, info)
    const { params } = this.plan(m, filter, opts.sort)
    const planRows = this.sql.prepare(`EXPLAIN QUERY PLAN ${info.sql}`).all(...params) as Array<{
      detail: string
    }>
    const indexes = planRows.flatMap((r) =>
      [...r.detail.matchAll(/USING (?:COVERING )?INDEX (\S+)/g)].map((x) => x[1]!),
    )
    const fullScan = planRows.some((r) => /^SCAN /.test(r.detail) && !/USING/.test(r.detail))
    return {
      sql: info.sql!,
      indexes,
      fullScan,
      sortPushed: !!info.sortPushed,
      rowsExamined: info.rowsExamined ?? 0,
      returned: info.returned ?? 0,
    }
  }

  allDocs(m: CollMeta): Doc[] {
    const out: Doc[] = []
    for (const r of this.sql.prepare(`SELECT doc FROM ${m.tbl} ORDER BY seq`).iterate() as IterableIterator<{
      doc: string
    }>)
      out.push(fromStored(r.doc))
    this.rowsExamined += out.length
    return out
  }
}
