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
  const call = (name: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${emu.url}/functions/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
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
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
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

  test('without the header it acts as the first demo shopper', async () => {
    const body = (await (await call('echo', '{}')).json()) as { wxContext: Record<string, unknown> }
    expect(body.wxContext.OPENID).toBe('o_shopper_1')
  })

  test('answers CORS preflights from any origin', async () => {
    const res = await fetch(`${emu.url}/functions/echo`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://127.0.0.1:10086',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-mall-dev-openid',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-headers')).toContain('x-mall-dev-openid')
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
