/**
 * The local CloudBase: one HTTP server speaking wx-server-sdk's protocol, with the database, function
 * runtime, storage, openapi and cloudPay fakes, the h5 gateway and the dev console plugged in.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createClock, type EmulatorClock } from './clock'
import { createConsole } from './console'
import { parseOriginList } from './core/origins'
import { startServer, type EmulatorServer } from './core/server'
import type { InvokeOptions } from './core/types'
import { openDatabase, type Database, type DatabaseSchema } from './db'
import { createFaults, type Faults } from './faults'
import { faultRoutes } from './faults-routes'
import { createFunctionRuntime, withSdkEnv, type ClientEnvOptions, type FunctionRuntime } from './functions'
import { createGateway, type DevIdentity } from './gateway'
import { createOpenApi, type OpenApiFakes, type PushRule, type VerdictMode } from './openapi'
import { createCloudPay, type CloudPaySandbox } from './pay'
import { createTransferSandbox, type TransferSandbox } from './transfer'
import { httpTriggerModule } from './gateway/http-trigger'
import { createStorage, type Storage } from './storage'

export type * from './core/types'
export { CloudbaseError } from './core/errors'
export type { EmulatorServer } from './core/server'
export type { Database, DatabaseSchema } from './db'
export type { Storage } from './storage'
export type { CloudPaySandbox, Trade } from './pay'
export type { TransferSandbox, TransferBill, TransferSwitches } from './transfer'
export type { OpenApiFakes, OpenApiRecord, PushDelivery, PushRule, VerdictMode } from './openapi'
export type { FunctionRuntime, InvocationLogEntry, ClientEnvOptions } from './functions'
export type { DevIdentity } from './gateway'
export type { EmulatorClock } from './clock'
export type { Faults, CrashOptions, FailCallOptions, ArmedFault, FiredFault } from './faults'
export { createClock, withSdkEnv }

export interface StartEmulatorOptions {
  /** 0 = any free port (default). */
  port?: number
  host?: string
  /** Browser origins allowed besides the emulator's own; MALL_ALLOWED_ORIGINS (comma-separated) adds more. */
  allowedOrigins?: string[]
  /** Default: a fresh temp dir, removed on stop. */
  dataDir?: string
  /** Default: <repo>/cloudfunctions/dist. */
  functionsDir?: string
  envId?: string
  appid?: string
  poolSize?: number
  timeoutMs?: number
  timers?: boolean
  /** Start a loaded worker per function right away (npm start), so the first page load is not a cold start. */
  prewarm?: boolean
  schema?: DatabaseSchema
  /** Serve the h5 build at `/`. */
  h5Dir?: string
  identities?: DevIdentity[]
  /** Message-push routing (消息推送): rules, or the path of `cloudfunctions/message-push.json`. */
  messagePush?: PushRule[] | string
  /** mediaCheckAsync verdicts: pushed after the answer (default), held until released, or before the answer. */
  verdicts?: VerdictMode
  quiet?: boolean
  /** Where log lines go when not quiet (default: stdout). */
  log?: (line: string) => void
}

