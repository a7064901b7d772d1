/**
 * Wire <-> JS <-> storage conversions.
 * Wire: canonical EJSON strings (PROTOCOL §4). JS: plain values with Date and RegExp. Storage: JSON where a Date is
 * `{"$date": <ms>}` so SQLite can index it as a number (json_extract on `$.f."$date"`).
 */
import { EJSON } from 'bson'
import { CloudbaseError } from '../core/errors'

export type Doc = Record<string, unknown>

export const requestFailed = (msg: string) =>
  new CloudbaseError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${msg}`)
export const invalidParam = (msg: string) => new CloudbaseError('INVALID_PARAM', msg)

const FORBIDDEN_KEYS = new Set(['$where', '$function', '$accumulator'])

const isPlainObject = (v: unknown): v is Doc =>
  !!v &&
  typeof v === 'object' &&
  (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)

/**
 * Turns bson's parse result into plain JS: BSON regex -> RegExp, Long/Int/Double -> number, ObjectId -> hex string,
 * `$tcb_server_date` -> the server clock's Date. Script-bearing values (`$code`, `$where`, `$function`) are refused:
 * the database must never evaluate caller-supplied code.
 */
export function normalize(v: unknown, now: number): unknown {
  // bson's relaxed parse turns `{"$numberInt":"x"}` into NaN and a bad `$date` into an Invalid Date: refuse both.
  if (typeof v === 'number' && Number.isNaN(v))
    throw invalidParam('malformed EJSON number (NaN is not accepted)')
  if (v === null || typeof v !== 'object') return v
  if (v instanceof Date && Number.isNaN(v.getTime())) throw invalidParam('malformed EJSON date')
  if (v instanceof Date || v instanceof RegExp) return v
  if (Array.isArray(v)) return v.map((x) => normalize(x, now))
  const bsontype = (v as { _bsontype?: string })._bsontype
  if (bsontype) {
    switch (bsontype) {
      case 'BSONRegExp': {
        const r = v as { pattern: string; options: string }
        const flags = [...new Set(r.options.split(''))].filter((f) => 'imsu'.includes(f)).join('')
        try {
          return new RegExp(r.pattern, flags)
        } catch {
          throw requestFailed(`invalid regular expression: ${r.pattern}`)
        }
      }
      case 'ObjectId':
        return (v as { toHexString(): string }).toHexString()
      case 'Long':
      case 'Int32':
      case 'Double':
      case 'Decimal128':
        return Number((v as { toString(): string }).toString())
      case 'Code':
        throw invalidParam('code values are not accepted by the database')
      default:
        throw invalidParam(`unsupported BSON type ${bsontype}`)
    }
  }
  const o = v as Doc
  const keys = Object.keys(o)
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = o.$tcb_server_date as Doc | undefined
    const offset = Number((spec && (normalize(spec.offset, now) as number)) ?? 0) || 0
    return new Date(now + offset)
  }
  const out: Doc = {}
  for (const k of keys) {
    if (FORBIDDEN_KEYS.has(k)) throw invalidParam(`operator ${k} is not allowed`)
    out[k] = normalize(o[k], now)
  }
  return out
}

/** Parses one EJSON string from the wire. Malformed text is a clear INVALID_PARAM, never a crash. */
export function parseWire(text: unknown, what: string, now: number): unknown {
  if (typeof text !== 'string') throw invalidParam(`${what} must be an EJSON string`)
  let parsed: unknown
  try {
    parsed = EJSON.parse(text, { relaxed: true })
  } catch (e) {
    throw invalidParam(`malformed EJSON in ${what}: ${e instanceof Error ? e.message : String(e)}`)
  }
  return normalize(parsed, now)
}

export function parseWireObject(text: unknown, what: string, now: number): Doc {
  const v = parseWire(text, what, now)
  if (!isPlainObject(v)) throw invalidParam(`${what} must be an object`)
  return v
}

/** Canonical EJSON string for `data.list` (the SDK `EJSON.parse`s each item). */
export function toWire(doc: unknown): string {
  return EJSON.stringify(doc as Doc, { relaxed: false })
}

// ---- storage form ----

/** Dates -> `{"$date": ms}`, RegExps -> `{"$regex", "$options"}`; a copying walk is ~3x faster than a replacer. */
function toStorable(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v
  if (v instanceof Date) return { $date: v.getTime() }
  if (v instanceof RegExp) return { $regex: v.source, $options: v.flags }
  if (Array.isArray(v)) return v.map(toStorable)
  const out: Doc = {}
  for (const k of Object.keys(v)) out[k] = toStorable((v as Doc)[k])
  return out
}

/** Turns stored `{"$date": ms}` / `{"$regex"...}` objects back into Date / RegExp, in place (faster than a reviver). */
function revive(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = revive(v[i])
    return v
  }
  const o = v as Doc
  if (typeof o.$date === 'number' && Object.keys(o).length === 1) return new Date(o.$date)
  if (typeof o.$regex === 'string' && Object.keys(o).length === 2)
    return new RegExp(o.$regex, String(o.$options ?? ''))
  for (const k in o) o[k] = revive(o[k])
  return o
}

export const toStored = (doc: Doc): string => JSON.stringify(toStorable(doc))

/** Most rows hold no Date or RegExp: skip the walk for those. */
export const fromStored = (text: string): Doc =>
  (text.includes('"$date"') || text.includes('"$regex"') ? revive(JSON.parse(text)) : JSON.parse(text)) as Doc

/** Deep copy of a JS document (Dates and RegExps kept). */
export const clone = <T>(v: T): T => {
  if (v === null || typeof v !== 'object') return v
  if (v instanceof Date) return new Date(v.getTime()) as T
  if (v instanceof RegExp) return v
  if (Array.isArray(v)) return v.map(clone) as T
  const out: Doc = {}
  for (const [k, x] of Object.entries(v as Doc)) out[k] = clone(x)
  return out as T
}

export { isPlainObject }
