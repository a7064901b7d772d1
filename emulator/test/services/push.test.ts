/**
 * Message push of mediaCheckAsync verdicts: the real wx-server-sdk calls the API, the emulator pushes the
 * `wxa_media_check` event to the function message-push.json routes it to (through the FunctionInvoker seam),
 * with no user identity; `hold` keeps verdicts until released, `beforeAnswer` delivers before the API answers.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createClock } from '../../src/clock'
import { startServer, type EmulatorServer } from '../../src/core/server'
import type { CallerIdentity } from '../../src/core/types'
import { createOpenApi, type OpenApiFakes } from '../../src/openapi'
import { http, sdkFor } from './sdk'
import { TestInvoker, type Services } from './start'

/* eslint-disable @typescript-eslint/no-explicit-any */
let server: EmulatorServer
let openapi: OpenApiFakes
let invoker: TestInvoker
let cloud: any
let s: Services
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-push-'))
const rulesFile = path.join(dir, 'message-push.json')
const SHOPPER = 'o_shopper_0003'

beforeAll(async () => {
  fs.writeFileSync(
    rulesFile,
    JSON.stringify([{ msgType: 'event', event: 'wxa_media_check', function: 'wxEvents' }]),
  )
  invoker = new TestInvoker()
  invoker.answer = () => 'success'
  openapi = createOpenApi({ clock: createClock(), invoker, messagePush: rulesFile })
  const tokens = new Map<string, CallerIdentity>()
  server = await startServer({ port: 0, modules: [openapi.module], resolveCaller: (t) => tokens.get(t) })
  s = { url: server.url, tokens } as unknown as Services
  cloud = sdkFor(s, SHOPPER)
})
afterAll(async () => {
  await openapi.module.stop?.()
  await server.close()
  fs.rmSync(dir, { recursive: true, force: true })
})
beforeEach(() => {
  invoker.calls = []
  invoker.answer = () => 'success'
  openapi.push.setMode('deliver')
})

const check = (url = 'http://127.0.0.1/__files/local-env/review/a.png') =>
  cloud.openapi.security.mediaCheckAsync({
    mediaUrl: url,
    mediaType: 2,
    version: 2,
    scene: 2,
    openid: SHOPPER,
  })

test('a verdict is pushed after the answer to the routed function, as WeChat and without identity', async () => {
  const r = await check()
  expect(r).toMatchObject({ errCode: 0, traceId: expect.any(String) })
  await openapi.push.idle()
  expect(invoker.calls).toHaveLength(1)
  const [call] = invoker.calls
  expect(call!.name).toBe('wxEvents')
  expect(call!.opts).toEqual({ source: 'wx_msgpush' })
  expect(call!.event).toMatchObject({
    MsgType: 'event',
    Event: 'wxa_media_check',
    FromUserName: SHOPPER,
    trace_id: r.traceId,
    version: 2,
    errcode: 0,
    result: { suggest: 'pass', label: 100 },
  })
  expect(openapi.push.deliveries({ traceId: r.traceId })).toMatchObject([
    { status: 'delivered', attempts: 1 },
  ])
  expect(openapi.records({ kind: 'wxa_media_check#push' }).at(-1)).toMatchObject({
    params: { trace_id: r.traceId, function: 'wxEvents', status: 'delivered' },
  })
})

test('a risky image url gets a risky verdict', async () => {
  await check('http://127.0.0.1/__files/local-env/review/BAD.png')
  await openapi.push.idle()
  expect(invoker.calls[0]!.event).toMatchObject({ result: { suggest: 'risky' } })
})

test('held verdicts wait until released (all or one trace_id), also over HTTP', async () => {
  openapi.push.setMode('hold')
  const a = await check()
  const b = await check()
  await openapi.push.idle()
  expect(invoker.calls).toHaveLength(0)
  expect(openapi.push.deliveries({ status: 'held' }).map((d) => d.traceId)).toEqual([a.traceId, b.traceId])
  await openapi.push.release(a.traceId)
  expect(invoker.calls.map((c) => c.event.trace_id)).toEqual([a.traceId])
  const res = await http(s, 'POST', '/__emulator/openapi/push/release', {})
  expect(res.json).toEqual({ released: 1 })
  expect(invoker.calls.map((c) => c.event.trace_id)).toEqual([a.traceId, b.traceId])
  const listed = await http(s, 'GET', '/__emulator/openapi/push')
  expect(listed.json.mode).toBe('hold')
  expect(await http(s, 'POST', '/__emulator/openapi/push/mode', { mode: 'deliver' })).toMatchObject({
    status: 200,
  })
  expect(openapi.push.mode()).toBe('deliver')
  expect((await http(s, 'POST', '/__emulator/openapi/push/mode', { mode: 'later' })).status).toBe(400)
})

test('beforeAnswer delivers the verdict before the API call returns', async () => {
  openapi.push.setMode('beforeAnswer')
  let answered = false
  invoker.answer = () => {
    expect(answered).toBe(false)
    return 'success'
  }
  const r = await check()
  answered = true
  expect(invoker.calls.map((c) => c.event.trace_id)).toEqual([r.traceId])
})

test('a push not answered "success" is retried three times, then failed', async () => {
  invoker.answer = () => ({ errcode: 1 })
  const r = await check()
  await openapi.push.idle()
  expect(invoker.calls).toHaveLength(3)
  expect(openapi.push.deliveries({ traceId: r.traceId })).toMatchObject([{ status: 'failed', attempts: 3 }])
})

test('an event without a message-push rule is not delivered', async () => {
  const d = await openapi.push.push({ MsgType: 'event', Event: 'other_event' })
  expect(d.status).toBe('unrouted')
  expect(invoker.calls).toHaveLength(0)
})
