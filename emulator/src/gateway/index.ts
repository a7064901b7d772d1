import fs from 'node:fs'
import path from 'node:path'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { BodyTooLarge, readBody } from '../core/body'
import type { EmulatorModule, InvokeOptions } from '../core/types'
import { jsonDepthExceeds } from './depth'
import { signinPage } from './signin'
import { uploadHandler } from './upload'

/** A seeded demo user the gateway can act as (h5 dev sign-in). */
export interface DevIdentity {
  openid: string
  name: string
  role: 'shopper' | 'admin'
  unionid?: string
}

export interface GatewayOptions {
  invoker: {
    invokeWithInfo(
      name: string,
      event: unknown,
      opts?: InvokeOptions,
    ): Promise<{ result: unknown; requestId: string; ms: number; cold: boolean }>
    has(name: string): boolean
  }
  /** Database round trips an invocation made (server.actionCounts), reported as `x-mall-db-calls`. */
  dbCalls?: (invocationId: string) => number
  identities: () => DevIdentity[]
  /** The h5 build to serve at `/` (SPA with hash routes: index.html plus assets). */
  h5Dir?: string
  maxBodyBytes?: number
  /** Emulator storage, for `POST /storage/upload` (h5 photo uploads); the route is absent without it. */
  storage?: { put(cloudPath: string, bytes: Buffer): string }
}

const JSON_CT = 'application/json; charset=utf-8'
const NAME_RE = /^[A-Za-z0-9_-]{1,64}$/
const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/
/** Deeper events are refused before a function runs: recursive code downstream would overflow the stack. */
export const MAX_JSON_DEPTH = 32
/** Only JSON: a `text/plain` (or form) POST is a "simple" request a foreign page can send without preflight. */
const JSON_TYPE_RE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': JSON_CT,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...extra,
  })
  res.end(text)
}

const failure = (code: string, message: string) => ({ ok: false, code, message })

/** Removes the IPv4-mapped prefix so WX_CLIENTIP looks like the real one (`127.0.0.1`). */
const clientIpOf = (req: IncomingMessage) => (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '')

