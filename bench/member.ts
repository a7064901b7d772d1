/**
 * Members: the cost of sealing a phone at rest (AES-256-GCM + HMAC look-up hash) and of opening it, per
 * call in microseconds; and the warm latency (p50, p95) of what the 我的 pages ask on opening — the
 * member (`member.me`), the member centre (`loyalty.center`), the wallet (`user.wallet`) — through the
 * real function bundle on the emulator with the demo seed.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmulator } from '../emulator/src'
import { buildFunctions } from '../cloudfunctions/build'
import { loadSeed, schema } from '../cloudfunctions/test/helpers/emulator'
import { shopperOpenid } from '../cloudfunctions/seed'
import { percentile } from './_stats'

const SEALS = 20_000
const RUNS = 40

function microsPerCall(n: number, op: (i: number) => unknown): number {
  const started = process.hrtime.bigint()
  for (let i = 0; i < n; i++) op(i)
  return Number(process.hrtime.bigint() - started) / 1e3 / n
}

async function pii(): Promise<Record<string, number>> {
  // the development keys the emulator's functions use (MALL_EMULATOR=1), read when the module loads
  process.env.MALL_EMULATOR = '1'
  const { openPhone, phoneHash, sealPhone } = await import('../cloudfunctions/src/pii/phone')
  const phones = Array.from({ length: 100 }, (_, i) => `139${String(10_000_000 + i * 7_919).slice(0, 8)}`)
  const sealed = phones.map((p) => sealPhone(p))
  return {
    'member.pii.seal_us': microsPerCall(SEALS, (i) => sealPhone(phones[i % phones.length]!)),
    'member.pii.open_us': microsPerCall(SEALS, (i) => openPhone(sealed[i % sealed.length]!)),
    'member.pii.hash_us': microsPerCall(SEALS, (i) => phoneHash(phones[i % phones.length]!)),
  }
}

export async function run(): Promise<Record<string, number>> {
  const figures = await pii()
  await buildFunctions(['shop'])
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-bench-member-'))
  const emu = await startEmulator({ dataDir, schema, quiet: true, timers: false, poolSize: 1 })
  try {
    loadSeed(emu)
    for (const action of ['member.me', 'loyalty.center', 'user.wallet']) {
      const call = async () => {
        const r = (await emu.functions.invoke(
          'shop',
          { action, input: {} },
          { openid: shopperOpenid(1), source: 'wx_client' },
        )) as { ok?: boolean }
        if (!r.ok) throw new Error(`${action} failed: ${JSON.stringify(r)}`)
      }
      await call()
      const times: number[] = []
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now()
        await call()
        times.push(performance.now() - t)
      }
      figures[`member.${action}.p50_ms`] = percentile(times, 0.5)
      figures[`member.${action}.p95_ms`] = percentile(times, 0.95)
    }
    return figures
  } finally {
    await emu.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
