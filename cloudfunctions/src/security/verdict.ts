/**
 * The `wxa_media_check` push: stores the verdict in `mediaChecks/<trace_id>` and lets the owner recompute
 * what it derives from its photos. Deliveries repeat (WeChat retries), so everything here is idempotent,
 * and a rejection is final: a later `pass` for the same trace never shows a photo once refused.
 */
import type { Database } from '../cloud'
import { byId } from '../db'
import { log } from '../log'
import { MEDIA_CHECKS, mergeCheck, type MediaCheckDoc } from './checks'

type Hook = (db: Database, ownerId: string, at: number) => Promise<void>
const hooks = new Map<string, Hook>()

/** Owners (e.g. reviews) register a hook that recomputes derived fields (hasImages) when a verdict lands. */
export function onMediaVerdict(collection: string, hook: Hook): void {
  hooks.set(collection, hook)
}

export async function recomputeOwner(
  db: Database,
  owner: { collection: string; id: string } | undefined,
  at: number,
): Promise<void> {
  const hook = owner && hooks.get(owner.collection)
  if (hook) await hook(db, owner.id, at)
}

const TRACE_RE = /^[A-Za-z0-9_-]{1,128}$/
const SUGGESTS = new Set(['pass', 'risky', 'review'])

interface Verdict {
  traceId: string
  suggest: string
  label?: number
}

function parse(event: unknown): Verdict | string {
  if (!event || typeof event !== 'object') return 'not an object'
  const e = event as Record<string, unknown>
  if (e.MsgType !== 'event' || e.Event !== 'wxa_media_check') return 'not wxa_media_check'
  if (typeof e.trace_id !== 'string' || !TRACE_RE.test(e.trace_id)) return 'bad trace_id'
  if (Number(e.version) !== 2) return 'not version 2'
  if (e.errcode !== undefined && Number(e.errcode) !== 0) return `check error ${String(e.errcode)}`
  const result = e.result as { suggest?: unknown; label?: unknown } | undefined
  if (!result || typeof result.suggest !== 'string' || !SUGGESTS.has(result.suggest)) return 'bad result'
  const v: Verdict = { traceId: e.trace_id, suggest: result.suggest }
  if (typeof result.label === 'number') v.label = result.label
  return v
}

export async function applyMediaVerdict(
  db: Database,
  event: unknown,
  at: number,
): Promise<'applied' | 'ignored'> {
  const v = parse(event)
  if (typeof v === 'string') {
    log('security.verdict.ignored', { reason: v })
    return 'ignored'
  }
  // review is not a pass: such a photo is never shown (fail closed).
  const status = v.suggest === 'pass' ? 'pass' : 'rejected'
  const fields: Partial<MediaCheckDoc> = { status, suggest: v.suggest, verdictAt: at }
  if (v.label !== undefined) fields.label = v.label
  const _ = db.command
  await mergeCheck(db, v.traceId, fields, fields as MediaCheckDoc, { status: _.neq('rejected') })
  const doc = await byId<MediaCheckDoc>(db.collection(MEDIA_CHECKS), v.traceId)
  log('security.verdict', { traceId: v.traceId, suggest: v.suggest, status: doc?.status })
  await recomputeOwner(db, doc?.owner, at)
  return 'applied'
}
