/**
 * Message push (消息推送) to cloud functions: WeChat's server sends events (here the `wxa_media_check` verdict
 * of a mediaCheckAsync call) to the function the environment's console routes `<MsgType, Event>` to. The
 * routing comes from a project file, `cloudfunctions/message-push.json`:
 * `[{"msgType": "event", "event": "wxa_media_check", "function": "wxEvents"}]`, re-read on every delivery.
 *
 * Modes: `deliver` (after the API answered, asynchronously), `hold` (kept until `release()`, so a test or a
 * person can look at the pending state), `beforeAnswer` (delivered before the API call answers: the verdict
 * wins the race against the caller's own bookkeeping).
 */
import fs from 'node:fs'
import type { FunctionInvoker } from '../core/types'

export interface PushRule {
  msgType: string
  /** Absent or '' for messages without an Event (e.g. customer-service text). */
  event?: string
  function: string
}

export type VerdictMode = 'deliver' | 'hold' | 'beforeAnswer'

export interface PushDelivery {
  seq: number
  /** Emulator clock time it was queued. */
  time: number
  msgType: string
  event: string
  traceId?: string
  function?: string
  status: 'held' | 'pending' | 'delivered' | 'failed' | 'unrouted'
  attempts: number
  lastAnswer?: string
  payload: Record<string, unknown>
}

export interface MessagePush {
  mode(): VerdictMode
  setMode(mode: VerdictMode): void
  deliveries(filter?: { status?: PushDelivery['status']; traceId?: string }): PushDelivery[]
  /** Delivers held events now (all, or those of one trace_id); resolves when they are done. */
  release(traceId?: string): Promise<PushDelivery[]>
  /** Resolves when no delivery is queued or running: tests await this instead of sleeping. */
  idle(): Promise<void>
  /** Pushes any payload through the routing now, as WeChat's server would (held only if `hold` says so). */
  push(payload: Record<string, unknown>, opts?: { hold?: boolean }): Promise<PushDelivery>
  /** Queues a verdict; answers a promise when the mode is `beforeAnswer` (the caller awaits it). */
  verdict(payload: Record<string, unknown>): Promise<void> | undefined
  stop(): Promise<void>
}

export interface MessagePushOptions {
  /** Routing rules, or the path of the JSON file holding them. */
  rules?: PushRule[] | string
  invoker?: FunctionInvoker
  mode?: VerdictMode
  now: () => number
  log: (line: string) => void
  /** Called on every status change (the openapi records). */
  recorded?: (d: PushDelivery) => void
}

/** WeChat retries a push that is not answered 'success' (or '') three times. */
const ATTEMPTS = 3
const KEEP = 500
const MODES: VerdictMode[] = ['deliver', 'hold', 'beforeAnswer']

export const isVerdictMode = (m: unknown): m is VerdictMode => MODES.includes(m as VerdictMode)

function loadRules(src: PushRule[] | string | undefined, log: (l: string) => void): PushRule[] {
  if (src === undefined) return []
  if (Array.isArray(src)) return src
  let parsed: unknown
  try {
    parsed = JSON.parse(fs.readFileSync(src, 'utf8'))
  } catch (e) {
    log(`[push] ${src} unreadable: ${(e as Error).message}`)
    return []
  }
  if (!Array.isArray(parsed)) return []
  return parsed.filter(
    (r): r is PushRule =>
      !!r && typeof r === 'object' && typeof r.msgType === 'string' && typeof r.function === 'string',
  )
}

export function createMessagePush(o: MessagePushOptions): MessagePush {
  let mode: VerdictMode = o.mode ?? 'deliver'
  let seq = 0
  let stopped = false
  const list: PushDelivery[] = []
  const inFlight = new Set<Promise<void>>()

  const changed = (d: PushDelivery) => o.recorded?.(d)

  async function attempt(d: PushDelivery): Promise<void> {
    const rule = loadRules(o.rules, o.log).find((r) => r.msgType === d.msgType && (r.event ?? '') === d.event)
    if (!rule || !o.invoker) {
      d.status = 'unrouted'
      o.log(`[push] ${d.msgType}/${d.event} has no message-push rule: dropped`)
      return changed(d)
    }
    d.function = rule.function
    d.status = 'pending'
    while (d.attempts < ATTEMPTS && !stopped) {
      d.attempts += 1
      try {
        // No user identity: the sender is WeChat's server ('wx_msgpush' is this emulator's label for it).
        const answer = await o.invoker.invoke(rule.function, d.payload, { source: 'wx_msgpush' })
        d.lastAnswer = typeof answer === 'string' ? answer : (JSON.stringify(answer) ?? 'undefined')
        if (answer === 'success' || answer === '') {
          d.status = 'delivered'
          break
        }
      } catch (e) {
        d.lastAnswer = `threw: ${e instanceof Error ? e.message : String(e)}`
      }
    }
    if (d.status !== 'delivered') d.status = 'failed'
    o.log(`[push] ${d.event} ${d.traceId ?? ''} -> ${rule.function}: ${d.status} (attempt ${d.attempts})`)
    changed(d)
  }

  function start(d: PushDelivery): Promise<void> {
    const p: Promise<void> = attempt(d)
      .catch((e: unknown) => o.log(`[push] delivery failed: ${String(e)}`))
      .finally(() => inFlight.delete(p))
    inFlight.add(p)
    return p
  }

  function queue(payload: Record<string, unknown>, held: boolean): PushDelivery {
    const d: PushDelivery = {
      seq: ++seq,
      time: o.now(),
      msgType: typeof payload.MsgType === 'string' ? payload.MsgType : '',
      event: typeof payload.Event === 'string' ? payload.Event : '',
      status: held ? 'held' : 'pending',
      attempts: 0,
      payload,
    }
    if (typeof payload.trace_id === 'string') d.traceId = payload.trace_id
    list.push(d)
    if (list.length > KEEP) list.splice(0, list.length - KEEP)
    changed(d)
    return d
  }

  return {
    mode: () => mode,
    setMode(m) {
      if (!isVerdictMode(m)) throw new Error(`mode must be one of ${MODES.join(', ')}`)
      mode = m
    },
    deliveries: (f) =>
      list.filter((d) => (!f?.status || d.status === f.status) && (!f?.traceId || d.traceId === f.traceId)),
    async release(traceId) {
      const due = list.filter((d) => d.status === 'held' && (!traceId || d.traceId === traceId))
      for (const d of due) d.status = 'pending'
      await Promise.all(due.map(start))
      return due
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight])
    },
    async push(payload, opts) {
      const d = queue(payload, !!opts?.hold)
      if (!opts?.hold) await start(d)
      return d
    },
    verdict(payload) {
      if (stopped) return undefined
      const d = queue(payload, mode === 'hold')
      if (mode === 'hold') return undefined
      if (mode === 'beforeAnswer') return start(d)
      // After the API's answer is on its way, as WeChat's verdict comes later.
      const p = new Promise<void>((resolve) => setImmediate(() => void start(d).finally(resolve)))
      inFlight.add(p)
      void p.finally(() => inFlight.delete(p))
      return undefined
    },
    async stop() {
      stopped = true
      while (inFlight.size > 0) await Promise.all([...inFlight])
    },
  }
}
