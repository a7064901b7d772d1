import fs from 'node:fs'
import path from 'node:path'
import { withSdkEnv } from '../../src/functions'
import { startRuntime, type RuntimeHarness } from './helpers'

// Worker processes start slowly on a loaded 2-core machine (the project-level testTimeout is not applied).
jest.setTimeout(60_000)

type Echo = {
  event: Record<string, unknown>
  wxContext: Record<string, unknown>
  nested: Echo | null
  fnName: string
  env?: Record<string, string | number | undefined>
  context?: Record<string, unknown>
}

describe('function runtime', () => {
  let h: RuntimeHarness
  beforeAll(async () => {
    h = await startRuntime({ poolSize: 2, timeoutMs: 20000 })
  })
  afterAll(async () => {
    await h.stop()
  })

  test('runs main(event, context) with the SCF env of the invocation', async () => {
    const r = (await h.runtime.invoke(
      'echo',
      { hi: 1, showEnv: true },
      { openid: 'o_a', unionid: 'u_a' },
    )) as Echo
    expect(r.event).toEqual({ hi: 1, showEnv: true })
    expect(r.wxContext).toEqual({
      CLIENTIP: '127.0.0.1',
      CLIENTIPV6: '::ffff:127.0.0.1',
      APPID: 'wx0000000000000000',
      OPENID: 'o_a',
      UNIONID: 'u_a',
      ENV: 'local-env',
      SOURCE: 'wx_client',
    })
    expect(r.fnName).toBe('echo')
    expect(r.env).toMatchObject({
      TRIGGER_SRC: 'tcb',
      MALL_EMULATOR: '1',
      MALL_CLOCK_OFFSET_MS: '0',
      SCF_FUNCTIONNAME: 'echo',
    })
    expect(r.context).toMatchObject({
      function_name: 'echo',
      function_version: '$LATEST',
      namespace: 'local-env',
    })
    expect(String(r.context?.environ)).toContain('WX_OPENID=o_a')
  })

  test('20 parallel invocations as 20 users each see their own OPENID', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `o_user_${i}`)
    const results = (await Promise.all(
      ids.map((openid) => h.runtime.invoke('echo', { me: openid, showEnv: true }, { openid })),
    )) as Echo[]
    results.forEach((r, i) => {
      expect(r.event.me).toBe(ids[i])
      expect(r.wxContext.OPENID).toBe(ids[i])
    })
    // Per-invocation tokens: every call had its own.
    expect(new Set(results.map((r) => r.env?.WX_API_TOKEN)).size).toBe(20)
    // The pool never grows beyond its size.
    expect(new Set(results.map((r) => r.env?.pid)).size).toBeLessThanOrEqual(2)
  })

  test('a nested callFunction keeps the OPENID and becomes wx_server', async () => {
    const r = (await h.runtime.invoke(
      'echo',
      { nested: true },
      { openid: 'o_nest', unionid: 'u_nest' },
    )) as Echo
    expect(r.wxContext).toMatchObject({ OPENID: 'o_nest', SOURCE: 'wx_client' })
    expect(r.nested?.event).toEqual({ fromNested: true })
    expect(r.nested?.wxContext).toMatchObject({ OPENID: 'o_nest', UNIONID: 'u_nest', SOURCE: 'wx_server' })
  })

  test('a function running wx-server-sdk 2.6.x can call another function too', async () => {
    const r = (await h.runtime.invoke('echo2', { nested: true }, { openid: 'o_two' })) as Echo
    expect(r.wxContext).toMatchObject({ OPENID: 'o_two', SOURCE: 'wx_client' })
    expect(r.nested?.wxContext).toMatchObject({ OPENID: 'o_two', SOURCE: 'wx_server' })
  })

  test('errors from a nested call reach the caller as callFunction:fail with the stack text', async () => {
    const r = (await h.runtime.invoke('caller', { target: 'thrower' }, { openid: 'o_c' })) as {
      error: { message: string; code: string }
    }
    expect(r.error.code).toBe('FUNCTIONS_EXECUTE_FAIL')
    expect(r.error.message).toMatch(/^callFunction:fail Error: boom from thrower\n\s+at /)
    const missing = (await h.runtime.invoke('caller', { target: 'nope' }, { openid: 'o_c' })) as {
      error: { message: string }
    }
    expect(missing.error.message).toContain('[ResourceNotFound.Function] function nope not found')
  })

  test('invoke rejects with FUNCTIONS_EXECUTE_FAIL for a throw, a missing function and a bad name', async () => {
    await expect(h.runtime.invoke('thrower', {})).rejects.toMatchObject({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      message: expect.stringMatching(/^Error: boom from thrower/),
    })
    await expect(h.runtime.invoke('missing', {})).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL' })
    await expect(h.runtime.invoke('../echo', {})).rejects.toMatchObject({
      message: expect.stringContaining('not found'),
    })
  })

  test('the action validates its input and changes nothing on bad input', async () => {
    const post = async (body: unknown) =>
      (await (
        await fetch(`${h.server.url}/admin`, { method: 'POST', body: JSON.stringify(body) })
      ).json()) as Record<string, unknown>
    const before = h.runtime.log().length
    expect(await post({ action: 'functions.invokeFunction', request_data: '{}' })).toMatchObject({
      code: 'INVALID_PARAM',
    })
    expect(
      await post({ action: 'functions.invokeFunction', function_name: 'echo', request_data: '{nope' }),
    ).toMatchObject({ code: 'INVALID_PARAM', message: 'request_data is not valid JSON' })
    expect(h.runtime.log().length).toBe(before)
    const ok = await post({
      action: 'functions.invokeFunction',
      function_name: 'echo',
      request_data: '{"a":1}',
    })
    expect(typeof (ok.data as { response_data: unknown }).response_data).toBe('string')
  })

  test('cold and warm starts are logged with their duration', async () => {
    const log = h.runtime.log()
    const echo = log.filter((e) => e.function === 'echo')
    expect(echo.some((e) => e.cold)).toBe(true)
    expect(echo.some((e) => !e.cold)).toBe(true)
    expect(echo.every((e) => Number.isInteger(e.ms) && e.ms >= 0)).toBe(true)
    expect(h.lines.some((l) => /^\[fn\] \S+ echo o_a wx_client \d+ms (cold|warm) ok$/.test(l))).toBe(true)
    const failed = log.find((e) => e.function === 'thrower')
    expect(failed).toMatchObject({ ok: false, error: expect.stringContaining('boom from thrower') })
  })

  test('clientEnv lets the SDK of this very process call functions as a given user', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk')
    const env = h.runtime.clientEnv({ openid: 'o_test_process', unionid: 'u_tp' })
    const res = await withSdkEnv(env, async () => {
      cloud.init({ env: 'local-env' })
      return cloud.callFunction({ name: 'echo', data: { x: 1 } })
    })
    expect(res.result.wxContext).toMatchObject({
      OPENID: 'o_test_process',
      UNIONID: 'u_tp',
      SOURCE: 'wx_client',
    })
    expect(h.runtime.resolveCaller(env.WX_API_TOKEN)).toMatchObject({ openid: 'o_test_process' })
  })

  test('the clock offset reaches the function as MALL_CLOCK_OFFSET_MS', async () => {
    h.clock.advance(90_000)
    const r = (await h.runtime.invoke('echo', { showEnv: true }, { openid: 'o_t' })) as Echo
    expect(Number(r.env?.MALL_CLOCK_OFFSET_MS)).toBe(h.clock.offsetMs())
    expect(h.clock.offsetMs()).toBeGreaterThanOrEqual(90_000)
  })

  test('reloads a bundle when its index.js changes', async () => {
    const file = path.join(h.dir, 'echo', 'index.js')
    const original = fs.readFileSync(file, 'utf8')
    await h.runtime.invoke('echo', {}, { openid: 'o_r' })
    fs.writeFileSync(file, 'exports.main = async () => ({ version: 2 })\n')
    // mtime resolution can be coarse: make sure it moved.
    const later = new Date(Date.now() + 5000)
    fs.utimesSync(file, later, later)
    expect(await h.runtime.invoke('echo', {}, { openid: 'o_r' })).toEqual({ version: 2 })
    fs.writeFileSync(file, original)
    const again = new Date(Date.now() + 10000)
    fs.utimesSync(file, again, again)
    expect(((await h.runtime.invoke('echo', {}, { openid: 'o_r' })) as Echo).fnName).toBe('echo')
  })
})

