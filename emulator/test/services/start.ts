/**
 * Starts the SERVICES slice (storage + openapi + cloudPay, plus the database for cross-account steps) on a
 * real HTTP server with a temp data dir. Functions are reached through `TestInvoker`, the emulator's own
 * FunctionInvoker seam: it records each invocation and answers what the test tells it to.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createClock, type EmulatorClock } from '../../src/clock'
import { startServer, type EmulatorServer } from '../../src/core/server'
import type { CallerIdentity, FunctionInvoker, InvokeOptions } from '../../src/core/types'
import { openDatabase, type Database } from '../../src/db'
import { createOpenApi, type OpenApiFakes } from '../../src/openapi'
import { createCloudPay, type CloudPaySandbox } from '../../src/pay'
import { createStorage, type Storage } from '../../src/storage'

export const ENV_ID = 'local-env'
export const APPID = 'wx0000000000000000'

export interface Invocation {
  name: string
  event: Record<string, unknown>
  opts: InvokeOptions | undefined
}

/** Answers `{errcode: 0}` unless `answer` says otherwise; `answer` may throw to simulate a crash. */
export class TestInvoker implements FunctionInvoker {
  calls: Invocation[] = []
  answer: (call: Invocation, n: number) => unknown = () => ({ errcode: 0, errmsg: 'ok' })
  /** Real delay per invocation (ms), to make concurrent deliveries overlap. */
  delayMs = 0
  inFlight = 0
  maxInFlight = 0
  async invoke(name: string, event: unknown, opts?: InvokeOptions): Promise<unknown> {
    const call = { name, event: event as Record<string, unknown>, opts }
    this.calls.push(call)
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    try {
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs))
      return await this.answer(call, this.calls.length)
    } finally {
      this.inFlight--
    }
  }
}

export interface Services {
  url: string
  dir: string
  server: EmulatorServer
  clock: EmulatorClock
  storage: Storage
  openapi: OpenApiFakes
  pay: CloudPaySandbox
  db: Database
  invoker: TestInvoker
  lines: string[]
  /** Tokens the SDK may send as WX_API_TOKEN -> identity (resolveCaller). */
  tokens: Map<string, CallerIdentity>
  /** A second sandbox on the same data dir, as after a restart (not plugged into the server). */
  reopenPay(): CloudPaySandbox
  stop(): Promise<void>
}

export async function startServices(opts: { dir?: string } = {}): Promise<Services> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'emu-services-'))
  const clock = createClock()
  const lines: string[] = []
  const log = (l: string) => lines.push(l)
  const invoker = new TestInvoker()
  const tokens = new Map<string, CallerIdentity>()
  let url = ''
  const publicUrl = () => url
  const storage = createStorage({ dir: path.join(dir, 'storage'), envId: ENV_ID, publicUrl, log })
  const openapi = createOpenApi({ clock, log })
  const makePay = () =>
    createCloudPay({
      dir: path.join(dir, 'pay'),
      clock,
      invoker,
      envId: ENV_ID,
      appid: APPID,
      publicUrl,
      log,
    })
  const pay = makePay()
  const reopened: CloudPaySandbox[] = []
  const db = openDatabase({ dir: path.join(dir, 'db'), clock, envId: ENV_ID })
  const server = await startServer({
    port: 0,
    modules: [db.module, storage.module, openapi.module, pay.module],
    resolveCaller: (t) => tokens.get(t),
    log,
  })
  url = server.url
  const s: Services = {
    url,
    dir,
    server,
    clock,
    storage,
    openapi,
    pay,
    db,
    invoker,
    lines,
    tokens,
    reopenPay() {
      const again = makePay()
      reopened.push(again)
      return again
    },
    async stop() {
      pay.stop()
      reopened.forEach((p) => p.stop())
      await server.close()
      db.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
  return s
}
