import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { startEmulator, type Emulator } from '../../src'
import { copyFixtures } from './helpers'

// Worker processes start slowly on a loaded 2-core machine (the project-level testTimeout is not applied).
jest.setTimeout(60_000)

const identities = [
  { openid: 'o_admin', name: '店长', role: 'admin' as const },
  { openid: 'o_shopper_1', name: '小明', role: 'shopper' as const, unionid: 'u_shopper_1' },
]

/** Raw GET so tests can send paths fetch() would normalise (`/../`). */
function rawGet(url: string, p: string): Promise<{ status: number; type: string; body: string }> {
  const u = new URL(url)
  return new Promise((resolve, reject) => {
    http
      .get({ host: u.hostname, port: u.port, path: p }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
        )
      })
      .on('error', reject)
  })
}

describe('gateway', () => {
  let emu: Emulator
  let fnDir: string
  let h5Dir: string
  const post = (p: string, body: string, headers: Record<string, string>) =>
    fetch(`${emu.url}${p}`, { method: 'POST', headers, body })
  const call = (name: string, body: string, headers: Record<string, string> = {}) =>
    post(`/functions/${name}`, body, {
      'content-type': 'application/json',
      'x-mall-dev-openid': 'o_shopper_1',
      ...headers,
    })

  beforeAll(async () => {
    fnDir = copyFixtures()
    h5Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-h5-'))
    fs.writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>商城</title>')
    fs.mkdirSync(path.join(h5Dir, 'js'))
    fs.writeFileSync(path.join(h5Dir, 'js', 'app.js'), 'console.log(1)')
    fs.writeFileSync(path.join(os.tmpdir(), 'mall-secret.txt'), 'secret')
    emu = await startEmulator({
      functionsDir: fnDir,
      h5Dir,
      identities,
      allowedOrigins: ['http://localhost:10086'],
      quiet: true,
      timers: false,
      timeoutMs: 20000, // cold starts take seconds on a busy machine
    })
  })
  afterAll(async () => {
    await emu.stop()
    fs.rmSync(fnDir, { recursive: true, force: true })
    fs.rmSync(h5Dir, { recursive: true, force: true })
    fs.rmSync(path.join(os.tmpdir(), 'mall-secret.txt'), { force: true })
  })

  test('runs the function as the identity of x-mall-dev-openid, source wx_client', async () => {
    const res = await call('echo', '{"action":"catalog.home","input":{}}', {
      'x-mall-dev-openid': 'o_shopper_1',
      origin: 'http://localhost:10086',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:10086')
    expect(res.headers.get('vary')).toBe('Origin')
    const body = (await res.json()) as { event: unknown; wxContext: Record<string, unknown> }
    expect(body.event).toEqual({ action: 'catalog.home', input: {} })
    expect(body.wxContext).toMatchObject({
      OPENID: 'o_shopper_1',
      UNIONID: 'u_shopper_1',
      SOURCE: 'wx_client',
    })
    expect(body.wxContext.CLIENTIP).toBe('127.0.0.1')
    // echo counts collection x: one database round trip, attributed to this invocation.
    expect(res.headers.get('x-mall-db-calls')).toBe('1')
    expect(res.headers.get('x-mall-invocation-id')).toMatch(/^[0-9a-f]{32}$/)
    expect(res.headers.get('x-mall-cold-start')).toMatch(/^[01]$/)
  })

  test('without x-mall-dev-openid nobody is assumed: 401 and nothing runs', async () => {
    const before = emu.functions.log().length
    const res = await post('/functions/echo', '{}', { 'content-type': 'application/json' })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({
      ok: false,
      code: 'UNAUTHENTICATED',
      message: '缺少 x-mall-dev-openid：请先选择测试身份',
    })
    expect(emu.functions.log().length).toBe(before)
  })

  test('only JSON bodies run: a text/plain or form "simple request" gets 415', async () => {
    const before = emu.functions.log().length
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', '']) {
      const res = await call('echo', '{"action":"catalog.home","input":{}}', { 'content-type': type })
      expect({ type, status: res.status }).toEqual({ type, status: 415 })
      expect(await res.json()).toMatchObject({ ok: false, code: 'UNSUPPORTED_MEDIA_TYPE' })
    }
    expect(emu.functions.log().length).toBe(before)
    const charset = await call('echo', '{}', { 'content-type': 'application/json; charset=utf-8' })
    expect(charset.status).toBe(200)
  })

  test('answers CORS preflights only for allowed origins, echoing the origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${emu.url}/functions/echo`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, x-mall-dev-openid',
        },
      })
    const own = `http://127.0.0.1:${new URL(emu.url).port}`
    for (const origin of [own, 'http://localhost:10086']) {
      const res = await preflight(origin)
      expect(res.status).toBe(204)
      expect(res.headers.get('access-control-allow-origin')).toBe(origin)
      expect(res.headers.get('access-control-allow-headers')).toContain('x-mall-dev-openid')
    }
    const foreign = await preflight('http://127.0.0.1:10086')
    expect(foreign.status).toBe(403)
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('a foreign Origin is refused with 403 on every POST route, before anything runs', async () => {
    const before = emu.functions.log().length
    const clock = emu.clock.now()
    const evil = { origin: 'https://evil.example', 'content-type': 'application/json' }
    const targets: Array<[string, string]> = [
      ['/functions/echo', '{}'],
      ['/admin', JSON.stringify({ action: 'database.listCollections', envName: emu.envId })],
      ['/__emulator/console/clock', '{"advanceMs":3600000}'],
      ['/__pay/cashier/anything', '{}'],
      ['/__emulator/faults', '{"status":500,"body":"x"}'],
    ]
    for (const [p, body] of targets) {
      const res = await post(p, body, { ...evil, 'x-mall-dev-openid': 'o_shopper_1' })
      expect({ p, status: res.status }).toEqual({ p, status: 403 })
      expect(res.headers.get('access-control-allow-origin')).toBeNull()
      expect(await res.json()).toMatchObject({ ok: false, code: 'FORBIDDEN_ORIGIN' })
    }
    for (const origin of ['null', 'http://localhost:10086.evil.example', 'http://localhost']) {
      const res = await call('echo', '{}', { origin })
      expect({ origin, status: res.status }).toEqual({ origin, status: 403 })
    }
    expect(emu.functions.log().length).toBe(before)
    expect(emu.clock.now() - clock).toBeLessThan(3600000)
    // Reads stay open (the page's own GETs), but get no CORS header for a foreign page to read them with.
    const read = await fetch(`${emu.url}/__dev/identities`, { headers: { origin: 'https://evil.example' } })
    expect(read.status).toBe(200)
    expect(read.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('JSON nested deeper than 32 levels gets 400 before the function runs', async () => {
    const before = emu.functions.log().length
    const deep = (n: number) => '{"input":' + '['.repeat(n) + ']'.repeat(n) + '}'
    const res = await call('echo', deep(100_000))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      ok: false,
      code: 'TOO_DEEP',
      message: '请求体嵌套层级过深（最多 32 层）',
    })
    expect((await call('echo', deep(32))).status).toBe(400)
    expect(emu.functions.log().length).toBe(before)
    // Brackets inside strings are text, not nesting.
    const text = await call('echo', JSON.stringify({ s: '[{'.repeat(1000), input: [[[]]] }))
    expect(text.status).toBe(200)
    expect((await call('echo', deep(31))).status).toBe(200)
  })

  test('a throwing function gives 502 with the error envelope', async () => {
    const res = await call('thrower', '{}')
    expect(res.status).toBe(502)
    expect(await res.json()).toMatchObject({
      ok: false,
      code: 'FUNCTION_FAILED',
      message: expect.stringContaining('boom'),
    })
  })

  test('bad input gets a clear code and runs nothing', async () => {
    const before = emu.functions.log().length
    const bad = await call('echo', '{not json')
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual({ ok: false, code: 'BAD_JSON', message: '请求体不是合法的 JSON' })
    const big = await call('echo', JSON.stringify({ s: 'x'.repeat(1024 * 1024 + 10) }))
    expect(big.status).toBe(413)
    expect(await big.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' })
    const who = await call('echo', '{}', { 'x-mall-dev-openid': 'o bad<script>' })
    expect(who.status).toBe(400)
    expect(await who.json()).toMatchObject({ code: 'BAD_IDENTITY' })
    const missing = await call('nope', '{}')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ code: 'FUNCTION_NOT_FOUND' })
    expect(emu.functions.log().length).toBe(before)
  })

  test('lists the demo identities and serves a sign-in page', async () => {
    expect(await (await fetch(`${emu.url}/__dev/identities`)).json()).toEqual({ identities })
    const page = await fetch(`${emu.url}/__dev/signin`)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = await page.text()
    expect(html).toContain('小明')
    expect(html).toContain('data-openid="o_admin"')
  })

  test('serves the h5 build with content types, SPA fallback and no traversal', async () => {
    const index = await fetch(`${emu.url}/`)
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(await index.text()).toContain('商城')
    const js = await fetch(`${emu.url}/js/app.js`)
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await fetch(`${emu.url}/pages/home`)).status).toBe(200)
    expect((await fetch(`${emu.url}/js/missing.js`)).status).toBe(404)
    for (const p of [
      '/../mall-secret.txt',
      '/%2e%2e/mall-secret.txt',
      '/js/..%2f..%2fmall-secret.txt',
      '/..%5cmall-secret.txt',
    ]) {
      const r = await rawGet(emu.url, p)
      expect(r.body).not.toContain('secret')
    }
  })
})
