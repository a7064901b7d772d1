/**
 * The emulator's HTTP server: one RPC endpoint `POST /admin` (what wx-server-sdk talks to, PROTOCOL §2)
 * plus module routes by path prefix. Every failure is answered in CloudBase's error shape
 * (`{code, message, requestId}`, HTTP 200, `application/json; charset=utf-8`) so the SDK never sees a crash.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import { randomBytes } from 'node:crypto'
import Busboy from 'busboy'
import { BodyTooLarge, readBody } from './body'
import { CloudbaseError } from './errors'
import { createOriginPolicy } from './origins'
import type { ActionRequest, ActionResult, CallerIdentity, EmulatorModule, MultipartPart } from './types'

export interface FaultSpec {
  action?: string
  path?: string
  status: number
  body: string
  contentType?: string
  /** How many requests the fault answers before it disappears (default 1). */
  times?: number
}

/**
 * Wraps one `/admin` action (fault injection): it may throw (answered as a CloudBase error), or answer 'drop'
 * to close the connection without a reply (the caller's process was killed).
 */
export type ActionInterceptor = (
  call: { action: string; body: Record<string, unknown>; caller?: CallerIdentity },
  run: () => Promise<ActionResult>,
) => Promise<ActionResult | 'drop'>

export interface StartServerOptions {
  port: number
  host?: string
  modules: EmulatorModule[]
  resolveCaller?: (token: string) => CallerIdentity | undefined
  /** Largest accepted `/admin` body (default 50 MB: uploads through 2.x multipart pass here too). */
  maxBodyBytes?: number
  log?: (line: string) => void
  /** Browser origins allowed besides the emulator's own (MALL_ALLOWED_ORIGINS). */
  allowedOrigins?: string[]
  intercept?: ActionInterceptor
  /** `DELETE /__emulator/faults` clears the HTTP faults and calls this (the invocation faults). */
  onFaultsCleared?: () => void
}

export interface EmulatorServer {
  url: string
  port: number
  use(m: EmulatorModule): void
  close(): Promise<void>
  /** Database round trips made by that invocation (keyed by CallerIdentity.invocationId). */
  actionCounts(invocationId: string): number
  injectFault(f: FaultSpec): void
}

const JSON_CT = 'application/json; charset=utf-8'
const CORS_HEADERS = 'content-type, x-mall-dev-openid'
const CORS_METHODS = 'GET, POST, PUT, DELETE, OPTIONS'

export const newRequestId = (): string => randomBytes(16).toString('hex')

function parseMultipart(
  req: IncomingMessage,
  raw: Buffer,
): Promise<{ body: Record<string, unknown>; parts: MultipartPart[] }> {
  return new Promise((resolve, reject) => {
    const body: Record<string, unknown> = {}
    const parts: MultipartPart[] = []
    let bb: ReturnType<typeof Busboy>
    try {
      bb = Busboy({ headers: req.headers, limits: { fieldSize: raw.length + 1 } })
    } catch (e) {
      reject(e)
      return
    }
    bb.on('field', (name, value) => {
      body[name] = value
      parts.push({ name, value: Buffer.from(value, 'utf8') })
    })
    bb.on('file', (name, stream, info) => {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const value = Buffer.concat(chunks)
        const part: MultipartPart = { name, value, contentType: info.mimeType }
        if (info.filename !== undefined) part.filename = info.filename
        parts.push(part)
      })
    })
    bb.on('error', reject)
    bb.on('close', () => resolve({ body, parts }))
    bb.end(raw)
  })
}

/** `envName` may be an object (`cloud.init({env:{database:'a'}})`, PROTOCOL §1.4): use `.database || .default`. */
export function resolveEnvName(v: unknown): string {
  if (typeof v === 'string') return v
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    const pick = o.database ?? o.default
    return typeof pick === 'string' ? pick : ''
  }
  return ''
}

