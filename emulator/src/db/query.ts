/**
 * Query, projection, update and aggregation semantics: mingo, configured so that no caller-supplied script runs
 * (`scriptEnabled:false`), plus small geo operators mingo lacks ($nearSphere, $geoWithin, $geoIntersects).
 */
import 'mingo/init/system'
import { Aggregator, Context, Query, update as mingoUpdate } from 'mingo'
import type { Options } from 'mingo/core'
import { resolve } from 'mingo/util'
import { type Doc, isPlainObject, requestFailed } from './ejson'

const EARTH_RADIUS_M = 6378100

type Pos = [number, number]

const toRad = (d: number) => (d * Math.PI) / 180
export function distanceM(a: Pos, b: Pos): number {
  const dLat = toRad(b[1] - a[1])
  const dLng = toRad(b[0] - a[0])
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a[1])) * Math.cos(toRad(b[1])) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Every vertex of a GeoJSON geometry, or of a legacy [lng, lat] pair. */
function vertices(g: unknown): Pos[] {
  if (Array.isArray(g) && g.length === 2 && typeof g[0] === 'number' && typeof g[1] === 'number')
    return [g as Pos]
  if (!isPlainObject(g) || !Array.isArray(g.coordinates)) return []
  const out: Pos[] = []
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') out.push([Number(c[0]), Number(c[1])])
    else if (Array.isArray(c)) c.forEach(walk)
  }
  walk(g.coordinates)
  return out
}

function inRing(p: Pos, ring: Pos[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!
    const [xj, yj] = ring[j]!
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** Polygons (outer ring minus holes) of a Polygon / MultiPolygon. */
function polygons(g: unknown): Pos[][][] {
  if (!isPlainObject(g)) return []
  if (g.type === 'Polygon') return [g.coordinates as Pos[][]]
  if (g.type === 'MultiPolygon') return g.coordinates as Pos[][][]
  return []
}

const inPolygons = (p: Pos, polys: Pos[][][]) =>
  polys.some((rings) => rings.length > 0 && inRing(p, rings[0]!) && !rings.slice(1).some((h) => inRing(p, h)))

function nearSpec(v: unknown): { center: Pos; max: number; min: number } {
  const o = isPlainObject(v) ? v : {}
  const center = vertices(o.$geometry ?? v)[0]
  if (!center) throw requestFailed('$nearSphere needs a $geometry point')
  return { center, max: Number(o.$maxDistance ?? Infinity), min: Number(o.$minDistance ?? 0) }
}

const geoOps: Record<string, (selector: string, value: unknown, options: Options) => (obj: Doc) => boolean> =
  {
    $nearSphere: (selector, value) => {
      const { center, max, min } = nearSpec(value)
      return (obj) => {
        const p = vertices(resolve(obj, selector))[0]
        if (!p) return false
        const d = distanceM(center, p)
        return d <= max && d >= min
      }
    },
    $geoWithin: (selector, value) => {
      const v = isPlainObject(value) ? value : {}
      if (Array.isArray(v.$centerSphere)) {
        const [c, r] = v.$centerSphere as [unknown, number]
        const center = vertices(c)[0]
        if (!center) throw requestFailed('$centerSphere needs [[lng, lat], radians]')
        return (obj) => {
          const vs = vertices(resolve(obj, selector))
          return vs.length > 0 && vs.every((p) => distanceM(center, p) <= Number(r) * EARTH_RADIUS_M)
        }
      }
      const polys = polygons(v.$geometry)
      if (!polys.length)
        throw requestFailed('$geoWithin needs a Polygon/MultiPolygon $geometry or $centerSphere')
      return (obj) => {
        const vs = vertices(resolve(obj, selector))
        return vs.length > 0 && vs.every((p) => inPolygons(p, polys))
      }
    },
    $geoIntersects: (selector, value) => {
      const g = isPlainObject(value) ? value.$geometry : undefined
      const qPolys = polygons(g)
      const qVerts = vertices(g)
      if (!qVerts.length) throw requestFailed('$geoIntersects needs a $geometry')
      // Vertex containment both ways: exact for points, a fair approximation for lines and polygons.
      return (obj) => {
        const dg = resolve(obj, selector)
        const vs = vertices(dg)
        if (vs.some((p) => inPolygons(p, qPolys))) return true
        const dPolys = polygons(dg)
        if (qVerts.some((p) => inPolygons(p, dPolys))) return true
        return vs.some((p) => qVerts.some((q) => q[0] === p[0] && q[1] === p[1]))
      }
    },
  }

const context = Context.init({ query: geoOps as never })

const baseOptions = (resolver?: (name: string) => Doc[]): Partial<Options> => ({
  scriptEnabled: false,
  context,
  useStrictMode: true,
  ...(resolver ? { collectionResolver: resolver } : {}),
})

export function compileFilter(filter: Doc): (doc: Doc) => boolean {
  if (Object.keys(filter).length === 0) return () => true
  let q: Query
  try {
    q = new Query(filter, baseOptions())
  } catch (e) {
    throw requestFailed(e instanceof Error ? e.message : String(e))
  }
  return (doc) => {
    try {
      return q.test(doc)
    } catch (e) {
      throw requestFailed(e instanceof Error ? e.message : String(e))
    }
  }
}

/** Finds a top-level `$nearSphere` (results are then sorted by distance, as on the real service). */
export function findNear(filter: Doc): { field: string; center: Pos } | undefined {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) {
        const n = isPlainObject(sub) ? findNear(sub) : undefined
        if (n) return n
      }
    } else if (!k.startsWith('$') && isPlainObject(v) && '$nearSphere' in v) {
      return { field: k, center: nearSpec(v.$nearSphere).center }
    }
  }
  return undefined
}

