/**
 * CloudBase "HTTP 访问服务" for local use: `ANY /__http/<function>/<rest>` runs the function with the
 * integration-request event CloudBase builds, `{path, httpMethod, headers, body, isBase64Encoded,
 * queryStringParameters}`, and answers its integration response `{statusCode, headers, body, isBase64Encoded}`
 * (any other result is sent as JSON with 200). No user identity: a server calls these (payment notifications).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { BodyTooLarge, readBody } from '../core/body'
import type { EmulatorModule, InvokeOptions } from '../core/types'

const NAME_RE = /^[A-Za-z0-9_-]{1,64}$/
const PREFIX = '/__http/'

export interface HttpTriggerOptions {
  invoker: {
    invoke(name: string, event: unknown, opts?: InvokeOptions): Promise<unknown>
    has(name: string): boolean
  }
  maxBodyBytes?: number
}

const isText = (ct: string) => ct === '' || /json|text|xml|x-www-form-urlencoded/i.test(ct)

export function httpTriggerModule(o: HttpTriggerOptions): EmulatorModule {
  const max = o.maxBodyBytes ?? 1024 * 1024
  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const rest = url.pathname.slice(PREFIX.length)
    const slash = rest.indexOf('/')
    const name = slash < 0 ? rest : rest.slice(0, slash)
    const send = (status: number, text: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      res.end(text)
    }
    if (!NAME_RE.test(name) || !o.invoker.has(name))
      return send(
        404,
        JSON.stringify({ code: 'FUNCTION_NOT_FOUND', message: `云函数 ${name.slice(0, 64)} 不存在` }),
      )
    let raw: Buffer
    try {
      raw = await readBody(req, max)
    } catch (e) {
      return send(
        e instanceof BodyTooLarge ? 413 : 400,
        JSON.stringify({ code: 'BAD_REQUEST', message: '无法读取请求体' }),
      )
    }
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v
    const text = isText(String(req.headers['content-type'] ?? ''))
    const event = {
      path: slash < 0 ? '/' : rest.slice(slash),
      httpMethod: req.method ?? 'GET',
      headers,
      queryStringParameters: Object.fromEntries(url.searchParams),
      body: text ? raw.toString('utf8') : raw.toString('base64'),
      isBase64Encoded: !text,
      requestContext: { appId: '', envId: '', requestId: '', uin: '' },
    }
    let result: unknown
    try {
      result = await o.invoker.invoke(name, event, {
        source: 'wx_http',
        clientIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      })
    } catch (e) {
      return send(
        502,
        JSON.stringify({ code: 'FUNCTION_FAILED', message: e instanceof Error ? e.message : String(e) }),
      )
    }
    const r = result as {
      statusCode?: unknown
      headers?: unknown
      body?: unknown
      isBase64Encoded?: unknown
    } | null
    if (r && typeof r === 'object' && typeof r.statusCode === 'number') {
      const h: Record<string, string> = {}
      if (r.headers && typeof r.headers === 'object')
        for (const [k, v] of Object.entries(r.headers as Record<string, unknown>)) h[k] = String(v)
      const body =
        typeof r.body === 'string'
          ? Buffer.from(r.body, r.isBase64Encoded === true ? 'base64' : 'utf8')
          : Buffer.from(JSON.stringify(r.body ?? ''))
      res.writeHead(r.statusCode, { 'content-type': 'application/json; charset=utf-8', ...h })
      return void res.end(body)
    }
    send(200, JSON.stringify(result ?? null))
  }
  return {
    name: 'http-trigger',
    routes: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'].map((method) => ({
      method,
      prefix: PREFIX,
      handler: handle,
    })),
  }
}
