/**
 * Documents store CloudBase fileIDs; clients need URLs. One `getTempFileURL` call per 50 ids, run in
 * parallel, and a per-instance cache (a warm function instance serves many calls) so the home screen usually
 * costs no storage round trip at all. Anything that is not a `cloud://` id (an https URL) passes through.
 */
import { getCloud } from '../cloud'
import { now } from '../clock'
import { log } from '../log'

const MAX_AGE_S = 86_400
/** Reuse a temp URL for at most half its lifetime. */
const REUSE_MS = (MAX_AGE_S * 1000) / 2
const BATCH = 50
const CACHE_MAX = 5000
const cache = new Map<string, { url: string; until: number }>()

interface TempFileResult {
  fileList: Array<{ fileID: string; tempFileURL: string; status: number }>
}

export async function resolveImages(ids: Iterable<string>): Promise<Map<string, string>> {
  const t = now()
  const out = new Map<string, string>()
  const missing: string[] = []
  for (const id of new Set(ids)) {
    if (!id) continue
    if (!id.startsWith('cloud://')) {
      out.set(id, id)
      continue
    }
    const hit = cache.get(id)
    if (hit && hit.until > t) out.set(id, hit.url)
    else missing.push(id)
  }
  const batches: string[][] = []
  for (let i = 0; i < missing.length; i += BATCH) batches.push(missing.slice(i, i + BATCH))
  await Promise.all(
    batches.map(async (fileList) => {
      try {
        const res = (await getCloud().getTempFileURL({
          fileList: fileList.map((fileID) => ({ fileID, maxAge: MAX_AGE_S })),
        })) as TempFileResult
        if (cache.size > CACHE_MAX) cache.clear()
        for (const f of res.fileList) {
          if (f.status !== 0 || !f.tempFileURL) continue
          cache.set(f.fileID, { url: f.tempFileURL, until: t + REUSE_MS })
          out.set(f.fileID, f.tempFileURL)
        }
      } catch (e) {
        // A broken image is better than a broken page; weapp's <Image> can still show a cloud:// id.
        log('images.resolve.fail', {
          count: fileList.length,
          error: e instanceof Error ? e.message : String(e),
        })
      }
    }),
  )
  return out
}

/** A lookup that falls back to the fileID itself (shown natively on weapp) when no URL came back. */
export async function imageResolver(ids: Iterable<string>): Promise<(id: string | undefined) => string> {
  const urls = await resolveImages(ids)
  return (id) => (id ? (urls.get(id) ?? id) : '')
}

/**
 * Replaces every `cloud://` fileID anywhere in an action's output with its temporary URL (one batched lookup),
 * so no handler can hand a client an id that the h5 build cannot show. Returns the same object when there is none.
 */
export async function presentFileIds<T>(value: T): Promise<T> {
  const ids = new Set<string>()
  collect(value, ids)
  if (ids.size === 0) return value
  const url = await imageResolver(ids)
  return replace(value, url) as T
}

function collect(v: unknown, ids: Set<string>): void {
  if (typeof v === 'string') {
    if (v.startsWith('cloud://')) ids.add(v)
  } else if (Array.isArray(v)) for (const x of v) collect(x, ids)
  else if (v && typeof v === 'object') for (const x of Object.values(v)) collect(x, ids)
}

function replace(v: unknown, url: (id: string) => string): unknown {
  if (typeof v === 'string') return v.startsWith('cloud://') ? url(v) : v
  if (Array.isArray(v)) return v.map((x) => replace(x, url))
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replace(x, url)]))
  return v
}
