/**
 * Home first screen on the emulator with the full seed: how many cloud calls the first screen costs (one:
 * `catalog.home`), the bytes of its envelope JSON, and the latency of that call through the real function
 * bundle and SDK (warm instance; the first, cold call is reported apart).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmulator } from '../emulator/src'
import { buildFunctions } from '../cloudfunctions/build'
import { loadSeed, schema } from '../cloudfunctions/test/helpers/emulator'
import { shopperOpenid } from '../cloudfunctions/seed'
import { percentile } from './_stats'

const RUNS = 50

export async function run(): Promise<Record<string, number>> {
  await buildFunctions(['shop'])
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-bench-home-'))
  const emu = await startEmulator({ dataDir, schema, quiet: true, timers: false, poolSize: 1 })
  try {
    loadSeed(emu)
    const call = () =>
      emu.functions.invoke(
        'shop',
        { action: 'catalog.home', input: {} },
        { openid: shopperOpenid(3), source: 'wx_client' },
      )
    let t = performance.now()
    const first = await call()
    const cold = performance.now() - t
    if (!(first as { ok?: boolean }).ok) throw new Error(`catalog.home failed: ${JSON.stringify(first)}`)
    const bytes = Buffer.byteLength(JSON.stringify(first))
    const times: number[] = []
    for (let i = 0; i < RUNS; i++) {
      t = performance.now()
      await call()
      times.push(performance.now() - t)
    }
    // database (and storage) round trips one warm home call makes, counted by the emulator's server
    const warm = emu.functions
      .log()
      .filter((e) => e.function === 'shop' && e.ok)
      .slice(-RUNS)
      .map((e) => emu.server.actionCounts(e.requestId))
    return {
      'home.first_screen_calls': 1,
      'home.payload_bytes': bytes,
      'home.latency_ms_p50': percentile(times, 0.5),
      'home.latency_ms_p95': percentile(times, 0.95),
      'home.latency_ms_cold': cold,
      'home.round_trips_warm': warm.length ? warm.reduce((a, n) => a + n, 0) / warm.length : NaN,
    }
  } finally {
    await emu.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
