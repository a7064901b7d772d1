/**
 * callFunction / getWXContext steps of results.json, replayed with the real wx-server-sdk (both generations)
 * against the full emulator running the fixture bundles (echo and thrower mirror the capture's functions).
 */
import fs from 'node:fs'
import { startEmulator, withSdkEnv, type Emulator } from '../../src'
import { copyFixtures } from '../runtime/helpers'
import {
  SDK_GENERATIONS,
  capture,
  captured,
  normalize,
  useConformance,
  type Outcome,
  type Started,
  type Step,
  type StepCtx,
} from './harness'

// Worker processes start slowly on a loaded 2-core machine (the project-level testTimeout is not applied).
jest.setTimeout(60_000)

const emuOf = (c: StepCtx) => c.emu.emulator as Emulator

async function startWithFunctions(): Promise<Started> {
  const dir = copyFixtures()
  const emu = await startEmulator({ functionsDir: dir, quiet: true, timers: false, timeoutMs: 10_000 })
  // The capture's echo counted collection `x`, which held three documents at that point.
  emu.db.insertMany('x', [{ a: 1 }, { a: 2 }, { a: 3 }])
  return {
    url: emu.url,
    db: emu.db,
    emulator: emu,
    stop: async () => {
      await emu.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Steps whose outcome is compared exactly (after the harness's normalisation). */
const exactSteps: Step[] = [
  {
    step: 'callFunction echo',
    run: (c) =>
      c.cloud.callFunction({
        name: 'echo',
        data: { hello: 'world', when: new Date('2024-01-01T00:00:00.000Z') },
      }),
  },
  {
    step: 'callFunction echo nested (function -> function)',
    run: (c) => c.cloud.callFunction({ name: 'echo', data: { nested: true } }),
  },
  {
    step: 'getWXContext (env of this process)',
    run: async (c) => {
      const env = emuOf(c).clientEnv({
        openid: 'o_client_openid',
        unionid: 'u_client_unionid',
        source: 'wx_devtools',
        clientIpV6: '::1',
      })
      return withSdkEnv(env, () => c.cloud.getWXContext())
    },
  },
]

/**
 * With 2.6.3, callFunction rethrows the transport failure as node-sdk's TcbError (`code: 500`, errCode -1), unlike
 * the database APIs that the harness's PROTOCOL §12 translation (-501001) was derived from; only 4.0.2 was captured
 * for this step, so 2.6.3 is checked against what that SDK does with the same injected answer.
 */
const http500: Step = {
  step: 'HTTP 500 on callFunction',
  setup: async (c) =>
    emuOf(c).server.injectFault({
      action: 'functions.invokeFunction',
      status: 500,
      body: 'stub: injected http 500',
    }),
  run: (c) => c.cloud.callFunction({ name: 'echo', data: {} }),
}

/**
 * Errors carry a stack trace and a path: the frames and directories differ by nature (our worker, not the
 * spike's fn-runner), so they are compared up to the first frame, with paths masked.
 */
const maskPaths = (s: string) => s.replace(/ in [/<]\S+/g, ' in <dir>')
function sameError(step: string, actual: Outcome, gen: string) {
  const expected = captured(step)
  expect(actual.outcome).toBe('rejected')
  const a = actual.error as Record<string, unknown>
  const e = expected.error as Record<string, unknown>
  if (gen === '4.0.2') {
    expect({ ctor: a.ctor, errCode: a.errCode, code: a.code }).toEqual({
      ctor: e.ctor,
      errCode: e.errCode,
      code: e.code,
    })
    const head = (m: unknown) => maskPaths(String(m).split('\n    at ')[0])
    expect(head(a.message)).toBe(head(e.message))
    expect(head(a.errMsg)).toBe(head(e.errMsg))
    // A thrown Error keeps its stack, starting at the user's main().
    if (String(e.message).includes('\n    at exports.main'))
      expect(String(a.message)).toMatch(/\n {4}at exports\.main /)
  } else {
    // 2.6.3 maps FUNCTIONS_EXECUTE_FAIL to its number itself (PROTOCOL §12).
    expect(a.errCode).toBe(-504002)
    expect(String(a.errMsg ?? a.message)).toContain('functions execute fail')
  }
}

describe.each(SDK_GENERATIONS)('functions conformance, wx-server-sdk %s', (gen) => {
  const h = useConformance(gen, { start: startWithFunctions })
  for (const s of exactSteps) test(s.step, () => h.check(s))

  if (gen === '4.0.2') test(http500.step, () => h.check(http500))
  else
    test(`${http500.step} (2.6.3: TcbError with the HTTP status)`, async () => {
      await http500.setup?.(h.ctx())
      const actual = await capture(() => http500.run(h.ctx()))
      expect(actual.outcome).toBe('rejected')
      expect(actual.error).toMatchObject({ isError: true, code: 500 })
      expect(String(actual.error?.message)).toMatch(
        /^callFunction:fail +500 Internal Server Error \| \[http:\/\/127\.0\.0\.1:\d+\/admin/,
      )
      // The emulator itself is fine afterwards.
      const ok = (await h.ctx().cloud.callFunction({ name: 'echo', data: { after: 1 } })) as {
        result: { event: unknown }
      }
      expect(ok.result.event).toEqual({ after: 1 })
    })

  test('callFunction thrower', async () => {
    const actual = await capture(() => h.ctx().cloud.callFunction({ name: 'thrower', data: {} }))
    sameError('callFunction thrower', actual, gen)
  })

  test('callFunction missing', async () => {
    const actual = await capture(() => h.ctx().cloud.callFunction({ name: 'doesNotExist', data: {} }))
    sameError('callFunction missing', actual, gen)
  })

  test('results agree with the capture in full for the nested call, including the inner SOURCE', async () => {
    const res = (await h.ctx().cloud.callFunction({ name: 'echo', data: { nested: true } })) as {
      result: unknown
    }
    const expected = captured('callFunction echo nested (function -> function)').result as { result: unknown }
    expect(normalize(res.result)).toEqual(normalize(expected.result))
  })
})
