/**
 * order.submit on the emulator through the real shop bundle and SDK: latency p50/p95 and throughput at
 * concurrency 1, 10 and 50 (pool of 4 function workers, as on the 2-core CI machine), and the database
 * round trips one submit costs (counted by the emulator server per invocation).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { startEmulator } from '../emulator/src'
import { buildFunctions } from '../cloudfunctions/build'
import { schema } from '../cloudfunctions/test/helpers/emulator'
import { percentile } from './_stats'

const PER_LEVEL = { 1: 40, 10: 200, 50: 400 } as const

export async function run(): Promise<Record<string, number>> {
  await buildFunctions(['shop'])
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-bench-order-'))
  const emu = await startEmulator({ dataDir, schema, quiet: true, timers: false, poolSize: 4 })
  const out: Record<string, number> = {}
  try {
    const shoppers = Array.from({ length: 500 }, (_, i) => `o_bench_${i}`)
    emu.db.insertMany('products', [
      { _id: 'p_bench', title: '压测商品', images: [], categoryIds: ['c1'], status: 'onShelf' },
    ])
    emu.db.insertMany('skus', [
      {
        _id: 'sku_bench',
        spuId: 'p_bench',
        specs: {},
        price: 1000,
        stock: 1_000_000,
        sold: 0,
        summarized: { stock: 1_000_000, sold: 0 },
        status: 'onShelf',
      },
    ])
    emu.db.insertMany(
      'users',
      shoppers.map((o) => ({ _id: o, openid: o, level: 0, points: 0 })),
    )
    emu.db.insertMany(
      'addresses',
      shoppers.map((o) => ({
        _id: `a_${o}`,
        openid: o,
        name: '压测',
        phone: '13800000000',
        province: '上海市',
        city: '上海市',
        district: '浦东新区',
        detail: '1号',
        isDefault: true,
      })),
    )
    const submit = async (i: number) => {
      const t = performance.now()
      const res = (await emu.functions.invoke(
        'shop',
        {
          action: 'order.submit',
          input: {
            source: { kind: 'buyNow', skuId: 'sku_bench', quantity: 1 },
            requestId: 'b_' + randomBytes(8).toString('hex'),
          },
        },
        { openid: shoppers[i % shoppers.length], source: 'wx_client' },
      )) as { ok: boolean }
      if (!res.ok) throw new Error(`submit failed: ${JSON.stringify(res)}`)
      return performance.now() - t
    }
    for (let i = 0; i < 8; i++) await submit(i) // warm every worker
    for (const c of [1, 10, 50] as const) {
      const n = PER_LEVEL[c]
      const times: number[] = []
      let next = 0
      const started = performance.now()
      await Promise.all(
        Array.from({ length: c }, async () => {
          while (next < n) times.push(await submit(next++))
        }),
      )
      const wall = performance.now() - started
      out[`order.submit_c${c}_p50_ms`] = percentile(times, 0.5)
      out[`order.submit_c${c}_p95_ms`] = percentile(times, 0.95)
      out[`order.submit_c${c}_per_s`] = (n / wall) * 1000
    }
    const log = emu.functions.log().filter((e) => e.function === 'shop' && e.ok)
    const recent = log.slice(-50)
    const counts = recent.map((e) => emu.server.actionCounts(e.requestId)).filter((n) => n > 0)
    out['order.db_round_trips_per_submit'] = counts.length
      ? counts.reduce((s, n) => s + n, 0) / counts.length
      : NaN
  } finally {
    await emu.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  return out
}
