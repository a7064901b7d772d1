/**
 * Database semantics through the real SDK over HTTP: atomic conditional updates, transactions (conflict, rollback,
 * lock waits), unique indexes, serverDate from the emulator clock.
 */
import { ENV_ID, type Started, loadSdk, sdkEnv, startDbOnly } from '../conformance/harness'
import type { Database } from '../../src/db'
import type { Clock } from '../../src/core/types'

// The machine is shared: generous per-test time (projects cannot set testTimeout).
jest.setTimeout(120_000)

/* eslint-disable @typescript-eslint/no-explicit-any */
let emu: Started
let db: Database
let sdb: any
let _: any

beforeAll(async () => {
  emu = await startDbOnly()
  db = emu.db!
  sdkEnv(emu.url)
  const cloud = loadSdk('4.0.2')
  cloud.init({ env: ENV_ID })
  sdb = cloud.database()
  _ = sdb.command
})
afterAll(() => emu.stop())

test('1000 concurrent conditional decrements on stock 100 end at exactly 0 with exactly 100 successes', async () => {
  db.insertMany('products', [{ _id: 'p1', stock: 100 }])
  const results = await Promise.all(
    Array.from({ length: 1000 }, () =>
      sdb
        .collection('products')
        .where({ _id: 'p1', stock: _.gte(1) })
        .update({ data: { stock: _.inc(-1) } }),
    ),
  )
  const ok = results.filter((r: any) => r.stats.updated === 1).length
  const zero = results.filter((r: any) => r.stats.updated === 0).length
  expect(ok).toBe(100)
  expect(zero).toBe(900)
  expect((await sdb.collection('products').doc('p1').get()).data.stock).toBe(0)
})

test('a transaction writing a locked document fails at once with DATABASE_TRANSACTION_CONFLICT; rollback leaves nothing', async () => {
  db.insertMany('acct', [
    { _id: 'a', balance: 100 },
    { _id: 'b', balance: 0 },
  ])
  const t1 = await sdb.startTransaction()
  await t1
    .collection('acct')
    .doc('a')
    .update({ data: { balance: _.inc(-30) } })
  await t1
    .collection('acct')
    .doc('b')
    .update({ data: { balance: _.inc(30) } })
  const t2 = await sdb.startTransaction()
  const started = Date.now()
  await expect(
    t2
      .collection('acct')
      .doc('a')
      .update({ data: { balance: 0 } }),
  ).rejects.toMatchObject({
    message: expect.stringContaining('[TransactionConflict]'),
  })
  expect(Date.now() - started).toBeLessThan(5000)
  await t2.rollback()
  // Not visible outside before commit (snapshot isolation of the writer).
  expect((await sdb.collection('acct').doc('a').get()).data.balance).toBe(100)
  await t1.rollback()
  const all = await sdb.collection('acct').orderBy('_id', 'asc').get()
  expect(all.data.map((d: any) => d.balance)).toEqual([100, 0])
})

test('commit applies every write of the transaction atomically', async () => {
  const r = await sdb.runTransaction(async (t: any) => {
    await t
      .collection('acct')
      .doc('a')
      .update({ data: { balance: _.inc(-40) } })
    await t
      .collection('acct')
      .doc('b')
      .update({ data: { balance: _.inc(40) } })
    await t.collection('acct').add({ data: { _id: 'log1', amount: 40 } })
    return 'done'
  })
  expect(r).toBe('done')
  const all = await sdb.collection('acct').orderBy('_id', 'asc').get()
  expect(all.data).toEqual([
    { _id: 'a', balance: 60 },
    { _id: 'b', balance: 40 },
    { _id: 'log1', amount: 40 },
  ])
})

