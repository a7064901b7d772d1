/**
 * Database figures. 1,000,000 `events` documents are bulk-loaded with insertMany (timed), then, through the real
 * wx-server-sdk over HTTP (what functions see): get by id, conditional update (the stock-decrement pattern) and an
 * aggregate ($match on a createdAt range + $group). `db.aggregate_1m_ms` is a one-day range (~33k of the 1M events,
 * spread over 30 days); `_week_` (~233k) and `_full_range_` (all 1M) show how it scales with the rows matched.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer } from '../emulator/src/core/server'
import { openDatabase } from '../emulator/src/db'
import { opsPerSecond } from './_stats'

const N = Number(process.env.BENCH_DB_EVENTS ?? 1_000_000)
const DAY = 86_400_000
const T0 = Date.UTC(2026, 9, 1)
const TYPES = ['view', 'cart', 'order', 'pay', 'share']

const clock = { now: () => Date.now(), offsetMs: () => 0, advance() {}, set: () => true }

export async function run(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-db-'))
  const db = openDatabase({ dir, clock, envId: 'bench-env' })
  const server = await startServer({ port: 0, modules: [db.module] })
  const saved = { ...process.env }
  try {
    db.applySchema({
      collections: {
        events: {
          indexes: [
            { name: 'created', keys: { createdAt: 1 } },
            { name: 'user_created', keys: { userId: 1, createdAt: -1 } },
          ],
        },
        products: {},
      },
    })
    const loadStart = process.hrtime.bigint()
    const CHUNK = 50_000
    for (let base = 0; base < N; base += CHUNK) {
      const docs = []
      for (let i = base; i < Math.min(N, base + CHUNK); i++) {
        docs.push({
          _id: `e${i}`,
          type: TYPES[i % TYPES.length],
          userId: `u${i % 20_000}`,
          amount: (i * 7919) % 50_000,
          createdAt: new Date(T0 + Math.floor((i / N) * 30 * DAY)),
        })
      }
      db.insertMany('events', docs)
    }
    const insertSecs = Number(process.hrtime.bigint() - loadStart) / 1e9
    db.insertMany(
      'products',
      Array.from({ length: 100 }, (_x, i) => ({ _id: `p${i}`, stock: 1_000_000 })),
    )

    Object.assign(process.env, {
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${server.url}/admin` }),
      TENCENTCLOUD_SECRETID: 'bench',
      TENCENTCLOUD_SECRETKEY: 'bench',
      TENCENTCLOUD_RUNENV: 'SCF',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      SCF_NAMESPACE: 'bench-env',
      TCB_ENV: 'bench-env',
      SILENCE: 'true',
    })
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk')
    // The full-month aggregate reads all 1M documents: allow it more than the SDK's default 15 s.
    cloud.init({ env: 'bench-env', timeout: 600_000 })
    const sdb = cloud.database()
    const _ = sdb.command
    const $ = _.aggregate

    const getById = await opsPerSecond(3000, 16, (i) =>
      sdb
        .collection('events')
        .doc(`e${(i * 104729) % N}`)
        .get(),
    )
    const condUpdate = await opsPerSecond(3000, 16, (i) =>
      sdb
        .collection('products')
        .where({ _id: `p${i % 100}`, stock: _.gte(1) })
        .update({ data: { stock: _.inc(-1) } }),
    )

    const aggregate = async (from: number, to: number) => {
      const t = process.hrtime.bigint()
      const r = await sdb
        .collection('events')
        .aggregate()
        .match({ createdAt: _.gte(new Date(from)).and(_.lt(new Date(to))) })
        .group({ _id: '$type', n: $.sum(1), amount: $.sum('$amount') })
        .end()
      if (!Array.isArray(r.list) || r.list.length === 0) throw new Error('aggregate returned nothing')
      return Number(process.hrtime.bigint() - t) / 1e6
    }
    const aggDay = await aggregate(T0 + 10 * DAY, T0 + 11 * DAY)
    const aggWeek = await aggregate(T0 + 7 * DAY, T0 + 14 * DAY)
    const aggMonth = await aggregate(T0, T0 + 30 * DAY)
    const explained = db.explain('events', {
      createdAt: { $gte: new Date(T0 + 10 * DAY), $lt: new Date(T0 + 11 * DAY) },
    })

    return {
      'db.insert_1m_s': insertSecs * (1_000_000 / N),
      'db.insert_docs_per_s': N / insertSecs,
      'db.get_by_id_ops_s': getById,
      'db.conditional_update_ops_s': condUpdate,
      'db.aggregate_1m_ms': aggDay,
      'db.aggregate_1m_week_ms': aggWeek,
      'db.aggregate_1m_full_range_ms': aggMonth,
      'db.aggregate_day_rows_examined': explained.rowsExamined,
      'db.events_count': N,
      'db.file_mb': fs.readdirSync(dir).reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0) / 1e6,
    }
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
    Object.assign(process.env, saved)
    await server.close()
    db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
