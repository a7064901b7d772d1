/**
 * Function runtime figures through the real SDK's callFunction (this process acts as a client):
 * cold start (fresh worker: fork + require wx-server-sdk + bundle), warm latency of an empty function, a warm call that does one
 * DB round trip, a nested function -> function call, and throughput with a pool of 2 under 8 concurrent callers.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmulator, withSdkEnv } from '../emulator/src'
import { percentile } from './_stats'

const FIXTURES = path.join(__dirname, '..', 'emulator', 'test', 'fixtures', 'functions')

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - t) / 1e6
}

export async function run(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fns-'))
  fs.cpSync(FIXTURES, dir, { recursive: true })
  const emu = await startEmulator({ functionsDir: dir, quiet: true, timers: false, poolSize: 2 })
  try {
    emu.db.insertMany('x', [{ a: 1 }, { a: 2 }, { a: 3 }])
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk')
    const env = emu.clientEnv({ openid: 'o_bench', unionid: 'u_bench' })
    return await withSdkEnv(env, async () => {
      cloud.init({ env: emu.envId })
      const call = (name: string, data: object) => cloud.callFunction({ name, data }) as Promise<unknown>

      // Cold: touching the bundle makes the runtime replace its workers, so the next call starts a fresh one
      // (fork + require wx-server-sdk + the bundle + one DB count), as after a deploy.
      const cold: number[] = []
      const bundle = path.join(dir, 'echo', 'index.js')
      for (let i = 0; i < 5; i++) {
        const t = new Date(Date.now() + (i + 1) * 10_000)
        fs.utimesSync(bundle, t, t)
        cold.push(await timed(() => call('echo', {})))
      }

      const warm: number[] = []
      for (let i = 0; i < 5; i++) await call('slow', { ms: 0 })
      for (let i = 0; i < 60; i++) warm.push(await timed(() => call('slow', { ms: 0 })))

      const withDb: number[] = []
      for (let i = 0; i < 3; i++) await call('echo', {})
      for (let i = 0; i < 30; i++) withDb.push(await timed(() => call('echo', {})))

      const nested: number[] = []
      for (let i = 0; i < 3; i++) await call('echo', { nested: true })
      for (let i = 0; i < 20; i++) nested.push(await timed(() => call('echo', { nested: true })))

      const total = 80
      let next = 0
      const started = process.hrtime.bigint()
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < total) {
            next++
            await call('slow', { ms: 0 })
          }
        }),
      )
      const seconds = Number(process.hrtime.bigint() - started) / 1e9

      return {
        'fn.cold_ms_p50': percentile(cold, 0.5),
        'fn.cold_ms_max': Math.max(...cold),
        'fn.warm_ms_p50': percentile(warm, 0.5),
        'fn.warm_ms_p95': percentile(warm, 0.95),
        'fn.warm_db_count_ms_p50': percentile(withDb, 0.5),
        'fn.warm_db_count_ms_p95': percentile(withDb, 0.95),
        'fn.nested_ms_p50': percentile(nested, 0.5),
        'fn.pool2_c8_calls_s': total / seconds,
      }
    })
  } finally {
    await emu.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
