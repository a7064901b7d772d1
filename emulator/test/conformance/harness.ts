/**
 * Conformance harness: replays the captured steps of results.json (see vectors.ts) with the REAL
 * wx-server-sdk (4.0.2 = `wx-server-sdk`, 2.6.3 = `wx-server-sdk-2`) against the emulator and compares outcomes.
 *
 * API (for step files in this folder, e.g. `storage.conformance.test.ts`):
 *
 *   import { SDK_GENERATIONS, useConformance, type Step } from './harness'
 *   const steps: Step[] = [
 *     { step: 'uploadFile', run: async ({ cloud }) => cloud.uploadFile({ cloudPath: 'a.txt', fileContent: Buffer.from('x') }) },
 *   ]
 *   describe.each(SDK_GENERATIONS)('storage conformance, wx-server-sdk %s', (gen) => {
 *     const h = useConformance(gen, { start: myStarter })     // registers beforeAll/afterAll
 *     for (const s of steps) test(s.step, () => h.check(s))
 *   })
 *
 * - `step` must equal a `step` name in results.json; `run(ctx)` makes the SDK call(s) and returns the SDK's value
 *   (resolve) or throws/rejects with what the SDK threw. `setup(ctx)` (optional) runs first and is not compared.
 * - `ctx` = { cloud, db, _, $, sdk, vars, emu } — `cloud` is the initialised SDK module, `db = cloud.database()`,
 *   `vars` a bag shared by the steps of one generation (ids from earlier steps), `emu` what the starter returned.
 * - `start` (default: `startDbOnly`: startServer + openDatabase on a temp dir) returns `{ url, stop, ...anything }`;
 *   use `startEmulator` from src/index.ts for steps that need functions/storage/openapi/pay.
 * - The env of PROTOCOL §1.5 is set in this process (`sdkEnv(url)`) so both SDK generations talk to the emulator.
 * - Comparison (`compareOutcome`): resolved/rejected must match; results are compared after `normalize` (32-hex ids
 *   -> `<id>`, `tx-…` -> `<tx>`, requestIds dropped, server-generated dates -> `<server-date>`); errors by ctor,
 *   errCode, code and message (normalised, text after `[TransactionConflict]` and emulator URLs masked). For 2.6.3 the
 *   captured 4.0.2 error is first translated with `expected263` (the differences listed in PROTOCOL §12).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer } from '../../src/core/server'
import type { Clock } from '../../src/core/types'
import { type Database, openDatabase } from '../../src/db'
import { VECTORS_DIR } from './vectors'

export type Gen = '4.0.2' | '2.6.3'
export const SDK_GENERATIONS: Gen[] = ['4.0.2', '2.6.3']
export const ENV_ID = 'local-env'

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface StepCtx {
  cloud: any
  db: any
  _: any
  $: any
  gen: Gen
  vars: Record<string, any>
  emu: Started
}
export interface Step {
  step: string
  setup?: (ctx: StepCtx) => Promise<unknown>
  run: (ctx: StepCtx) => Promise<unknown>
  /** Extra assertions on the live result, after the comparison with the capture. */
  after?: (ctx: StepCtx, outcome: Outcome) => Promise<void> | void
}
export interface Started {
  url: string
  stop: () => Promise<void>
  db?: Database
  [k: string]: unknown
}
export interface Outcome {
  outcome: 'resolved' | 'rejected'
  result?: unknown
  error?: Record<string, unknown>
}
interface Captured extends Outcome {
  step: string
}

let capturedCache: Map<string, Captured> | undefined
export function captured(step: string): Captured {
  capturedCache ??= new Map(
    (JSON.parse(fs.readFileSync(path.join(VECTORS_DIR, 'results.json'), 'utf8')) as Captured[]).map((s) => [
      s.step,
      s,
    ]),
  )
  const c = capturedCache.get(step)
  if (!c) throw new Error(`step "${step}" is not in results.json`)
  return c
}

export const testClock = (): Clock => {
  let offset = 0
  return {
    now: () => Date.now() + offset,
    offsetMs: () => offset,
    advance: (ms) => {
      offset += ms
    },
    set: (ms) => {
      if (ms < Date.now() + offset) return false
      offset = ms - Date.now()
      return true
    },
  }
}