test('a failing commit (unique index violated) rolls back every write of the transaction', async () => {
  db.ensureIndex('users', { name: 'phone_unique', keys: { phone: 1 }, unique: true })
  db.insertMany('users', [{ _id: 'u1', phone: '138' }])
  const t = await sdb.startTransaction()
  await t
    .collection('users')
    .doc('u1')
    .update({ data: { name: 'x' } })
  await t.collection('users').add({ data: { _id: 'u2', phone: '138' } })
  await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' })
  expect(db.find('users', {}, { sort: { _id: 1 } })).toEqual([{ _id: 'u1', phone: '138' }])
})

test('a plain update of a locked document waits for the lock, then applies on top of the commit', async () => {
  db.insertMany('stock', [{ _id: 's', n: 10 }])
  const t = await sdb.startTransaction()
  await t
    .collection('stock')
    .doc('s')
    .update({ data: { n: _.inc(-3) } })
  let plainDone = false
  const plain = sdb
    .collection('stock')
    .doc('s')
    .update({ data: { n: _.inc(-1) } })
    .then((r: any) => {
      plainDone = true
      return r
    })
  // The event loop keeps serving other requests while the plain write waits.
  await new Promise((r) => setTimeout(r, 200))
  expect((await sdb.collection('stock').doc('s').get()).data.n).toBe(10)
  expect(plainDone).toBe(false)
  await t.commit()
  expect((await plain).stats.updated).toBe(1)
  expect((await sdb.collection('stock').doc('s').get()).data.n).toBe(6)
})

test('transactions have repeatable reads and conflict at commit when a read document changed', async () => {
  db.insertMany('rr', [{ _id: 'r', v: 1 }])
  const t = await sdb.startTransaction()
  expect((await t.collection('rr').doc('r').get()).data.v).toBe(1)
  await sdb
    .collection('rr')
    .doc('r')
    .update({ data: { v: 2 } })
  expect((await t.collection('rr').doc('r').get()).data.v).toBe(1)
  await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
  await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' })
})

test('runTransaction retries a commit conflict and succeeds on a later attempt', async () => {
  db.insertMany('retry', [{ _id: 'k', v: 0 }])
  let attempts = 0
  const out = await sdb.runTransaction(async (t: any) => {
    attempts++
    const cur = (await t.collection('retry').doc('k').get()).data.v
    if (attempts === 1)
      await sdb
        .collection('retry')
        .doc('k')
        .update({ data: { v: 100 } })
    await t
      .collection('retry')
      .doc('k')
      .update({ data: { v: cur + 1 } })
    return cur
  })
  expect(attempts).toBe(2)
  expect(out).toBe(100)
  expect(db.find('retry')).toEqual([{ _id: 'k', v: 101 }])
})