export function createGateway(o: GatewayOptions): { module: EmulatorModule; staticModule: EmulatorModule } {
  const maxBody = o.maxBodyBytes ?? 1024 * 1024

  // No default identity: whoever calls must say who they act as (the h5 app picks one when none is chosen).
  function whoIs(req: IncomingMessage): { openid: string; unionid?: string } | 'missing' | 'malformed' {
    const header = req.headers['x-mall-dev-openid']
    const raw = Array.isArray(header) ? header[0] : header
    if (raw === undefined || raw === '') return 'missing'
    if (!OPENID_RE.test(raw)) return 'malformed'
    const known = o.identities().find((i) => i.openid === raw)
    return { openid: raw, unionid: known?.unionid }
  }

  async function callFunction(req: IncomingMessage, res: ServerResponse, url: URL) {
    let name: string
    try {
      name = decodeURIComponent(url.pathname.slice('/functions/'.length))
    } catch {
      name = ''
    }
    if (!NAME_RE.test(name) || !o.invoker.has(name)) {
      return sendJson(res, 404, failure('FUNCTION_NOT_FOUND', `云函数 ${name.slice(0, 64)} 不存在`))
    }
    if (!JSON_TYPE_RE.test(String(req.headers['content-type'] ?? '').trim()))
      return sendJson(
        res,
        415,
        failure('UNSUPPORTED_MEDIA_TYPE', '请求体必须是 JSON（Content-Type: application/json）'),
      )
    const who = whoIs(req)
    if (who === 'missing')
      return sendJson(res, 401, failure('UNAUTHENTICATED', '缺少 x-mall-dev-openid：请先选择测试身份'))
    if (who === 'malformed')
      return sendJson(res, 400, failure('BAD_IDENTITY', 'x-mall-dev-openid 格式不正确'))
    let raw: Buffer
    try {
      raw = await readBody(req, maxBody)
    } catch (e) {
      if (e instanceof BodyTooLarge)
        return sendJson(res, 413, failure('PAYLOAD_TOO_LARGE', `请求体超过 ${maxBody} 字节`))
      return sendJson(res, 400, failure('BAD_REQUEST', '无法读取请求体'))
    }
    let event: unknown = {}
    const text = raw.toString('utf8').trim()
    if (text !== '') {
      if (jsonDepthExceeds(text, MAX_JSON_DEPTH))
        return sendJson(res, 400, failure('TOO_DEEP', `请求体嵌套层级过深（最多 ${MAX_JSON_DEPTH} 层）`))
      try {
        event = JSON.parse(text)
      } catch {
        return sendJson(res, 400, failure('BAD_JSON', '请求体不是合法的 JSON'))
      }
    }
    try {
      const r = await o.invoker.invokeWithInfo(name, event, {
        openid: who.openid,
        unionid: who.unionid,
        source: 'wx_client',
        clientIp: clientIpOf(req),
      })
      // For people and perf tests: which invocation this was, how long it ran, how many DB round trips it made.
      const info: Record<string, string> = {
        'x-mall-invocation-id': r.requestId,
        'x-mall-function-ms': String(r.ms),
        'x-mall-cold-start': r.cold ? '1' : '0',
        'access-control-expose-headers':
          'x-mall-invocation-id, x-mall-function-ms, x-mall-cold-start, x-mall-db-calls',
      }
      if (o.dbCalls) info['x-mall-db-calls'] = String(o.dbCalls(r.requestId))
      sendJson(res, 200, r.result ?? null, info)
    } catch (e) {
      sendJson(res, 502, failure('FUNCTION_FAILED', e instanceof Error ? e.message : String(e)))
    }
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (!o.h5Dir) {
      res.writeHead(302, { location: '/__dev/signin' })
      return void res.end()
    }
    const root = path.resolve(o.h5Dir)
    let rel: string
    try {
      rel = decodeURIComponent(url.pathname)
    } catch {
      return sendJson(res, 400, failure('BAD_REQUEST', '路径无法解码'))
    }
    if (rel.includes('\0')) return sendJson(res, 400, failure('BAD_REQUEST', '非法路径'))
    let file = path.resolve(root, '.' + path.posix.normalize('/' + rel))
    // No escaping the build directory, whatever the encoding of the dots and slashes.
    if (file !== root && !file.startsWith(root + path.sep))
      return sendJson(res, 404, failure('NOT_FOUND', '文件不存在'))
    let stat = fs.statSync(file, { throwIfNoEntry: false })
    if (stat?.isDirectory()) {
      file = path.join(file, 'index.html')
      stat = fs.statSync(file, { throwIfNoEntry: false })
    }
    if (!stat?.isFile()) {
      // Hash routes never reach here; a path without an extension is an SPA route, so index.html answers it.
      if (path.extname(rel) !== '') return sendJson(res, 404, failure('NOT_FOUND', '文件不存在'))
      file = path.join(root, 'index.html')
      stat = fs.statSync(file, { throwIfNoEntry: false })
      if (!stat?.isFile())
        return sendJson(res, 404, failure('NOT_FOUND', 'h5 构建不存在，请先运行 npm run build:h5'))
    }
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream'
    res.writeHead(200, {
      'content-type': type,
      'content-length': stat.size,
      'cache-control': type.startsWith('text/html') ? 'no-cache' : 'public, max-age=300',
    })
    if (req.method === 'HEAD') return void res.end()
    fs.createReadStream(file).pipe(res)
  }

  const module: EmulatorModule = {
    name: 'gateway',
    routes: [
      { method: 'POST', prefix: '/functions/', handler: callFunction },
      ...(o.storage
        ? [
            {
              method: 'POST',
              prefix: '/storage/upload',
              handler: uploadHandler({
                put: (p, b) => o.storage!.put(p, b),
                whoIs,
                send: (res, status, body) => sendJson(res, status, body),
              }),
            },
          ]
        : []),
      {
        method: 'GET',
        prefix: '/__dev/identities',
        handler: (_req, res) => sendJson(res, 200, { identities: o.identities() }),
      },
      {
        method: 'GET',
        prefix: '/__dev/signin',
        handler: (_req, res) => {
          const html = signinPage(o.identities())
          res.writeHead(200, {
            'content-type': 'text/html; charset=utf-8',
            'content-length': Buffer.byteLength(html),
          })
          res.end(html)
        },
      },
    ],
  }
  const staticModule: EmulatorModule = {
    name: 'h5',
    routes: [
      { method: 'GET', prefix: '/', handler: serveStatic },
      { method: 'HEAD', prefix: '/', handler: serveStatic },
    ],
  }
  return { module, staticModule }
}