/** Default starter: HTTP server + database only, data in a fresh temp dir. */
export async function startDbOnly(): Promise<Started> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-conf-'))
  const clock = testClock()
  const db = openDatabase({ dir, clock, envId: ENV_ID })
  const server = await startServer({ port: 0, modules: [db.module] })
  return {
    url: server.url,
    db,
    clock,
    server,
    stop: async () => {
      await server.close()
      db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** PROTOCOL §1.5: the env a wx-server-sdk needs to talk to a local endpoint (dummy secrets, SCF mode). */
export function sdkEnv(url: string, env = ENV_ID): void {
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    TENCENTCLOUD_SESSIONTOKEN: 'local-session-token',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: env,
    TCB_ENV: env,
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID,TRIGGER_SRC,TCB_ISANONYMOUS_USER,TCB_SESSIONTOKEN,TCB_SOURCE',
    TCB_SEQID: 'local-seq',
    TRIGGER_SRC: 'tcb',
    TCB_ISANONYMOUS_USER: 'false',
    TCB_SESSIONTOKEN: 'local-tcb-session-token',
    TCB_SOURCE: 'wx_devtools',
    WX_CONTEXT_KEYS: 'WX_CLIENTIP,WX_CLIENTIPV6,WX_APPID,WX_OPENID,WX_API_TOKEN',
    WX_OPENID: 'o_client_openid',
    WX_APPID: 'wx0000000000000000',
    WX_CLIENTIP: '127.0.0.1',
    WX_CLIENTIPV6: '::1',
    SILENCE: 'true',
  })
}

export function loadSdk(gen: Gen): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return gen === '4.0.2' ? require('wx-server-sdk') : require('wx-server-sdk-2')
}

/** Same serialisation as the capture: class instances get `__type`, Dates `{__type:'Date', iso}`. */
export function serialize(v: unknown): unknown {
  if (v instanceof Date) return { __type: 'Date', iso: v.toISOString() }
  if (Buffer.isBuffer(v)) return { __type: 'Buffer', length: v.length }
  if (Array.isArray(v)) return v.map(serialize)
  if (v && typeof v === 'object') {
    const ctor = (v as object).constructor?.name
    const out: Record<string, unknown> = ctor && ctor !== 'Object' ? { __type: ctor } : {}
    // Geo instances (db.Geo.Point...) were captured through their toJSON (GeoJSON).
    const toJSON = (v as { toJSON?: () => unknown }).toJSON
    const src = ctor && ctor !== 'Object' && typeof toJSON === 'function' ? toJSON.call(v) : v
    for (const [k, x] of Object.entries(src as object))
      if (x !== undefined && typeof x !== 'function') out[k] = serialize(x)
    return out
  }
  return v
}

export function describeError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) {
    if (e && typeof e === 'object')
      return { isError: false, ctor: e.constructor?.name ?? 'Object', value: serialize(e) }
    return { isError: false, ctor: e === null ? 'null' : (Object(e) as object).constructor.name, value: e }
  }
  const o = e as Error & Record<string, unknown>
  const out: Record<string, unknown> = { isError: true, ctor: o.constructor.name }
  for (const k of ['errCode', 'errMsg', 'message', 'code']) if (o[k] !== undefined) out[k] = o[k]
  return out
}

export async function capture(fn: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { outcome: 'resolved', result: serialize(await fn()) }
  } catch (e) {
    return { outcome: 'rejected', error: describeError(e) }
  }
}

const NOW_YEAR = 2025
export function normalize(v: unknown): unknown {
  if (typeof v === 'string') {
    return v
      .replace(/\b[0-9a-f]{32}\b/g, '<id>')
      .replace(/\btx-[0-9a-f]{16}\b/g, '<tx>')
      .replace(/http:\/\/127\.0\.0\.1:\d+\/admin\?[^\]\s]*/g, '<url>')
      .replace(/\[TransactionConflict\].*$/s, '[TransactionConflict] <detail>')
  }
  if (Array.isArray(v)) return v.map(normalize)
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    if (o.__type === 'Date' && typeof o.iso === 'string' && Number(o.iso.slice(0, 4)) >= NOW_YEAR)
      return '<server-date>'
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(o).sort())
      if (k !== 'requestId' && k !== 'requestID') out[k] = normalize(o[k])
    return out
  }
  return v
}

