/**
 * @jest-environment node
 */
// The h5 transport against a real local HTTP server standing in for the emulator gateway.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ApiError, call } from '../../src/api'
import { sessionStore } from '../../src/stores/session'

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void
let server: Server
let handler: Handler
let base = ''
const seen: { url?: string; method?: string; body?: unknown; openid?: string }[] = []

const g = globalThis as unknown as { MALL_GATEWAY_URL: string }

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      seen.push({
        url: req.url,
        method: req.method,
        body: body ? JSON.parse(body) : undefined,
        openid: req.headers['x-mall-dev-openid'] as string | undefined,
      })
      handler(req, body, res)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))
beforeEach(() => {
  seen.length = 0
  g.MALL_GATEWAY_URL = base
  sessionStore.getState().setDevIdentity(null)
})

const json =
  (status: number, payload: unknown): Handler =>
  (_req, _body, res) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(payload))
  }

const failure = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(ApiError)
  return e as ApiError
}

describe('call() over the h5 transport', () => {
  it('POSTs {action, input} to the function serving the action and returns its data', async () => {
    const home = { banners: [], categories: [], feed: { items: [], cursor: null } }
    handler = json(200, { ok: true, data: home })
    sessionStore.getState().setDevIdentity({ openid: 'o_bob', name: 'Bob' })
    await expect(call('catalog.home', {})).resolves.toEqual(home)
    expect(seen).toEqual([
      {
        url: '/functions/shop',
        method: 'POST',
        body: { action: 'catalog.home', input: {} },
        openid: 'o_bob',
      },
    ])
  })

  it('adopts the first demo shopper when no identity is chosen (the gateway assumes nobody)', async () => {
    const identities = {
      identities: [
        { openid: 'o_boss', name: '店长', role: 'admin' },
        { openid: 'o_amy', name: '小美', role: 'shopper' },
        { openid: 'o_ben', name: '小本', role: 'shopper' },
      ],
    }
    handler = (req, body, res) =>
      json(200, req.url === '/__dev/identities' ? identities : { ok: true, data: {} })(req, body, res)
    await Promise.all([call('catalog.home', {}), call('catalog.categories', {})])
    await call('catalog.home', {})
    expect(seen.map((r) => [r.method, r.url, r.openid])).toEqual([
      ['GET', '/__dev/identities', undefined],
      ['POST', '/functions/shop', 'o_amy'],
      ['POST', '/functions/shop', 'o_amy'],
      ['POST', '/functions/shop', 'o_amy'],
    ])
    expect(sessionStore.getState().devIdentity).toEqual({ openid: 'o_amy', name: '小美' })
  })

  it('sends no identity when the gateway lists no shopper, and the gateway answers 401', async () => {
    handler = (req, body, res) =>
      req.url === '/__dev/identities'
        ? json(200, { identities: [] })(req, body, res)
        : json(401, { ok: false, code: 'UNAUTHENTICATED', message: '缺少 x-mall-dev-openid' })(req, body, res)
    expect((await failure(call('catalog.home', {}))).code).toBe('UNAUTHENTICATED')
    expect(seen.map((r) => r.openid)).toEqual([undefined, undefined])
  })

  it('turns a failure envelope into ApiError with the contract code and message', async () => {
    handler = json(200, { ok: false, code: 'OUT_OF_STOCK', message: '库存不足' })
    const e = await failure(call('catalog.home', {}))
    expect([e.code, e.message]).toEqual(['OUT_OF_STOCK', '库存不足'])
  })

  it('maps a crashed function (502 envelope) to FUNCTION_FAILED', async () => {
    handler = json(502, { ok: false, code: 'FUNCTION_FAILED', message: '服务暂时不可用，请稍后再试' })
    expect((await failure(call('catalog.home', {}))).code).toBe('FUNCTION_FAILED')
  })

  it('maps a non-JSON 5xx or 404 to FUNCTION_FAILED', async () => {
    handler = (_q, _b, res) => {
      res.writeHead(500, { 'content-type': 'text/html' })
      res.end('<h1>Internal Server Error</h1>')
    }
    expect((await failure(call('catalog.home', {}))).code).toBe('FUNCTION_FAILED')
    handler = (_q, _b, res) => {
      res.writeHead(404)
      res.end('not found')
    }
    expect((await failure(call('catalog.home', {}))).code).toBe('FUNCTION_FAILED')
  })

  it('never leaks an unknown code or a malformed body: INTERNAL with the catalogue message', async () => {
    handler = json(200, { ok: false, code: 'TypeError: x is undefined', message: 'stack trace here' })
    const e = await failure(call('catalog.home', {}))
    expect([e.code, e.message]).toEqual(['INTERNAL', '系统繁忙，请稍后再试'])
    handler = json(200, { hello: 'world' })
    expect((await failure(call('catalog.home', {}))).code).toBe('INTERNAL')
  })

  it("maps the gateway's own refusals to contract codes", async () => {
    handler = json(404, { ok: false, code: 'FUNCTION_NOT_FOUND', message: '云函数 shop 不存在' })
    expect((await failure(call('catalog.home', {}))).code).toBe('FUNCTION_FAILED')
    handler = json(400, { ok: false, code: 'BAD_IDENTITY', message: 'x-mall-dev-openid 格式不正确' })
    const e = await failure(call('catalog.home', {}))
    expect([e.code, e.message]).toEqual(['UNAUTHENTICATED', '请先登录'])
    handler = json(413, { ok: false, code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' })
    expect((await failure(call('catalog.home', {}))).code).toBe('INVALID_INPUT')
    handler = json(400, { ok: false, code: 'TOO_DEEP', message: '请求体嵌套层级过深（最多 32 层）' })
    expect((await failure(call('catalog.home', {}))).code).toBe('INVALID_INPUT')
    handler = json(403, { ok: false, code: 'FORBIDDEN_ORIGIN', message: '不允许来自 x 的跨域请求' })
    expect((await failure(call('catalog.home', {}))).code).toBe('FORBIDDEN')
  })

  it('reports an unreachable gateway as NETWORK', async () => {
    const dead = createServer()
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r))
    const port = (dead.address() as AddressInfo).port
    await new Promise<void>((r) => dead.close(() => r()))
    g.MALL_GATEWAY_URL = `http://127.0.0.1:${port}`
    const e = await failure(call('catalog.home', {}))
    expect([e.code, e.message]).toEqual(['NETWORK', '网络不给力，请检查网络后重试'])
  })
})
