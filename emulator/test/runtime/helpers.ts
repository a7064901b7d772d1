import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createClock, type EmulatorClock } from '../../src/clock'
import { startServer, type EmulatorServer } from '../../src/core/server'
import { createFunctionRuntime, type FunctionRuntime, type FunctionRuntimeOptions } from '../../src/functions'

export const FIXTURES = path.join(__dirname, '..', 'fixtures', 'functions')

/** A scratch copy of the fixture bundles: tests rewrite them (reload) and timers write next to them. */
export function copyFixtures(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-fns-'))
  fs.cpSync(FIXTURES, dir, { recursive: true })
  return dir
}

export interface RuntimeHarness {
  server: EmulatorServer
  runtime: FunctionRuntime
  clock: EmulatorClock
  dir: string
  lines: string[]
  stop(): Promise<void>
}

export async function startRuntime(
  opts: Partial<Omit<FunctionRuntimeOptions, 'serverUrl' | 'clock'>> = {},
): Promise<RuntimeHarness> {
  const dir = opts.functionsDir ?? copyFixtures()
  const clock = createClock()
  const lines: string[] = []
  // The server must exist before the runtime (it needs the URL), and asks the runtime who a token is.
  const late: { runtime?: FunctionRuntime } = {}
  const server = await startServer({
    port: 0,
    modules: [],
    resolveCaller: (t) => late.runtime?.resolveCaller(t),
  })
  const runtime = (late.runtime = createFunctionRuntime({
    envId: 'local-env',
    appid: 'wx0000000000000000',
    timers: false,
    ...opts,
    functionsDir: dir,
    serverUrl: server.url,
    clock,
    log: (l) => lines.push(l),
  }))
  server.use(runtime.module)
  const rt = runtime
  return {
    server,
    runtime: rt,
    clock,
    dir,
    lines,
    async stop() {
      await rt.stop()
      await server.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