export interface Emulator {
  url: string
  envId: string
  appid: string
  dataDir: string
  db: Database
  functions: FunctionRuntime
  clock: EmulatorClock
  server: EmulatorServer
  storage: Storage
  pay: CloudPaySandbox
  /** WeChat Pay v3 merchant-transfer sandbox (transfer-bills), reached over HTTP like api.mch.weixin.qq.com. */
  transfer: TransferSandbox
  openapi: OpenApiFakes
  /** Crash an invocation at its k-th database write, fail its k-th open-API / cloudPay call. */
  faults: Faults
  identities: DevIdentity[]
  /** Env for a wx-server-sdk in this process (e.g. a jest test) acting as that identity. */
  clientEnv(opts?: ClientEnvOptions): Record<string, string>
  stop(): Promise<void>
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..')

export async function startEmulator(opts: StartEmulatorOptions = {}): Promise<Emulator> {
  const out = opts.quiet ? () => undefined : (opts.log ?? ((l: string) => console.log(l)))
  const tempDir = !opts.dataDir
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mall-emulator-'))
  fs.mkdirSync(dataDir, { recursive: true })
  const envId = opts.envId ?? 'local-env'
  const appid = opts.appid ?? 'wx0000000000000000'
  const clock = createClock()
  const identities = opts.identities ?? []
  const cleanups: Array<() => Promise<void> | void> = []
  const stopAll = async () => {
    for (const c of cleanups.splice(0).reverse()) {
      try {
        await c()
      } catch (e) {
        out(`[emulator] stop: ${(e as Error).message}`)
      }
    }
  }

  try {
    const db = openDatabase({ dir: path.join(dataDir, 'db'), clock, log: out, envId })
    cleanups.push(() => db.close())
    if (opts.schema) db.applySchema(opts.schema)

    const late: { functions?: FunctionRuntime } = {}
    const abortTx = db.module.actions?.['database.abortTransaction']
    const faults = createFaults({
      kill: (id, reason) => late.functions?.kill(id, reason) ?? Promise.resolve(),
      // Through the action, as the SDK would abort it: the transaction manager releases the locks.
      abortTransaction: (id) =>
        void abortTx?.({
          action: 'database.abortTransaction',
          envName: envId,
          body: { transactionId: id },
          headers: {},
        }),
      now: () => clock.now(),
    })
    const server = await startServer({
      port: opts.port ?? 0,
      host: opts.host,
      allowedOrigins: [
        ...parseOriginList((opts.allowedOrigins ?? []).join(',')),
        ...parseOriginList(process.env.MALL_ALLOWED_ORIGINS),
      ],
      modules: [db.module, faultRoutes(faults)],
      resolveCaller: (t) => late.functions?.resolveCaller(t),
      intercept: faults.intercept,
      onFaultsCleared: () => faults.clear(),
      log: out,
    })
    cleanups.push(() => server.close())

    const functionsDir = opts.functionsDir ?? path.join(REPO_ROOT, 'cloudfunctions', 'dist')
    const functions = (late.functions = createFunctionRuntime({
      functionsDir,
      serverUrl: server.url,
      envId,
      appid,
      clock,
      poolSize: opts.poolSize,
      timeoutMs: opts.timeoutMs,
      timers: opts.timers,
      prewarm: opts.prewarm,
      log: out,
      hooks: faults,
    }))
    cleanups.push(() => functions.stop())
    server.use(functions.module)

    const storage = createStorage({
      dir: path.join(dataDir, 'storage'),
      envId,
      publicUrl: () => server.url,
      log: out,
    })
    server.use(storage.module)
    cleanups.push(() => storage.module.stop?.())

    // With functionsDir, a function may only call the open APIs its config.json permits (as on CloudBase).
    const openapi = createOpenApi({
      clock,
      log: out,
      appid,
      functionsDir,
      invoker: functions,
      messagePush: opts.messagePush,
      verdicts: opts.verdicts,
    })
    server.use(openapi.module)
    cleanups.push(() => openapi.module.stop?.())

    const pay = createCloudPay({
      dir: path.join(dataDir, 'pay'),
      clock,
      invoker: functions,
      envId,
      appid,
      publicUrl: () => server.url,
      log: out,
    })
    server.use(pay.module)
    // Pay callbacks invoke functions: stop them before the runtime goes.
    cleanups.push(() => pay.stop())

    const transfer = createTransferSandbox({ dir: path.join(dataDir, 'transfer'), clock, log: out })
    server.use(transfer.module)
    cleanups.push(() => transfer.stop())
    // CloudBase's HTTP access service: `/__http/<function>/...` (transfer notifications reach transferNotify so).
    server.use(httpTriggerModule({ invoker: functions }))

    const gateway = createGateway({
      invoker: functions,
      identities: () => identities,
      h5Dir: opts.h5Dir,
      storage,
      dbCalls: (id) => server.actionCounts(id),
    })
    server.use(gateway.module)
    server.use(createConsole({ db, clock, functions }))
    server.use(gateway.staticModule)
    if (tempDir) cleanups.unshift(() => fs.rmSync(dataDir, { recursive: true, force: true }))

    return {
      url: server.url,
      envId,
      appid,
      dataDir,
      db,
      functions,
      clock,
      server,
      storage,
      pay,
      transfer,
      openapi,
      faults,
      identities,
      clientEnv: (o?: ClientEnvOptions) => functions.clientEnv(o),
      stop: stopAll,
    }
  } catch (e) {
    await stopAll()
    throw e
  }
}

/** Env for a wx-server-sdk in a test process acting as `opts` against `emu`. */
export const clientEnv = (emu: Emulator, opts?: ClientEnvOptions): Record<string, string> =>
  emu.clientEnv(opts)

export type { InvokeOptions }
