/**
 * Open-API fakes (PROTOCOL §9): action `wx.openApi` (multipart; `requestData` = protobuf CommApiData)
 * answered with a protobuf CommOpenApiResp, and the deprecated JSON action `wx.api`. Every call is
 * recorded (memory, last N), logged as one line and listed at `GET /__emulator/openapi/records`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { CloudbaseError } from '../core/errors'
import type {
  ActionRequest,
  ActionResult,
  Clock,
  EmulatorModule,
  FunctionInvoker,
  RouteHandler,
} from '../core/types'
import { FAKES, generic, type FakeAnswer, type FakeContext } from './fakes'
import { API_TYPE, CommApiData, CommOpenApiResp, decode, encode } from './proto'
import { createMessagePush, type MessagePush, type PushRule, type VerdictMode } from './push'
import { openApiRoutes } from './routes'
import { crossAccountInfo, svrkitCall } from './svrkit'
import { DEFAULT_TEMPLATES, type TemplateDef } from './templates'

export type { TemplateDef } from './templates'
export type { MessagePush, PushDelivery, PushRule, VerdictMode } from './push'
export { DEFAULT_TEMPLATES, checkTemplateData } from './templates'

export interface OpenApiRecord {
  seq: number
  /** Emulator clock time (epoch ms). */
  time: number
  api: string
  /** 'call' for a request; other kinds are things a call produced (verdicts, SMS inbox entries). */
  kind: string
  appid: string
  openid?: string
  functionName?: string
  params: Record<string, unknown>
  errcode?: number
  response?: Record<string, unknown>
}

export interface OpenApiFault {
  /** Exact api name; absent = the next call of any api. */
  api?: string
  /** WeChat system error in CommOpenApiResp.errorCode (e.g. -604101). */
  errorCode?: number
  /** CloudBase-level error answered as JSON `{code, message}`. */
  tcb?: { code: string; message: string }
  times?: number
}

export interface OpenApiOptions {
  clock: Clock
  log?: (line: string) => void
  words?: { risky: string[]; review: string[] }
  templates?: Record<string, TemplateDef>
  appid?: string
  /** Records kept in memory (default 500). */
  keep?: number
  /**
   * When given, a function may only call the open APIs its `<functionsDir>/<name>/config.json` lists under
   * `permissions.openapi` (as CloudBase enforces at deploy): others answer errorCode -604101.
   */
  functionsDir?: string
  /** Runs the functions message push is routed to (mediaCheckAsync verdicts). */
  invoker?: FunctionInvoker
  /** Message-push routing: rules, or the path of `cloudfunctions/message-push.json`. */
  messagePush?: PushRule[] | string
  /** How mediaCheckAsync verdicts are pushed (default `deliver`; `hold` keeps them until released). */
  verdicts?: VerdictMode
}

export interface OpenApiFakes {
  module: EmulatorModule
  records(filter?: { api?: string; kind?: string }): OpenApiRecord[]
  clear(): void
  /** SMS inbox: what `cloudbase.sendSms` delivered, newest last. */
  sms(phone?: string): Array<{ phone_number: string; content: string; time: number }>
  injectFault(f: OpenApiFault): void
  setWords(w: Partial<{ risky: string[]; review: string[] }>): void
  addTemplates(t: Record<string, TemplateDef>): void
  /** Message push: the verdict events of mediaCheckAsync, their deliveries, hold / release, `idle()`. */
  push: MessagePush
}

export const DEFAULT_WORDS = { risky: ['BAD', '违禁', '赌博', '毒品'], review: ['REVIEW', '待审', '微商'] }

const JSON_RESP_CT = 'application/json; encoding=utf-8'

