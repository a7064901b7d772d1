/**
 * Invocation faults for crash-point tests: kill a function's process at its k-th database write (before or after
 * the write is applied), or fail its k-th open-API / cloudPay call. Armed faults fire once, and only in
 * invocations that start after they were armed, so a test arms, invokes and knows which invocation dies.
 */
import { CloudbaseError, invalidParam } from './core/errors'
import type { ActionInterceptor } from './core/server'
import type { ActionResult } from './core/types'

export type CrashWhen = 'before' | 'after'
export type CallKind = 'openapi' | 'cloudPay'

export interface CrashOptions {
  /** Only invocations of this function (default: any). */
  function?: string
  /** The k-th database write of the invocation (k >= 1). */
  write: number
  when: CrashWhen
}

export interface FailCallOptions {
  function?: string
  /** The k-th call of that kind in the invocation (k >= 1). */
  call: number
  /** Default 'any': open-API and cloudPay calls counted together. */
  kind?: CallKind | 'any'
}

/** Shaped like FiredFault: `kind` is the fault, `callKind` what a failCall counts. */
export type ArmedFault =
  | ({ kind: 'crash'; armedAt: number } & CrashOptions)
  | { kind: 'failCall'; function?: string; call: number; callKind: CallKind | 'any'; armedAt: number }

export interface FiredFault {
  kind: 'crash' | 'failCall'
  function: string
  invocationId: string
  k: number
  when?: CrashWhen
  callKind?: CallKind | 'any'
  action: string
  /** Emulator clock time (epoch ms). */
  at: number
}

export interface Faults {
  crash(o: CrashOptions): void
  failCall(o: FailCallOptions): void
  /** Disarms every invocation fault (not the HTTP faults of `server.injectFault`). */
  clear(): void
  armed(): ArmedFault[]
  fired(): FiredFault[]
  /** Database writes the invocation made (counted whether or not a fault is armed). */
  writes(invocationId: string): number
}

export interface FaultDeps {
  /** SIGKILLs the invocation's worker; resolves once the process is gone. */
  kill(invocationId: string, reason: string): Promise<void>
  abortTransaction(transactionId: string): void
  now(): number
}

/** What the server (`intercept`) and the function runtime (`started` / `ended`) call. */
export interface FaultEngine extends Faults {
  intercept: ActionInterceptor
  started(invocationId: string, functionName: string): void
  /** `killed`: the worker died (fault, timeout, crash): its open transactions are aborted at once. */
  ended(invocationId: string, killed: boolean): void
}

interface Inv {
  fn: string
  seq: number
  writes: number
  calls: Record<CallKind | 'any', number>
  txs: Set<string>
  doomed: boolean
  done: boolean
}
type Armed = ArmedFault & { seq: number }

const KEEP_INVOCATIONS = 10_000
const KEEP_FIRED = 1_000
const NAME_RE = /^[A-Za-z0-9_-]{1,64}$/
const PLAIN_WRITES = new Set([
  'database.insertDocument',
  'database.modifyDocument',
  'database.removeDocument',
])
const CALL_KINDS: Record<string, CallKind> = {
  'wx.openApi': 'openapi',
  'wx.api': 'openapi',
  'wx.wxPayApi': 'cloudPay',
}

/** Buffered transaction writes are not durable until the commit, which is the one write that counts. */
export function isDatabaseWrite(action: string, body: Record<string, unknown>): boolean {
  if (action === 'database.commitTransaction') return true
  const tx = body.transactionId
  return PLAIN_WRITES.has(action) && (tx === undefined || tx === null || tx === '')
}

function checkKeys(o: Record<string, unknown>, allowed: string[]): void {
  const extra = Object.keys(o).filter((k) => !allowed.includes(k))
  if (extra.length)
    throw invalidParam(`unknown field(s): ${extra.join(', ')} (allowed: ${allowed.join(', ')})`)
}
function checkFunction(v: unknown): string | undefined {
  if (v === undefined) return undefined
  if (typeof v !== 'string' || !NAME_RE.test(v)) throw invalidParam('function must be a function name')
  return v
}
function checkK(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 1_000_000)
    throw invalidParam(`${what} must be an integer >= 1`)
  return v
}
const asObject = (o: unknown): Record<string, unknown> => {
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw invalidParam('options must be a JSON object')
  return o as Record<string, unknown>
}

export function parseCrash(input: unknown): CrashOptions {
  const o = asObject(input)
  checkKeys(o, ['function', 'write', 'when'])
  if (o.when !== 'before' && o.when !== 'after') throw invalidParam("when must be 'before' or 'after'")
  const fn = checkFunction(o.function)
  return { ...(fn ? { function: fn } : {}), write: checkK(o.write, 'write'), when: o.when }
}

export function parseFailCall(input: unknown): FailCallOptions {
  const o = asObject(input)
  checkKeys(o, ['function', 'call', 'kind'])
  const kind = o.kind ?? 'any'
  if (kind !== 'openapi' && kind !== 'cloudPay' && kind !== 'any')
    throw invalidParam("kind must be 'openapi', 'cloudPay' or 'any'")
  const fn = checkFunction(o.function)
  return { ...(fn ? { function: fn } : {}), call: checkK(o.call, 'call'), kind }
}