function sendJson(res: ServerResponse, status: number, obj: unknown): void {
  if (res.headersSent) return
  const text = JSON.stringify(obj)
  res.writeHead(status, { 'content-type': JSON_CT, 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

export async function startServer(opts: StartServerOptions): Promise<EmulatorServer> {
  const log = opts.log ?? (() => {})
  const maxBody = opts.maxBodyBytes ?? 50 * 1024 * 1024
  const actions = new Map<string, (req: ActionRequest) => Promise<ActionResult> | ActionResult>()
  const routes: Array<{
    method: string
    prefix: string
    handler: NonNullable<EmulatorModule['routes']>[number]['handler']
  }> = []
  const faults: FaultSpec[] = []
  const counts = new Map<string, number>()
  const isAllowedOrigin = createOriginPolicy({ host: opts.host, extra: opts.allowedOrigins })

  const use = (m: EmulatorModule): void => {
    for (const [name, h] of Object.entries(m.actions ?? {})) {
      if (actions.has(name)) log(`[server] action ${name} redefined by module ${m.name}`)
      actions.set(name, h)
    }
    for (const r of m.routes ?? [])
      routes.push({ method: r.method.toUpperCase(), prefix: r.prefix, handler: r.handler })
    // Longest prefix first so `/__emulator/pay/` wins over `/__emulator/`.
    routes.sort((a, b) => b.prefix.length - a.prefix.length)
  }
  opts.modules.forEach(use)

  const takeFault = (match: (f: FaultSpec) => boolean): FaultSpec | undefined => {
    const i = faults.findIndex(match)
    if (i < 0) return undefined
    const f = faults[i]!
    f.times = (f.times ?? 1) - 1
    if (f.times <= 0) faults.splice(i, 1)
    return f
  }
  const sendFault = (res: ServerResponse, f: FaultSpec): void => {
    res.writeHead(f.status, { 'content-type': f.contentType ?? 'text/plain; charset=utf-8' })
    res.end(f.body)
  }

  const injectFault = (f: FaultSpec): void => {
    if (typeof f.status !== 'number' || typeof f.body !== 'string')
      throw new CloudbaseError('INVALID_PARAM', 'fault needs status and body')
    faults.push({ ...f, times: f.times ?? 1 })
  }

  async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const requestId = newRequestId()
    const fail = (code: string, message: string): void => sendJson(res, 200, { code, message, requestId })
    let raw: Buffer
    try {
      raw = await readBody(req, maxBody)
    } catch (e) {
      if (e instanceof BodyTooLarge)
        return fail('EXCEED_REQUEST_LIMIT', `request body exceeds ${maxBody} bytes`)
      return fail('INVALID_PARAM', 'could not read request body')
    }
    let body: Record<string, unknown>
    let parts: MultipartPart[] | undefined
    const ct = String(req.headers['content-type'] ?? '')
    try {
      if (ct.startsWith('multipart/form-data')) {
        ;({ body, parts } = await parseMultipart(req, raw))
      } else {
        const parsed: unknown = JSON.parse(raw.toString('utf8'))
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object')
        body = parsed as Record<string, unknown>
      }
    } catch {
      return fail('INVALID_PARAM', 'malformed request body: expected a JSON object or multipart/form-data')
    }
    const action = typeof body.action === 'string' ? body.action : ''
    const fault = takeFault(
      (f) =>
        (f.action !== undefined && f.action === action) ||
        (f.path !== undefined && url.pathname.startsWith(f.path)),
    )
    if (fault) return sendFault(res, fault)
    const handler = actions.get(action)
    if (!handler) return fail('INVALID_PARAM', `unknown action: ${action || '(none)'}`)
    const token = typeof body.wxCloudApiToken === 'string' ? body.wxCloudApiToken : ''
    let caller: CallerIdentity | undefined
    if (token && opts.resolveCaller) {
      try {
        caller = opts.resolveCaller(token)
      } catch {
        caller = undefined
      }
    }
    if (caller?.invocationId && action.startsWith('database.')) {
      counts.set(caller.invocationId, (counts.get(caller.invocationId) ?? 0) + 1)
    }
    const areq: ActionRequest = { action, envName: resolveEnvName(body.envName), body, headers: req.headers }
    if (parts) areq.parts = parts
    if (caller) areq.caller = caller
    try {
      const run = async () => handler(areq)
      const result = opts.intercept ? await opts.intercept({ action, body, caller }, run) : await run()
      if (result === 'drop') return void res.destroy()
      if ('json' in result) return sendJson(res, 200, { requestId, ...result.json })
      res.writeHead(200, { 'content-type': result.contentType })
      res.end(result.raw)
    } catch (e) {
      if (e instanceof CloudbaseError) return fail(e.code, e.message)
      log(`[server] ${action} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
      return fail('SYS_ERR', e instanceof Error ? e.message : String(e))
    }
  }

  async function handleFaults(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'DELETE') {
      faults.length = 0
      opts.onFaultsCleared?.()
      return sendJson(res, 200, { ok: true })
    }
    try {
      const f = JSON.parse((await readBody(req, 1024 * 1024)).toString('utf8')) as FaultSpec
      injectFault(f)
      sendJson(res, 200, { ok: true, pending: faults.length })
    } catch (e) {
      sendJson(res, 400, {
        code: 'INVALID_PARAM',
        message: e instanceof Error ? e.message : 'bad fault',
        requestId: newRequestId(),
      })
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost')
    // Browsers always send Origin on cross-origin POSTs (and on same-origin ones); node's SDK never does.
    const origin = req.headers.origin
    const allowed = origin !== undefined && isAllowedOrigin(origin, req.socket.localPort ?? 0)
    if (origin !== undefined) res.setHeader('Vary', 'Origin')
    if (allowed) res.setHeader('Access-Control-Allow-Origin', origin)
    const reads = req.method === 'GET' || req.method === 'HEAD'
    if (!allowed && (origin !== undefined || req.method === 'OPTIONS') && !reads) {
      return sendJson(res, 403, {
        ok: false,
        code: 'FORBIDDEN_ORIGIN',
        message: `不允许来自 ${String(origin ?? '(无 Origin)').slice(0, 200)} 的跨域请求（可在 MALL_ALLOWED_ORIGINS 中添加）`,
        requestId: newRequestId(),
      })
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': CORS_METHODS,
        'Access-Control-Allow-Headers': CORS_HEADERS,
        'Access-Control-Max-Age': '86400',
      })
      return void res.end()
    }
    if (url.pathname === '/admin' && req.method === 'POST') return handleAdmin(req, res, url)
    if (url.pathname === '/__emulator/faults' && (req.method === 'POST' || req.method === 'DELETE'))
      return handleFaults(req, res)
    const fault = takeFault(
      (f) => f.action === undefined && f.path !== undefined && url.pathname.startsWith(f.path),
    )
    if (fault) return sendFault(res, fault)
    const route = routes.find(
      (r) => url.pathname.startsWith(r.prefix) && (r.method === '*' || r.method === req.method),
    )
    if (route) return route.handler(req, res, url)
    sendJson(res, 404, {
      code: 'NOT_FOUND',
      message: `no route for ${req.method} ${url.pathname}`,
      requestId: newRequestId(),
    })
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(
        `[server] ${req.method} ${req.url} crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      )
      if (!res.headersSent)
        sendJson(res, 500, { code: 'SYS_ERR', message: 'internal error', requestId: newRequestId() })
      else res.destroy()
    })
  })
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve())
  })
  const addr = server.address()
  const port = typeof addr === 'object' && addr ? addr.port : opts.port
  const shownHost = !opts.host || opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host
  return {
    url: `http://${shownHost}:${port}`,
    port,
    use,
    actionCounts: (id) => counts.get(id) ?? 0,
    injectFault,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
