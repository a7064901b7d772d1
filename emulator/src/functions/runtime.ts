import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { CloudbaseError, invalidParam } from '../core/errors'
import type { CallerIdentity, Clock, EmulatorModule, FunctionInvoker, InvokeOptions } from '../core/types'
import { baseEnv, identityEnv } from './env'
import { createTimerScheduler, type TimerScheduler } from './timers'
import { FunctionWorker } from './worker'

export interface FunctionRuntimeOptions {
  functionsDir: string
  serverUrl: string
  envId: string
  appid: string
  clock: Clock
  poolSize?: number
  /** Default per-invocation limit; a function's config.json `timeout` (seconds, as on CloudBase) wins. */
  timeoutMs?: number
  timers?: boolean
  log?: (l: string) => void
  /** Start one worker per function up front and load its bundle (npm start); tests leave it off. */
  prewarm?: boolean
  /** Invocation log length kept in memory. */
  logSize?: number
  /** Who a call without a known WX_API_TOKEN runs as (PROTOCOL §6: the capture used these). */
  defaultCaller?: { openid: string; unionid?: string }
  /** Told when each invocation starts and ends (fault injection counts per invocation). */
  hooks?: InvocationHooks
}

export interface InvocationHooks {
  started(invocationId: string, functionName: string): void
  /** `killed`: its worker died (timeout, crash, injected fault). */
  ended(invocationId: string, killed: boolean): void
}

export interface InvocationLogEntry {
  /** Emulator clock time (epoch ms) when the invocation started. */
  time: number
  requestId: string
  function: string
  openid?: string
  source?: string
  triggerSrc: 'tcb' | 'timer'
  ms: number
  ok: boolean
  error?: string
  cold: boolean
}

export interface ClientEnvOptions extends InvokeOptions {
  clientIpV6?: string
}

export interface FunctionRuntime extends FunctionInvoker {
  module: EmulatorModule
  /** Like invoke, plus the invocation id (= CallerIdentity.invocationId, for server.actionCounts) and timing. */
  invokeWithInfo(
    name: string,
    event: unknown,
    opts?: InvokeOptions,
  ): Promise<{ result: unknown; requestId: string; ms: number; cold: boolean }>
  resolveCaller(token: string): CallerIdentity | undefined
  /** Env vars that make a wx-server-sdk in any process talk to this emulator as that identity. */
  clientEnv(opts?: ClientEnvOptions): Record<string, string>
  log(): InvocationLogEntry[]
  /** Function names with a bundle (`<functionsDir>/<name>/index.js`). */
  list(): string[]
  has(name: string): boolean
  /** Starts one loaded worker for every function that has none (done at creation when `prewarm` is set). */
  prewarm(): void
  /** Runs due timer triggers now (also happens by itself, and whenever the clock moves). */
  runDueTimers(): Promise<void>
  /** SIGKILLs the worker running that invocation, which then rejects with `reason`; resolves once it is gone. */
  kill(invocationId: string, reason: string): Promise<void>
  stop(): Promise<void>
}

/**
 * An event that arrived as JSON text (an SDK callFunction's request_data): it reaches the worker as that text,
 * as on CloudBase, so a hostile nesting depth is the function's to refuse instead of crashing the
 * serialisation on the way.
 */
class JsonEvent {
  constructor(readonly text: string) {}
}

interface Job {
  name: string
  file: string
  event: unknown
  opts: InvokeOptions
  resolve: (r: RawResult) => void
  reject: (e: Error) => void
}

interface RawResult {
  json: string
  requestId: string
  ms: number
  cold: boolean
}

interface Pool {
  workers: FunctionWorker[]
  queue: Job[]
}

const NAME_RE = /^[A-Za-z0-9_-]{1,64}$/
const TOKEN_TTL_MS = 60_000

export const DEFAULT_CALLER = { openid: 'o_local_openid_0001', unionid: 'u_local_unionid_0001' }

