/** Declared indexes are really used: equality, ranges (on Dates too) and sort + limit read few rows of a large collection. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Database, openDatabase } from '../../src/db'
import { startServer, type EmulatorServer } from '../../src/core/server'
import { ENV_ID, loadSdk, sdkEnv, testClock } from '../conformance/harness'

// The machine is shared: generous per-test time (projects cannot set testTimeout).
jest.setTimeout(120_000)

const N = 200_000
const T0 = Date.UTC(2026, 0, 1)
let dir: string
let db: Database
let server: EmulatorServer

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-idx-'))
  db = openDatabase({ dir, clock: testClock() })
  db.applySchema({
    collections: {
      orders: {
        indexes: [
          { name: 'openid_created', keys: { openid: 1, createdAt: -1 } },
          { name: 'created', keys: { createdAt: 1 } },
          { name: 'status', keys: { status: 1 } },
        ],
      },
    },
  })
  const docs = []
  for (let i = 0; i < N; i++) {
    docs.push({
      _id: `o${String(i).padStart(7, '0')}`,
      openid: `u${i % 5000}`,
      status: ['PENDING', 'PAID', 'SHIPPED', 'DONE'][i % 4],
      total: (i * 37) % 10_000,
      createdAt: new Date(T0 + i * 60_000),
    })
  }
  db.insertMany('orders', docs)
}, 180_000)

afterAll(async () => {
  await server?.close()
  db.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

test('equality on an indexed field examines only the matching rows', () => {
  const e = db.explain('orders', { openid: 'u42' })
  expect(e.fullScan).toBe(false)
  expect(e.returned).toBe(N / 5000)
  expect(e.rowsExamined).toBe(N / 5000)
})

test('a Date range uses the index', () => {
  const from = new Date(T0 + 1000 * 60_000)
  const to = new Date(T0 + 1100 * 60_000)
  const e = db.explain('orders', { createdAt: { $gte: from, $lt: to } })
  expect(e.fullScan).toBe(false)
  expect(e.returned).toBe(100)
  expect(e.rowsExamined).toBeLessThanOrEqual(100)
  const docs = db.find('orders', { createdAt: { $gte: from, $lt: to } }) as Array<{ createdAt: Date }>
  expect(docs[0]!.createdAt).toEqual(from)
})

test('equality + sort + limit on a compound index stops after limit rows', () => {
  const e = db.explain('orders', { openid: 'u7' }, { sort: { createdAt: -1 }, limit: 5 })
  expect(e.sortPushed).toBe(true)
  expect(e.fullScan).toBe(false)
  expect(e.returned).toBe(5)
  expect(e.rowsExamined).toBe(5)
  const docs = db.find('orders', { openid: 'u7' }, { sort: { createdAt: -1 }, limit: 5 }) as Array<{
    createdAt: Date
  }>
  const times = docs.map((d) => d.createdAt.getTime())
  expect([...times].sort((a, b) => b - a)).toEqual(times)
})

test('a filter on an unindexed field is re-checked by mingo on top of the index part', () => {
  const e = db.explain('orders', { status: 'PAID', total: { $lt: 100 } }, { limit: 10 })
  expect(e.fullScan).toBe(false)
  expect(e.rowsExamined).toBeLessThan(N / 4 + 1)
  expect(e.returned).toBe(10)
})

test('without an index the whole collection is examined (the counter is honest)', () => {
  const e = db.explain('orders', { total: 1 })
  expect(e.fullScan).toBe(true)
  expect(e.rowsExamined).toBe(N)
})

test('through the SDK: a paged order list on the index reads few rows', async () => {
  server = await startServer({ port: 0, modules: [db.module] })
  sdkEnv(server.url)
  const cloud = loadSdk('4.0.2')
  cloud.init({ env: ENV_ID })
  const sdb = cloud.database()
  const before = db.stats().rowsExamined
  const r = await sdb
    .collection('orders')
    .where({ openid: 'u9' })
    .orderBy('createdAt', 'desc')
    .limit(20)
    .get()
  expect(r.data).toHaveLength(20)
  expect(db.stats().rowsExamined - before).toBeLessThanOrEqual(20)
  const byId = await sdb.collection('orders').doc('o0123456').get()
  expect(byId.data.openid).toBe(`u${123456 % 5000}`)
  const agg = await sdb
    .collection('orders')
    .aggregate()
    .match({ createdAt: sdb.command.gte(new Date(T0)).and(sdb.command.lt(new Date(T0 + 600 * 60_000))) })
    .group({ _id: '$status', n: sdb.command.aggregate.sum(1) })
    .sort({ _id: 1 })
    .end()
  expect(agg.list).toEqual([
    { _id: 'DONE', n: 150 },
    { _id: 'PAID', n: 150 },
    { _id: 'PENDING', n: 150 },
    { _id: 'SHIPPED', n: 150 },
  ])
}, 60_000)

test('pushed-down conditions keep Mongo type semantics (5 vs "5" vs true, null vs missing, Dates)', () => {
  const when = new Date(T0)
  db.ensureIndex('typed', { name: 'v', keys: { v: 1 } })
  db.insertMany('typed', [
    { _id: 'num5', v: 5 },
    { _id: 'str5', v: '5' },
    { _id: 'true', v: true },
    { _id: 'one', v: 1 },
    { _id: 'null', v: null },
    { _id: 'missing' },
    { _id: 'date', v: when },
    { _id: 'ms', v: T0 },
  ])
  const ids = (f: object) =>
    (db.find('typed', f, { sort: { _id: 1 } }) as Array<{ _id: string }>).map((d) => d._id)
  expect(ids({ v: 5 })).toEqual(['num5'])
  expect(ids({ v: '5' })).toEqual(['str5'])
  expect(ids({ v: true })).toEqual(['true'])
  expect(ids({ v: 1 })).toEqual(['one'])
  expect(ids({ v: null })).toEqual(['missing', 'null'])
  expect(ids({ v: { $gt: 0 } })).toEqual(['ms', 'num5', 'one'])
  expect(ids({ v: { $gte: when } })).toEqual(['date'])
  expect(ids({ v: when })).toEqual(['date'])
  expect(ids({ v: { $in: [1, '5'] } })).toEqual(['one', 'str5'])
  expect(ids({ v: { $lt: 'z' } })).toEqual(['str5'])
})

test('a field that only ever held one type needs no type guard, until another type shows up', () => {
  db.ensureIndex('mono', { name: 'v', keys: { v: 1 } })
  db.insertMany('mono', [
    { _id: 'a', v: 1 },
    { _id: 'b', v: 2 },
  ])
  expect(db.explain('mono', { v: { $gt: 0 } }).sql).not.toContain('json_type')
  db.insertMany('mono', [{ _id: 'c', v: 'text' }])
  const e = db.explain('mono', { v: { $gt: 0 } })
  expect(e.sql).toContain('json_type')
  expect(db.find('mono', { v: { $gt: 0 } }, { sort: { _id: 1 } })).toEqual([
    { _id: 'a', v: 1 },
    { _id: 'b', v: 2 },
  ])
})

test('count on an indexed filter is answered by SQL without decoding rows', async () => {
  const count = db.module.actions!['database.calculateDocument']!
  const query = JSON.stringify({
    openid: 'u3',
    createdAt: { $gte: { $date: { $numberLong: String(T0) } } },
  })
  const before = db.stats().rowsExamined
  const r = await count({
    action: 'database.calculateDocument',
    envName: '',
    headers: {},
    body: { collectionName: 'orders', queryType: 'WHERE', query },
  })
  expect(r).toEqual({ json: { data: { total: N / 5000 } } })
  expect(db.stats().rowsExamined).toBe(before)
})

test('huge $in lists stay correct (not bound as thousands of SQL variables)', () => {
  const ids = Array.from({ length: 40_000 }, (_x, i) => `o${String(i * 5).padStart(7, '0')}`)
  expect(db.find('orders', { _id: { $in: ids } })).toHaveLength(40_000)
  const users = Array.from({ length: 2000 }, (_x, i) => `u${i}`)
  expect(db.find('orders', { openid: { $in: users }, status: 'PAID' }, { limit: 5 })).toHaveLength(5)
})