describe('prewarming and crashes', () => {
  let h: RuntimeHarness
  beforeAll(async () => {
    h = await startRuntime({ poolSize: 1, prewarm: true })
  })
  afterAll(async () => {
    await h.stop()
  })

  test('prewarmed functions answer their first call without loading the bundle', async () => {
    await h.runtime.invoke('crasher', {})
    expect(h.runtime.log().find((e) => e.function === 'crasher')).toMatchObject({ ok: true, cold: false })
  })

  test('a worker that exits mid-call fails that call only; the next call gets a new worker', async () => {
    const before = (await h.runtime.invoke('crasher', {})) as { pid: number }
    await expect(h.runtime.invoke('crasher', { crash: true })).rejects.toMatchObject({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      message: expect.stringContaining('exited (code 3)'),
    })
    const after = (await h.runtime.invoke('crasher', {})) as { pid: number }
    expect(after.pid).not.toBe(before.pid)
    expect(h.runtime.log().at(-1)).toMatchObject({ ok: true, cold: true })
  })
})

describe('function timeouts', () => {
  let h: RuntimeHarness
  beforeAll(async () => {
    // generous: the first call is a cold start, which takes seconds on a busy 2-core machine
    h = await startRuntime({ poolSize: 1, timeoutMs: 6000 })
  })
  afterAll(async () => {
    await h.stop()
  })

  test('a slow function is killed, the caller gets an error, and the next call gets a fresh worker', async () => {
    const first = (await h.runtime.invoke('slow', { ms: 10 })) as { pid: number }
    await expect(h.runtime.invoke('slow', { ms: 60_000 })).rejects.toMatchObject({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      message: expect.stringContaining('timed out after 6000 ms'),
    })
    const next = (await h.runtime.invoke('slow', { ms: 10 })) as { pid: number }
    expect(next.pid).not.toBe(first.pid)
    const entries = h.runtime.log().filter((e) => e.function === 'slow')
    expect(entries.map((e) => [e.ok, e.cold])).toEqual([
      [true, true],
      [false, false],
      [true, true],
    ])
  })

  test("a function's config.json timeout (seconds) overrides the default", async () => {
    const config = path.join(h.dir, 'slow', 'config.json')
    fs.writeFileSync(config, JSON.stringify({ timeout: 1 }))
    await expect(h.runtime.invoke('slow', { ms: 60_000 })).rejects.toMatchObject({
      message: expect.stringContaining('timed out after 1000 ms'),
    })
    fs.writeFileSync(config, JSON.stringify({ timeout: 'soon' }))
    const later = new Date(Date.now() + 5000)
    fs.utimesSync(config, later, later)
    expect(await h.runtime.invoke('slow', { ms: 10 })).toMatchObject({ slept: 10 })
    expect(h.lines.some((l) => l.includes('slow/config.json: timeout must be 1..900 seconds'))).toBe(true)
  })
})