export function sortByNear(docs: Doc[], near: { field: string; center: Pos }): Doc[] {
  const dist = (d: Doc) => {
    const p = vertices(resolve(d, near.field))[0]
    return p ? distanceM(near.center, p) : Infinity
  }
  return docs
    .map((d) => ({ d, k: dist(d) }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.d)
}

/** Mongo sort semantics via mingo's cursor (stable, type-ordered). */
export function sortDocs(docs: Doc[], order: Record<string, 1 | -1>): Doc[] {
  if (Object.keys(order).length === 0) return docs
  return new Query({}, baseOptions()).find<Doc>(docs).sort(order).all()
}

/** Validates a projection the way the server does: no mixing of inclusion and exclusion (except `_id`). */
export function checkProjection(p: Doc): void {
  let inc = false
  let exc = false
  for (const [k, v] of Object.entries(p)) {
    if (k === '_id' || isPlainObject(v)) continue
    if (v === 0 || v === false) exc = true
    else inc = true
  }
  if (inc && exc) throw requestFailed('Cannot do exclusion and inclusion in projection.')
}

export function project(doc: Doc, p: Doc | undefined): Doc {
  if (!p || Object.keys(p).length === 0) return doc
  let out: Doc
  try {
    out = new Query({}, baseOptions()).find<Doc>([doc], p).all()[0] ?? {}
  } catch (e) {
    throw requestFailed(e instanceof Error ? e.message : String(e))
  }
  // The captured server answers `null` for an `$elemMatch` projection that matched nothing.
  for (const [k, v] of Object.entries(p)) {
    if (isPlainObject(v) && '$elemMatch' in v && !(k in out)) out[k] = null
  }
  if (!('_id' in out) && '_id' in doc && p._id !== 0 && p._id !== false) out = { ...out, _id: doc._id }
  return out
}

const UPDATE_OPS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pop',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$bit',
  '$currentDate',
])

/** Applies Mongo update operators in place; returns whether the document changed. */
export function applyUpdate(doc: Doc, ops: Doc): boolean {
  for (const [op, arg] of Object.entries(ops)) {
    if (!UPDATE_OPS.has(op)) throw requestFailed(`Unknown modifier: ${op}`)
    if (!isPlainObject(arg))
      throw requestFailed(`Modifiers operate on fields but we found another type instead: ${op}`)
    if (Object.keys(arg).some((k) => k === '_id' || k.startsWith('_id.')))
      throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'")
  }
  let changed = false
  try {
    // mingo takes one operator per call; Mongo's order of application is the document's key order too.
    for (const [op, arg] of Object.entries(ops)) {
      const paths = mingoUpdate(doc, { [op]: arg } as never, undefined, undefined, {
        cloneMode: 'deep',
        queryOptions: baseOptions(),
      })
      if (paths.length > 0) changed = true
    }
  } catch (e) {
    throw requestFailed(e instanceof Error ? e.message : String(e))
  }
  return changed
}

export function aggregate(docs: Doc[], pipeline: Doc[], resolver: (name: string) => Doc[]): Doc[] {
  try {
    return new Aggregator(pipeline, baseOptions(resolver)).run(docs) as Doc[]
  } catch (e) {
    throw requestFailed(e instanceof Error ? e.message : String(e))
  }
}

/** The `$geoNear` aggregate stage (first stage only, as in Mongo): filter by distance, sort, write distanceField. */
export function geoNearStage(docs: Doc[], spec: Doc): Doc[] {
  const center = vertices(spec.near)[0]
  if (!center) throw requestFailed('$geoNear needs near: a GeoJSON Point')
  const distanceField = typeof spec.distanceField === 'string' ? spec.distanceField : undefined
  if (!distanceField) throw requestFailed('$geoNear requires a distanceField')
  const max = Number(spec.maxDistance ?? Infinity)
  const min = Number(spec.minDistance ?? 0)
  const mult = Number(spec.distanceMultiplier ?? 1)
  const test = isPlainObject(spec.query) ? compileFilter(spec.query) : () => true
  const pointOf = (d: Doc): Pos | undefined => {
    if (typeof spec.key === 'string') return vertices(resolve(d, spec.key))[0]
    for (const v of Object.values(d)) {
      if (isPlainObject(v) && v.type === 'Point') return vertices(v)[0]
    }
    return undefined
  }
  const out: Array<{ d: Doc; dist: number }> = []
  for (const d of docs) {
    const p = pointOf(d)
    if (!p || !test(d)) continue
    const dist = distanceM(center, p)
    if (dist <= max && dist >= min) out.push({ d, dist })
  }
  out.sort((a, b) => a.dist - b.dist)
  return out.map(({ d, dist }) => {
    const copy: Doc = { ...d }
    copy[distanceField] = dist * mult
    return copy
  })
}