/** Returns a list of differences (empty = conformant). */
export function compareOutcome(expected: Outcome, actual: Outcome, gen: Gen): string[] {
  const diffs: string[] = []
  if (expected.outcome !== actual.outcome) {
    diffs.push(
      `outcome: expected ${expected.outcome}, got ${actual.outcome} ${JSON.stringify(actual.error ?? actual.result)}`,
    )
    return diffs
  }
  if (expected.outcome === 'resolved') {
    const a = JSON.stringify(normalize(actual.result))
    const e = JSON.stringify(normalize(expected.result))
    if (a !== e) diffs.push(`result:\n  expected ${e}\n  actual   ${a}`)
    return diffs
  }
  const ee = gen === '4.0.2' ? (expected.error ?? {}) : expected263(expected.error ?? {})
  const ae = actual.error ?? {}
  for (const k of ['isError', 'ctor', 'errCode', 'code']) {
    if (JSON.stringify(ee[k]) !== JSON.stringify(ae[k]))
      diffs.push(`error.${k}: expected ${JSON.stringify(ee[k])}, got ${JSON.stringify(ae[k])}`)
  }
  for (const k of ['message', 'errMsg', 'value']) {
    const e = JSON.stringify(normalize(ee[k]))
    const a = JSON.stringify(normalize(ae[k]))
    if (e !== a) diffs.push(`error.${k}:\n  expected ${e}\n  actual   ${a}`)
  }
  return diffs
}

/** wx-server-sdk's TCB_ERR_CODE table (PROTOCOL §3.1); other names map to -501001. */
const ERR_NUM: Record<string, [number, string]> = {
  DATABASE_REQUEST_FAILED: [-502001, 'database request fail'],
  DATABASE_COLLECTION_NOT_EXIST: [-502005, 'database collection not exists'],
  INVALID_PARAM: [-501007, 'invalid parameters'],
}

/**
 * What 2.6.3 shows for an error captured with 4.0.2 (PROTOCOL §12): `throwOnCode:false` makes wx wrap TcbErrors of
 * createCollection/aggregate as numeric errors, transaction errors come back as the plain response object, and a
 * non-JSON HTTP 500 becomes `-501001 … 500 Internal Server Error`.
 */
export function expected263(e: Record<string, unknown>): Record<string, unknown> {
  const msg = String(e.message ?? '')
  if (e.ctor === 'TcbError' && typeof e.code === 'string' && e.errCode === -1) {
    const [num, text] = ERR_NUM[e.code] ?? [-501001, 'resource system error']
    const m = /^([\w.]+:fail) (.*)$/s.exec(msg)
    const full = m ? `${m[1]} ${num} ${text}. ${m[2]}` : msg
    return { isError: true, ctor: 'Error', errCode: num, errMsg: full, message: full }
  }
  if (e.ctor === 'TcbError' && typeof e.code === 'string') {
    return { isError: false, ctor: 'Object', value: { code: e.code, message: msg } }
  }
  if (e.ctor === 'SyntaxError') {
    const api = msg.split(':fail')[0]
    const full = `${api}:fail -501001 resource system error.  500 Internal Server Error | [<url>]`
    return { isError: true, ctor: 'Error', errCode: -501001, errMsg: full, message: full }
  }
  if (typeof e.message === 'string') {
    // 2.x puts two spaces before an HTTP status text.
    const fix = (t: unknown) => (typeof t === 'string' ? t.replace(/error\. (\d{3} )/, 'error.  $1') : t)
    return { ...e, message: fix(e.message), errMsg: fix(e.errMsg) }
  }
  return e
}

export interface Conformance {
  ctx: () => StepCtx
  check: (s: Step) => Promise<void>
}

/** Registers beforeAll/afterAll for one SDK generation and returns the step checker. */
export function useConformance(gen: Gen, opts: { start?: () => Promise<Started> } = {}): Conformance {
  let c: StepCtx | undefined
  beforeAll(async () => {
    const emu = await (opts.start ?? startDbOnly)()
    sdkEnv(emu.url)
    const cloud = loadSdk(gen)
    cloud.init({ env: ENV_ID })
    const db = cloud.database()
    c = { cloud, db, _: db.command, $: db.command.aggregate, gen, vars: {}, emu }
  })
  afterAll(async () => {
    await c?.emu.stop()
  })
  const ctx = () => {
    if (!c) throw new Error('conformance context not started')
    return c
  }
  return {
    ctx,
    check: async (s) => {
      const x = ctx()
      if (s.setup) await s.setup(x)
      const actual = await capture(() => s.run(x))
      const diffs = compareOutcome(captured(s.step), actual, gen)
      if (diffs.length)
        throw new Error(`step "${s.step}" (wx-server-sdk ${gen}) differs:\n${diffs.join('\n')}`)
      await s.after?.(x, actual)
    },
  }
}