export function createFaults(deps: FaultDeps): FaultEngine {
  let armed: Armed[] = []
  const fired: FiredFault[] = []
  const invs = new Map<string, Inv>()
  // One counter orders armings and invocation starts: "started after armed" without trusting clocks.
  let seq = 0

  function track(id: string, fn: string): Inv {
    let inv = invs.get(id)
    if (!inv) {
      inv = {
        fn,
        seq: ++seq,
        writes: 0,
        calls: { openapi: 0, cloudPay: 0, any: 0 },
        txs: new Set(),
        doomed: false,
        done: false,
      }
      invs.set(id, inv)
      if (invs.size > KEEP_INVOCATIONS) invs.delete(invs.keys().next().value as string)
    }
    return inv
  }

  function take(inv: Inv, match: (f: Armed) => boolean): Armed | undefined {
    const f = armed.find(
      (a) => (a.function === undefined || a.function === inv.fn) && inv.seq > a.seq && match(a),
    )
    if (f) armed = armed.filter((a) => a !== f)
    return f
  }

  function log(f: FiredFault): void {
    fired.push(f)
    if (fired.length > KEEP_FIRED) fired.splice(0, fired.length - KEEP_FIRED)
  }

  function abortAll(inv: Inv): void {
    for (const tx of inv.txs) {
      try {
        deps.abortTransaction(tx)
      } catch {
        // already committed or aborted: nothing holds its locks any more
      }
    }
    inv.txs.clear()
  }

  /** Runs the action and keeps the invocation's set of open transactions up to date. */
  async function runTracked(
    inv: Inv,
    action: string,
    body: Record<string, unknown>,
    run: () => Promise<ActionResult>,
  ) {
    try {
      const result = await run()
      const id = 'json' in result ? result.json.transactionId : undefined
      if (action === 'database.startTransaction' && typeof id === 'string') {
        inv.txs.add(id)
        if (inv.done || inv.doomed) abortAll(inv)
      }
      return result
    } finally {
      if (action === 'database.commitTransaction' || action === 'database.abortTransaction')
        inv.txs.delete(String(body.transactionId))
    }
  }

  async function crash(
    id: string,
    inv: Inv,
    f: CrashOptions,
    action: string,
    run: () => Promise<ActionResult>,
  ) {
    inv.doomed = true
    const reason = `function process killed by an injected fault: crash ${f.when} database write ${f.write} (${action})`
    log({
      kind: 'crash',
      function: inv.fn,
      invocationId: id,
      k: f.write,
      when: f.when,
      action,
      at: deps.now(),
    })
    if (f.when === 'after') {
      try {
        await run()
      } catch {
        // the write was attempted; whatever it answered, the process never hears it
      }
    }
    // The kill completes before the connection drops, so the function cannot act on the answer (or its absence).
    await deps.kill(id, reason)
    return 'drop' as const
  }

  const intercept: ActionInterceptor = async ({ action, body, caller }, run) => {
    if (!caller?.invocationId) return run()
    const id = caller.invocationId
    const inv = track(id, caller.functionName ?? '')
    // A request still in flight from a process being killed must not change anything.
    if (inv.doomed) return 'drop'
    const live = !inv.done
    if (isDatabaseWrite(action, body)) {
      const k = ++inv.writes
      const f = live ? take(inv, (a) => a.kind === 'crash' && a.write === k) : undefined
      if (f?.kind === 'crash') return crash(id, inv, f, action, () => runTracked(inv, action, body, run))
    }
    const callKind = CALL_KINDS[action] as CallKind | undefined
    if (callKind) {
      const k = ++inv.calls[callKind]
      const any = ++inv.calls.any
      const hit = (a: Armed) =>
        a.kind === 'failCall' &&
        (a.callKind === 'any' ? a.call === any : a.callKind === callKind && a.call === k)
      const f = live ? take(inv, hit) : undefined
      if (f?.kind === 'failCall') {
        const api = typeof body.apiName === 'string' ? ` ${body.apiName}` : ''
        log({
          kind: 'failCall',
          function: inv.fn,
          invocationId: id,
          k: f.call,
          callKind: f.callKind,
          action,
          at: deps.now(),
        })
        throw new CloudbaseError(
          'SYS_ERR',
          `injected fault: ${callKind} call ${f.call} failed (${action}${api})`,
        )
      }
    }
    return runTracked(inv, action, body, run)
  }

  return {
    intercept,
    started: (id, fn) => void track(id, fn),
    ended(id, killed) {
      const inv = invs.get(id)
      if (!inv) return
      inv.done = true
      // Requests a dying worker already sent may still arrive: they must not apply anything.
      if (killed) inv.doomed = true
      if (killed) abortAll(inv)
      else inv.txs.clear()
    },
    crash(o) {
      armed.push({ kind: 'crash', ...parseCrash(o), armedAt: deps.now(), seq: ++seq })
    },
    failCall(o) {
      const { kind, ...rest } = parseFailCall(o)
      armed.push({ kind: 'failCall', ...rest, callKind: kind ?? 'any', armedAt: deps.now(), seq: ++seq })
    },
    clear() {
      armed = []
    },
    armed: () => armed.map(({ seq: _seq, ...f }) => f as ArmedFault),
    fired: () => fired.slice(),
    writes: (id) => invs.get(id)?.writes ?? 0,
  }
}
