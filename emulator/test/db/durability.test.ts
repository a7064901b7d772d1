/** Durability: data survives close/reopen and a SIGKILL of the process serving it. */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../../src/db'
import { ENV_ID, loadSdk, sdkEnv, testClock } from '../conformance/harness'

// The machine is shared: generous per-test time (projects cannot set testTimeout).
jest.setTimeout(120_000)

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'emu-dur-'))

test('documents, indexes and collections survive close and reopen', () => {
  const dir = tmp()
  const clock = testClock()
  const db = openDatabase({ dir, clock })
  db.applySchema({
    collections: {
      products: { indexes: [{ name: 'sku_unique', keys: { sku: 1 }, unique: true }] },
      empty: {},
    },
  })
  db.insertMany('products', [
    { _id: 'p1', sku: 'A', at: new Date(1700000000000), tags: ['x'] },
    { _id: 'p2', sku: 'B' },
  ])
  db.close()
  const again = openDatabase({ dir, clock })
  try {
    expect(again.collections()).toEqual([
      { name: 'empty', count: 0 },
      { name: 'products', count: 2 },
    ])
    expect(again.find('products', { _id: 'p1' })).toEqual([
      { _id: 'p1', sku: 'A', at: new Date(1700000000000), tags: ['x'] },
    ])
    // The unique index came back too.
    expect(() => again.insertMany('products', [{ sku: 'A' }])).toThrow(/duplicate key/)
    expect(again.explain('products', { sku: 'B' }).indexes.length).toBeGreaterThan(0)
  } finally {
    again.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('a SIGKILLed server loses nothing it acknowledged', async () => {
  const dir = tmp()
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'fixtures/child-server.ts'), dir],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: path.join(__dirname, '../..'),
    },
  )
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      const timer = setTimeout(() => reject(new Error('child did not start')), 30_000)
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString()
        const m = /URL (\S+)/.exec(out)
        if (m) {
          clearTimeout(timer)
          resolve(m[1]!)
        }
      })
      child.on('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`child exited early (${code})`))
      })
    })
    sdkEnv(url)
    const cloud = loadSdk('4.0.2')
    cloud.init({ env: ENV_ID })
    const sdb = cloud.database()
    for (let i = 0; i < 50; i++) await sdb.collection('orders').add({ data: { _id: `o${i}`, n: i } })
    await sdb
      .collection('orders')
      .doc('o7')
      .update({ data: { paid: true } })
    const t = await sdb.startTransaction()
    await t
      .collection('orders')
      .doc('o8')
      .update({ data: { paid: true } })
    // Killed with an open (uncommitted) transaction: it must leave no trace.
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
  const db = openDatabase({ dir, clock: testClock() })
  try {
    expect(db.collections()).toEqual([{ name: 'orders', count: 50 }])
    expect(db.find('orders', { paid: true })).toEqual([{ _id: 'o7', n: 7, paid: true }])
  } finally {
    db.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}, 60_000)