export function createFunctionRuntime(opts: FunctionRuntimeOptions): FunctionRuntime {
  const poolSize = Math.max(1, opts.poolSize ?? 2)
  const defaultTimeoutMs = opts.timeoutMs ?? 20_000
  const configs = new Map<string, { mtime: number; timeoutMs?: number }>()

  /** config.json `timeout` in seconds (CloudBase: 1..900), re-read when the file changes. */
  function timeoutOf(name: string): number {
    const file = path.join(opts.functionsDir, name, 'config.json')
    let mtime = -1
    try {
      mtime = fs.statSync(file).mtimeMs
    } catch {
      // no config.json: the default applies
    }
    let c = configs.get(name)
    if (!c || c.mtime !== mtime) {
      c = { mtime }
      if (mtime >= 0) {
        try {
          const t = (JSON.parse(fs.readFileSync(file, 'utf8')) as { timeout?: unknown }).timeout
          if (typeof t === 'number' && t > 0 && t <= 900) c.timeoutMs = t * 1000
          else if (t !== undefined)
            out(`[fn] ${name}/config.json: timeout must be 1..900 seconds, using the default`)
        } catch (e) {
          out(`[fn] ${name}/config.json unreadable: ${(e as Error).message}`)
        }
      }
      configs.set(name, c)
    }
    return c.timeoutMs ?? defaultTimeoutMs
  }
  const logSize = opts.logSize ?? 500
  const out = opts.log ?? (() => undefined)
  const defaultCaller = opts.defaultCaller ?? DEFAULT_CALLER
  const shared = baseEnv({ serverUrl: opts.serverUrl, envId: opts.envId })
  const pools = new Map<string, Pool>()
  const tokens = new Map<string, { identity: CallerIdentity; expires: number }>()
  const entries: InvocationLogEntry[] = []
  const running = new Map<string, { w: FunctionWorker; killedBecause?: string }>()
  let stopped = false

  const newId = (bytes: number) => randomBytes(bytes).toString('hex')
  const bundleOf = (name: string) => path.join(opts.functionsDir, name, 'index.js')
  const has = (name: string) => NAME_RE.test(name) && fs.existsSync(bundleOf(name))

  function versionOf(file: string): string {
    try {
      const st = fs.statSync(file)
      return `${st.mtimeMs}:${st.size}`
    } catch {
      return 'missing'
    }
  }

  function pruneTokens() {
    const now = Date.now()
    for (const [t, v] of tokens) if (v.expires < now) tokens.delete(t)
  }

  function record(e: InvocationLogEntry) {
    entries.push(e)
    if (entries.length > logSize) entries.splice(0, entries.length - logSize)
    const who = e.openid ?? '-'
    const status = e.ok ? 'ok' : `error: ${(e.error ?? '').split('\n')[0].slice(0, 160)}`
    out(
      `[fn] ${new Date(e.time).toISOString()} ${e.function} ${who} ${e.source ?? e.triggerSrc} ${e.ms}ms ${e.cold ? 'cold' : 'warm'} ${status}`,
    )
  }

  function poolOf(name: string): Pool {
    let p = pools.get(name)
    if (!p) pools.set(name, (p = { workers: [], queue: [] }))
    return p
  }

  function retire(pool: Pool, w: FunctionWorker) {
    pool.workers = pool.workers.filter((x) => x !== w)
    void w.kill()
  }

  function spawn(pool: Pool, name: string, version: string): FunctionWorker {
    const w = new FunctionWorker(name, version, { ...shared, SCF_FUNCTIONNAME: name }, (line) =>
      out(`[${name}] ${line}`),
    )
    pool.workers.push(w)
    return w
  }

  function prewarm() {
    if (stopped) return
    for (const name of list()) {
      const pool = poolOf(name)
      if (pool.workers.length > 0) continue
      spawn(pool, name, versionOf(bundleOf(name))).preload(bundleOf(name))
    }
  }

  function list(): string[] {
    try {
      return fs
        .readdirSync(opts.functionsDir)
        .filter((n) => has(n))
        .sort()
    } catch {
      return []
    }
  }

  function pump(name: string) {
    const pool = poolOf(name)
    if (pool.queue.length === 0) return
    const version = versionOf(pool.queue[0].file)
    // New code: idle workers of an older bundle go; busy ones go when they finish.
    for (const w of pool.workers) if (!w.busy && (w.version !== version || w.dead)) retire(pool, w)
    while (pool.queue.length > 0) {
      let w = pool.workers.find((x) => !x.busy && !x.dead)
      if (!w) {
        if (pool.workers.length >= poolSize) return
        w = spawn(pool, name, version)
      }
      void execute(pool, w, pool.queue.shift() as Job)
    }
  }

  async function execute(pool: Pool, w: FunctionWorker, job: Job) {
    w.busy = true
    let cold = w.invocations === 0
    w.invocations++
    const requestId = newId(16)
    const token = `local-api-token-${newId(8)}`
    const o = job.opts
    const triggerSrc = o.triggerSrc ?? 'tcb'
    const identity: CallerIdentity = {
      openid: o.openid,
      appid: o.appid ?? opts.appid,
      unionid: o.unionid,
      source: o.source ?? (triggerSrc === 'timer' ? undefined : 'wx_client'),
      functionName: job.name,
      invocationId: requestId,
    }
    pruneTokens()
    tokens.set(token, { identity, expires: Number.POSITIVE_INFINITY })
    const env = {
      ...shared,
      ...identityEnv({
        ...o,
        appid: identity.appid,
        source: identity.source,
        token,
        functionName: job.name,
        requestId,
        clockOffsetMs: opts.clock.offsetMs(),
      }),
    }
    const timeoutMs = timeoutOf(job.name)
    const environ = Object.entries(env)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k}=${v}`)
      .join(';')
    const context = {
      request_id: requestId,
      function_name: job.name,
      function_version: '$LATEST',
      namespace: opts.envId,
      memory_limit_in_mb: 256,
      time_limit_in_ms: timeoutMs,
      environ,
    }
    const time = opts.clock.now()
    const started = Date.now()
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`[Timeout] Invoking task timed out after ${timeoutMs} ms`)),
        timeoutMs,
      )
    })
    let failure: Error | null = null
    let killed = false
    let json = 'null'
    const live: { w: FunctionWorker; killedBecause?: string } = { w }
    running.set(requestId, live)
    opts.hooks?.started(requestId, job.name)
    try {
      const ev = job.event instanceof JsonEvent ? { eventJson: job.event.text } : { event: job.event }
      const run = w.run({ type: 'invoke', id: requestId, file: job.file, ...ev, context, env })
      run.catch(() => undefined) // after a timeout the kill rejects it; nobody waits any more
      const reply = await Promise.race([run, timedOut])
      if (reply.coldLoad !== undefined) cold = reply.coldLoad
      if (reply.ok) json = reply.json ?? 'null'
      else failure = new Error(reply.error ?? 'function failed')
    } catch (e) {
      failure = live.killedBecause ? new Error(live.killedBecause) : (e as Error)
      killed = true
      // A timed-out or broken worker cannot be trusted with the next invocation.
      retire(pool, w)
    } finally {
      clearTimeout(timer)
      running.delete(requestId)
      tokens.set(token, { identity, expires: Date.now() + TOKEN_TTL_MS })
      w.busy = false
    }
    opts.hooks?.ended(requestId, killed)
    record({
      time,
      requestId,
      function: job.name,
      openid: o.openid,
      source: identity.source,
      triggerSrc,
      ms: Date.now() - started,
      ok: !failure,
      error: failure?.message,
      cold,
    })
    if (w.version !== versionOf(job.file) && pool.workers.includes(w)) retire(pool, w)
    if (failure) job.reject(new CloudbaseError('FUNCTIONS_EXECUTE_FAIL', failure.message))
    else job.resolve({ json, requestId, ms: Date.now() - started, cold })
    if (!stopped) pump(job.name)
  }

  function invokeRaw(name: string, event: unknown, o: InvokeOptions = {}): Promise<RawResult> {
    if (stopped) return Promise.reject(new CloudbaseError('FUNCTIONS_EXECUTE_FAIL', 'emulator is stopped'))
    if (!has(name)) {
      return Promise.reject(
        new CloudbaseError(
          'FUNCTIONS_EXECUTE_FAIL',
          `[ResourceNotFound.Function] function ${name} not found in ${opts.functionsDir}`,
        ),
      )
    }
    return new Promise<RawResult>((resolve, reject) => {
      poolOf(name).queue.push({ name, file: bundleOf(name), event, opts: o, resolve, reject })
      pump(name)
    })
  }

  const invoke = async (name: string, event: unknown, o?: InvokeOptions) =>
    JSON.parse((await invokeRaw(name, event, o)).json) as unknown

  const invokeWithInfo = async (name: string, event: unknown, o?: InvokeOptions) => {
    const r = await invokeRaw(name, event, o)
    return { result: JSON.parse(r.json) as unknown, requestId: r.requestId, ms: r.ms, cold: r.cold }
  }

  function resolveCaller(token: string): CallerIdentity | undefined {
    const hit = tokens.get(token)
    if (!hit || hit.expires < Date.now()) return undefined
    return hit.identity
  }

  function clientEnv(o: ClientEnvOptions = {}): Record<string, string> {
    const token = `local-client-token-${newId(8)}`
    const identity: CallerIdentity = {
      openid: o.openid,
      appid: o.appid ?? opts.appid,
      unionid: o.unionid,
      source: o.source ?? 'wx_client',
    }
    tokens.set(token, { identity, expires: Number.POSITIVE_INFINITY })
    const env = {
      ...shared,
      ...identityEnv({
        ...o,
        appid: identity.appid,
        source: identity.source,
        token,
        requestId: newId(8),
        clockOffsetMs: 0,
      }),
    }
    delete env.MALL_CLOCK_OFFSET_MS // a client lives across clock moves
    const result: Record<string, string> = {}
    for (const [k, v] of Object.entries(env)) if (v !== null) result[k] = v
    return result
  }

  const module: EmulatorModule = {
    name: 'functions',
    actions: {
      'functions.invokeFunction': async (req) => {
        const name = req.body.function_name
        if (typeof name !== 'string' || name === '')
          throw invalidParam('function_name must be a non-empty string')
        const raw = req.body.request_data
        let event: unknown = {}
        if (typeof raw === 'string') {
          try {
            JSON.parse(raw || '{}')
          } catch {
            throw invalidParam('request_data is not valid JSON')
          }
          event = raw === '' ? {} : new JsonEvent(raw)
        } else if (raw !== undefined) {
          event = raw
        }
        const caller =
          req.caller ??
          (typeof req.body.wxCloudApiToken === 'string' ? resolveCaller(req.body.wxCloudApiToken) : undefined)
        // A call from inside a function keeps its user and becomes 'wx_server' (PROTOCOL §6).
        const as: InvokeOptions = caller
          ? {
              openid: caller.openid,
              appid: caller.appid,
              unionid: caller.unionid,
              source: caller.functionName ? 'wx_server' : 'wx_client',
            }
          : { ...defaultCaller, source: 'wx_client' }
        const { json } = await invokeRaw(name, event, as)
        return { json: { data: { response_data: json } } }
      },
    },
  }

  let scheduler: TimerScheduler | null = null
  if (opts.timers !== false) {
    scheduler = createTimerScheduler({
      functionsDir: opts.functionsDir,
      clock: opts.clock,
      log: out,
      fire: (name, event) => invoke(name, event, { triggerSrc: 'timer', appid: opts.appid }),
    })
  }

  if (opts.prewarm) prewarm()

  return {
    module,
    invoke,
    invokeWithInfo,
    resolveCaller,
    clientEnv,
    log: () => entries.slice(),
    list,
    prewarm,
    has,
    runDueTimers: async () => {
      await scheduler?.check()
    },
    async kill(invocationId, reason) {
      const live = running.get(invocationId)
      if (!live) return
      live.killedBecause ??= reason
      await live.w.kill()
    },
    async stop() {
      if (stopped) return
      stopped = true
      scheduler?.stop()
      const kills: Array<Promise<void>> = []
      for (const pool of pools.values()) {
        for (const job of pool.queue.splice(0))
          job.reject(new CloudbaseError('FUNCTIONS_EXECUTE_FAIL', 'emulator is stopping'))
        for (const w of pool.workers) kills.push(w.kill())
        pool.workers = []
      }
      await Promise.all(kills)
    },
  }
}