export function createOpenApi(opts: OpenApiOptions): OpenApiFakes {
  const log = opts.log ?? (() => {})
  const keep = opts.keep ?? 500
  const appid = opts.appid ?? 'wx0000000000000000'
  let words = { ...DEFAULT_WORDS, ...opts.words }
  const templates: Record<string, TemplateDef> = { ...DEFAULT_TEMPLATES, ...opts.templates }
  const records: OpenApiRecord[] = []
  const faults: OpenApiFault[] = []
  let seq = 0
  const push = createMessagePush({
    rules: opts.messagePush,
    invoker: opts.invoker,
    mode: opts.verdicts,
    now: () => opts.clock.now(),
    log,
    recorded(d) {
      if (d.status === 'held' || d.status === 'pending') return
      const params = { trace_id: d.traceId, function: d.function, status: d.status, attempts: d.attempts }
      record({ api: 'messagePush', kind: `${d.event}#push`, appid, params })
    },
  })

  const record = (r: Omit<OpenApiRecord, 'seq' | 'time'>): OpenApiRecord => {
    const full = { seq: ++seq, time: opts.clock.now(), ...r }
    records.push(full)
    if (records.length > keep) records.splice(0, records.length - keep)
    return full
  }

  const takeFault = (api: string): OpenApiFault | undefined => {
    const i = faults.findIndex((f) => f.api === undefined || f.api === api)
    if (i < 0) return undefined
    const f = faults[i]!
    f.times = (f.times ?? 1) - 1
    if (f.times <= 0) faults.splice(i, 1)
    return f
  }

  const permitted = (fn: string | undefined, api: string): boolean => {
    if (!opts.functionsDir || !fn || !/^[A-Za-z0-9_-]+$/.test(fn)) return true
    let list: unknown
    try {
      const cfg = JSON.parse(fs.readFileSync(path.join(opts.functionsDir, fn, 'config.json'), 'utf8')) as {
        permissions?: { openapi?: unknown }
      }
      list = cfg.permissions?.openapi
    } catch {
      return true
    }
    return !Array.isArray(list) || list.includes(api)
  }

  /** Runs one fake and records it; shared by `wx.openApi` and `wx.api`. */
  function run(
    api: string,
    params: Record<string, unknown>,
    media: Record<string, Buffer>,
    req: ActionRequest,
    callAppid: string,
  ): { answer: FakeAnswer; wait?: Promise<void> } {
    const notes: Array<[string, Record<string, unknown>]> = []
    const ctx: FakeContext = {
      api,
      params,
      media,
      appid: callAppid,
      now: opts.clock.now(),
      templates,
      words,
      note: (kind, data) => notes.push([kind, data]),
    }
    const answer = (FAKES[api] ?? generic)(ctx)
    const errcode = 'json' in answer ? Number(answer.json.errcode ?? 0) : 0
    const who: Pick<OpenApiRecord, 'openid' | 'functionName'> = {}
    if (req.caller?.openid) who.openid = req.caller.openid
    if (req.caller?.functionName) who.functionName = req.caller.functionName
    const rec: Omit<OpenApiRecord, 'seq' | 'time'> = {
      api,
      kind: 'call',
      appid: callAppid,
      ...who,
      params,
      errcode,
    }
    if ('json' in answer) rec.response = answer.json
    else rec.response = { contentType: answer.contentType, bytes: answer.binary.length }
    record(rec)
    let wait: Promise<void> | undefined
    for (const [kind, data] of notes) {
      record({ api, kind, appid: callAppid, ...who, params: data })
      if (kind === 'security.mediaCheckAsync#verdict')
        wait = push.verdict(mediaCheckEvent(data, params, callAppid, opts.clock.now()))
    }
    const shown = JSON.stringify(params)
    log(`[openapi] ${api} ${shown.length > 160 ? `${shown.slice(0, 157)}...` : shown} -> errcode ${errcode}`)
    return wait ? { answer, wait } : { answer }
  }

  const respond = (fields: Record<string, unknown>): ActionResult => ({
    raw: encode(CommOpenApiResp, { errorCode: 0, httpCode: 200, ...fields }),
    contentType: 'application/octet-stream',
  })

  async function openApi(req: ActionRequest): Promise<ActionResult> {
    const api = typeof req.body.apiName === 'string' ? req.body.apiName : ''
    const part = req.parts?.find((p) => p.name === 'requestData')
    if (!api) throw new CloudbaseError('INVALID_PARAM', 'apiName is required')
    if (!part) throw new CloudbaseError('INVALID_PARAM', 'requestData is required')
    let data: Record<string, unknown>
    try {
      data = decode(CommApiData, part.value)
    } catch (e) {
      throw new CloudbaseError(
        'INVALID_PARAM',
        `requestData is not a CommApiData message: ${e instanceof Error ? e.message : String(e)}`,
      )
    }
    const fault = takeFault(api)
    if (fault?.tcb) throw new CloudbaseError(fault.tcb.code, fault.tcb.message)
    if (fault) return respond({ errorCode: fault.errorCode ?? -604101 })
    const callAppid = typeof data.appid === 'string' && data.appid ? data.appid : (req.caller?.appid ?? appid)
    const type = Number(data.apiType ?? 0)
    if (type === API_TYPE.OPEN_API && !permitted(req.caller?.functionName, api)) {
      record({
        api,
        kind: 'denied',
        appid: callAppid,
        functionName: req.caller!.functionName!,
        params: {},
        errcode: -604101,
      })
      log(`[openapi] ${api} denied: not in ${req.caller!.functionName}/config.json permissions.openapi`)
      return respond({ errorCode: -604101 })
    }
    if (type === API_TYPE.SVRKIT_API) return svrkit(data, req, callAppid)
    if (type === API_TYPE.TOKEN_API) return crossAccountToken(data, callAppid)
    if (type !== API_TYPE.OPEN_API)
      throw new CloudbaseError('INVALID_PARAM', `apiType ${type} is not supported by the emulator`)

    const params: Record<string, unknown> = {}
    const media: Record<string, Buffer> = {}
    const pairs = ((data.openapiData as { pairs?: unknown[] } | undefined)?.pairs ?? []) as Array<{
      key?: string
      value?: Buffer
      filename?: string
    }>
    for (const p of pairs) {
      // A `__proto__` key would replace the params object's prototype instead of adding a field.
      if (!p.key || p.key === '__proto__') continue
      const value = Buffer.from(p.value ?? Buffer.alloc(0))
      if (p.filename !== undefined) {
        media[p.key] = value
        params[p.key] = { _media: true, filename: p.filename, contenttype: '', bytes: value.length }
        continue
      }
      try {
        params[p.key] = JSON.parse(value.toString('utf8'))
      } catch {
        params[p.key] = value.toString('utf8')
      }
    }
    const { answer, wait } = run(api, params, media, req, callAppid)
    await wait
    if ('json' in answer)
      return respond({
        respData: Buffer.from(JSON.stringify(answer.json), 'utf8'),
        contentType: JSON_RESP_CT,
      })
    return respond({ respData: answer.binary, contentType: answer.contentType })
  }

  function svrkit(data: Record<string, unknown>, req: ActionRequest, callAppid: string): ActionResult {
    const sv = (data.svrkitData ?? {}) as { apiName?: string; reqData?: Buffer }
    const name = sv.apiName ?? ''
    const reqData = sv.reqData ?? Buffer.alloc(0)
    const nowS = Math.floor(opts.clock.now() / 1000)
    const answer = svrkitCall(name, reqData, nowS, callAppid)
    if (!answer) {
      record({ api: name, kind: 'call', appid: callAppid, params: {}, errcode: -1 })
      return respond({ svrkitErrorCode: -1 })
    }
    const { params, resp } = answer
    const rec: Omit<OpenApiRecord, 'seq' | 'time'> = {
      api: name,
      kind: 'call',
      appid: callAppid,
      params,
      errcode: 0,
    }
    if (req.caller?.openid) rec.openid = req.caller.openid
    record(rec)
    log(`[openapi] ${name} (svrkit) ${JSON.stringify(params)}`)
    return respond({ svrkitErrorCode: 0, respData: resp, contentType: 'application/octet-stream' })
  }

  function crossAccountToken(data: Record<string, unknown>, callAppid: string): ActionResult {
    const t = (data.tokenData ?? {}) as { resourceAppid?: string; resourceEnv?: string }
    if (!t.resourceAppid || !t.resourceEnv)
      throw new CloudbaseError('INVALID_PARAM', 'getCrossAccountToken needs resourceAppid and resourceEnv')
    record({ api: 'getCrossAccountToken', kind: 'call', appid: callAppid, params: { ...t }, errcode: 0 })
    log(`[openapi] getCrossAccountToken ${t.resourceAppid}/${t.resourceEnv}`)
    return respond({ respData: crossAccountInfo(), contentType: 'application/octet-stream' })
  }

  async function wxApi(req: ActionRequest): Promise<ActionResult> {
    const api = typeof req.body.apiName === 'string' ? req.body.apiName : ''
    if (!api) throw new CloudbaseError('INVALID_PARAM', 'apiName is required')
    let params: Record<string, unknown> = {}
    const raw = req.body.requestData
    if (typeof raw === 'string' && raw) {
      try {
        const parsed: unknown = JSON.parse(raw)
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
          params = parsed as Record<string, unknown>
      } catch {
        throw new CloudbaseError('INVALID_PARAM', 'requestData is not JSON')
      }
    }
    const fault = takeFault(api)
    if (fault?.tcb) throw new CloudbaseError(fault.tcb.code, fault.tcb.message)
    const { answer, wait } = run(api, params, {}, req, req.caller?.appid ?? appid)
    await wait
    // The deprecated path answers JSON only: binary fakes and the generic echo reduce to ok.
    const json = FAKES[api] && 'json' in answer ? answer.json : { errcode: 0, errmsg: 'ok' }
    return { json: { data: { responseData: JSON.stringify({ ...json, api }) } } }
  }

  // `fakes` is complete by the time a request arrives.
  const handler: RouteHandler = (req, res, url) => openApiRoutes(fakes)(req, res, url)
  const fakes: OpenApiFakes = {
    module: {
      name: 'openapi',
      actions: { 'wx.openApi': openApi, 'wx.api': wxApi },
      routes: ['GET', 'POST', 'DELETE'].map((method) => ({
        method,
        prefix: '/__emulator/openapi/',
        handler,
      })),
      stop: () => push.stop(),
    },
    records: (filter) =>
      records.filter(
        (r) => (!filter?.api || r.api === filter.api) && (!filter?.kind || r.kind === filter.kind),
      ),
    clear: () => void records.splice(0),
    sms: (phone) =>
      records
        .filter((r) => r.kind === 'cloudbase.sendSms#inbox' && (!phone || r.params.phone_number === phone))
        .map((r) => ({
          phone_number: String(r.params.phone_number),
          content: String(r.params.content),
          time: r.time,
        })),
    injectFault(f) {
      if (f.errorCode === undefined && !f.tcb)
        throw new CloudbaseError('INVALID_PARAM', 'fault needs errorCode or tcb')
      if (f.errorCode !== undefined && (!Number.isInteger(f.errorCode) || f.errorCode === 0))
        throw new CloudbaseError('INVALID_PARAM', 'errorCode must be a non-zero integer')
      if (f.tcb && (typeof f.tcb.code !== 'string' || typeof f.tcb.message !== 'string'))
        throw new CloudbaseError('INVALID_PARAM', 'tcb needs code and message strings')
      faults.push({ ...f, times: f.times ?? 1 })
    },
    setWords(w) {
      for (const k of ['risky', 'review'] as const) {
        const v = w[k]
        if (v === undefined) continue
        if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
          throw new CloudbaseError('INVALID_PARAM', `${k} must be a string array`)
      }
      words = { ...words, ...w }
    },
    addTemplates(t) {
      for (const [id, def] of Object.entries(t)) {
        if (!def || !Array.isArray(def.fields) || def.fields.some((f) => typeof f !== 'string'))
          throw new CloudbaseError('INVALID_PARAM', `template ${id} needs fields: string[]`)
        templates[id] = { title: typeof def.title === 'string' ? def.title : id, fields: def.fields }
      }
    },
    push,
  }
  return fakes
}

/** The `wxa_media_check` push WeChat sends for a verdict, in the JSON form cloud functions receive. */
function mediaCheckEvent(
  verdict: Record<string, unknown>,
  params: Record<string, unknown>,
  appid: string,
  now: number,
): Record<string, unknown> {
  const base = {
    ToUserName: 'gh_0000000local',
    FromUserName: typeof params.openid === 'string' ? params.openid : '',
    CreateTime: Math.floor(now / 1000),
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid,
    trace_id: verdict.trace_id,
  }
  if (Number(params.version) !== 2) {
    const risky = (verdict.result as { suggest?: string }).suggest !== 'pass'
    return { ...base, isrisky: risky ? 1 : 0, extra_info_json: '', status_code: 0 }
  }
  return { ...base, version: 2, detail: verdict.detail, errcode: 0, errmsg: 'ok', result: verdict.result }
}