test('a transaction older than the limit is aborted and its locks released', async () => {
  const { openDatabase } = await import('../../src/db')
  const fs = await import('node:fs')
  const os = await import('node:os')
  const path = await import('node:path')
  const { startServer } = await import('../../src/core/server')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-txage-'))
  const d2 = openDatabase({
    dir,
    clock: { now: Date.now, offsetMs: () => 0, advance() {}, set: () => true },
    txMaxAgeMs: 300,
  })
  const s2 = await startServer({ port: 0, modules: [d2.module] })
  const post = (body: object) =>
    fetch(`${s2.url}/admin`, { method: 'POST', body: JSON.stringify({ envName: ENV_ID, ...body }) }).then(
      (r) => r.json() as any,
    )
  try {
    d2.insertMany('c', [{ _id: 'x', v: 1 }])
    const { transactionId } = await post({ action: 'database.startTransaction' })
    const up = {
      action: 'database.modifyDocument',
      collectionName: 'c',
      queryType: 'DOC',
      query: '{"_id":"x"}',
      merge: true,
      multi: false,
    }
    expect(
      (await post({ ...up, transactionId, data: '{"$set":{"v":{"$numberInt":"2"}}}' })).data.updated,
    ).toBe(1)
    // A plain write waits for the lock; the age limit frees it.
    const plain = await post({ ...up, data: '{"$set":{"v":{"$numberInt":"3"}}}' })
    expect(plain.data.updated).toBe(1)
    expect((await post({ action: 'database.commitTransaction', transactionId })).code).toBe(
      'DATABASE_TRANSACTION_FAIL',
    )
    expect(d2.find('c')).toEqual([{ _id: 'x', v: 3 }])
  } finally {
    await s2.close()
    d2.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('unique index: duplicate insert and duplicate update fail with DATABASE_DUPLICATE_WRITE; missing counts as null', async () => {
  db.ensureIndex('members', { name: 'openid_unique', keys: { openid: 1 }, unique: true })
  await sdb.collection('members').add({ data: { openid: 'o1' } })
  await expect(sdb.collection('members').add({ data: { openid: 'o1' } })).rejects.toMatchObject({
    message: expect.stringContaining('DuplicateWrite'),
  })
  const b = await sdb.collection('members').add({ data: { openid: 'o2' } })
  await expect(
    sdb
      .collection('members')
      .doc(b._id)
      .update({ data: { openid: 'o1' } }),
  ).rejects.toThrow(/duplicate key/)
  await sdb.collection('members').add({ data: { nick: 'no openid' } })
  await expect(sdb.collection('members').add({ data: { nick: 'also none' } })).rejects.toThrow(
    /duplicate key/,
  )
  expect((await sdb.collection('members').count()).total).toBe(3)
})

test('serverDate is resolved with the emulator clock in writes and in queries', async () => {
  const clock = emu.clock as Clock
  clock.advance(86_400_000)
  db.ensureCollection('events')
  await sdb.collection('events').add({ data: { k: 'yesterday', at: new Date(Date.now()) } })
  await sdb.collection('events').add({ data: { k: 'now', at: sdb.serverDate() } })
  const stored = db.find('events', { k: 'now' })[0] as { at: Date }
  expect(stored.at).toBeInstanceOf(Date)
  expect(Math.abs(stored.at.getTime() - (Date.now() + 86_400_000))).toBeLessThan(5000)
  const recent = await sdb
    .collection('events')
    .where({ at: _.gte(sdb.serverDate({ offset: -60_000 })) })
    .get()
  expect(recent.data.map((d: any) => d.k)).toEqual(['now'])
})

test('get limit is clamped to 1000 server-side too', async () => {
  db.insertMany(
    'many',
    Array.from({ length: 1200 }, (_x, i) => ({ i })),
  )
  const res = await fetch(`${emu.url}/admin`, {
    method: 'POST',
    body: JSON.stringify({
      action: 'database.getDocument',
      envName: ENV_ID,
      collectionName: 'many',
      queryType: 'WHERE',
      limit: 5000,
    }),
  }).then((r) => r.json() as any)
  expect(res.data.list).toHaveLength(1000)
  const dflt = await sdb.collection('many').get()
  expect(dflt.data).toHaveLength(100)
})

test('geo: $nearSphere sorts by distance, and the $geoNear aggregate stage writes the distance', async () => {
  const P = sdb.Geo.Point
  await sdb.createCollection('shops')
  await sdb.collection('shops').add({
    data: [
      { _id: 'far', loc: P(113.4, 23.2) },
      { _id: 'near', loc: P(113.3246, 23.1001) },
      { _id: 'mid', loc: P(113.33, 23.11) },
      { _id: 'away', loc: P(120, 30) },
    ],
  })
  const near = await sdb
    .collection('shops')
    .where({ loc: _.geoNear({ geometry: P(113.3245, 23.1), maxDistance: 20_000 }) })
    .get()
  expect(near.data.map((d: any) => d._id)).toEqual(['near', 'mid', 'far'])
  const agg = await sdb
    .collection('shops')
    .aggregate()
    .geoNear({ near: P(113.3245, 23.1), spherical: true, distanceField: 'dist', maxDistance: 5000 })
    .end()
  expect(agg.list.map((d: any) => d._id)).toEqual(['near', 'mid'])
  expect(agg.list[0].dist).toBeLessThan(50)
  expect(agg.list[1].dist).toBeGreaterThan(agg.list[0].dist)
})
