import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startEmulator, type Emulator } from '../../src'

// Worker processes start slowly on a loaded 2-core machine (the project-level testTimeout is not applied).
jest.setTimeout(60_000)

const HEAD = `/* eslint-disable */
const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const db = cloud.database()
`

/** Tiny bundles, each doing a known sequence of writes or calls. */
const BUNDLES: Record<string, string> = {
  // Three plain writes in a row.
  writer: `${HEAD}exports.main = async (e) => {
  for (let i = 1; i <= 3; i++) await db.collection(e.coll).add({ data: { i } })
  return { ok: true }
}`,
  // Write 1 plain, write 2 the commit of two buffered writes, write 3 plain.
  txer: `${HEAD}exports.main = async (e) => {
  await db.collection(e.coll).add({ data: { _id: 'pre' } })
  const tx = await db.startTransaction()
  await tx.collection(e.coll).doc('a').set({ data: { v: 1 } })
  await tx.collection(e.coll).doc('b').set({ data: { v: 1 } })
  await tx.commit()
  await db.collection(e.coll).add({ data: { _id: 'post' } })
  return { ok: true }
}`,
  // Holds a transaction lock on doc 'a', says so, and never returns.
  hanger: `${HEAD}exports.main = async (e) => {
  if (e.warm) return { warm: true }
  const tx = await db.startTransaction()
  await tx.collection(e.coll).doc('a').set({ data: { v: 1 } })
  await db.collection(e.coll).add({ data: { _id: 'locked' } })
  await new Promise(() => {})
}`,
  setter: `${HEAD}exports.main = async (e) => {
  await db.collection(e.coll).doc(e.id).set({ data: { v: 2 } })
  return { ok: true }
}`,
  // cloudPay, openapi, cloudPay, openapi: each outcome reported, never thrown.
  caller: `${HEAD}const settle = (p) => p.then(() => 'ok', (err) => 'rejected: ' + err.message)
exports.main = async () => {
  const pay = () => settle(cloud.cloudPay.queryOrder({ subMchId: '1600000000', outTradeNo: 'NOPE1', nonceStr: 'n' }))
  const api = () => settle(cloud.openapi.security.msgSecCheck({ content: 'hello' }))
  return [await pay(), await api(), await pay(), await api()]
}`,
}

describe('invocation faults', () => {
  let emu: Emulator
  let dir: string
  const docs = (coll: string) => emu.db.find(coll, {}, { sort: { _id: 1 } }) as Array<{ _id: string }>
  const killedWith = (k: number, when: string) =>
    expect.objectContaining({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      message: expect.stringMatching(new RegExp(`injected fault: crash ${when} database write ${k}\\b`)),
    })

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-faults-'))
    for (const [name, src] of Object.entries(BUNDLES)) {
      fs.mkdirSync(path.join(dir, name))
      fs.writeFileSync(path.join(dir, name, 'index.js'), src)
    }
    emu = await startEmulator({ functionsDir: dir, quiet: true, timers: false, poolSize: 1 })
    for (const c of ['w_before', 'w_after', 'w_next', 'tx_before', 'tx_after', 'tx_ok', 'tx_hang'])
      emu.db.ensureCollection(c)
  })
  afterAll(async () => {
    await emu.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  afterEach(() => emu.faults.clear())

  test('crash before write 2 leaves one document, after write 2 leaves two; the next run works', async () => {
    emu.faults.crash({ function: 'writer', write: 2, when: 'before' })
    await expect(emu.functions.invoke('writer', { coll: 'w_before' })).rejects.toEqual(
      killedWith(2, 'before'),
    )
    expect(docs('w_before')).toHaveLength(1)
    expect(emu.faults.armed()).toEqual([])

    emu.faults.crash({ function: 'writer', write: 2, when: 'after' })
    await expect(emu.functions.invoke('writer', { coll: 'w_after' })).rejects.toEqual(killedWith(2, 'after'))
    expect(docs('w_after')).toHaveLength(2)

    const fired = emu.faults.fired()
    expect(fired.map((f) => [f.kind, f.function, f.k, f.when, f.action])).toEqual([
      ['crash', 'writer', 2, 'before', 'database.insertDocument'],
      ['crash', 'writer', 2, 'after', 'database.insertDocument'],
    ])
    expect(emu.faults.writes(fired[0]!.invocationId)).toBe(2)

    // Fired faults are disarmed and the pool has a fresh worker.
    const next = await emu.functions.invokeWithInfo('writer', { coll: 'w_next' })
    expect(next.result).toEqual({ ok: true })
    expect(docs('w_next')).toHaveLength(3)
    expect(emu.faults.writes(next.requestId)).toBe(3)
  })

  test('a fault of another function, or armed for a later write, does not fire', async () => {
    emu.faults.crash({ function: 'txer', write: 1, when: 'before' })
    emu.faults.crash({ write: 4, when: 'before' })
    const r = await emu.functions.invokeWithInfo('writer', { coll: 'w_next' })
    expect(r.result).toEqual({ ok: true })
    expect(emu.faults.armed()).toHaveLength(2)
    expect(emu.faults.fired()).toHaveLength(2)
  })

  test('a commit counts as one write; killed before it, the transaction leaves nothing and no lock', async () => {
    const ok = await emu.functions.invokeWithInfo('txer', { coll: 'tx_ok' })
    expect(emu.faults.writes(ok.requestId)).toBe(3)
    expect(docs('tx_ok').map((d) => d._id)).toEqual(['a', 'b', 'post', 'pre'])

    emu.faults.crash({ function: 'txer', write: 2, when: 'before' })
    await expect(emu.functions.invoke('txer', { coll: 'tx_before' })).rejects.toEqual(killedWith(2, 'before'))
    expect(docs('tx_before').map((d) => d._id)).toEqual(['pre'])
    expect(emu.db.stats().activeTransactions).toBe(0)
    // A plain write to a document the dead transaction had locked goes through (it would wait 30 s otherwise).
    // (A held lock would outlast the function timeout: 30 s against 20 s.)
    await emu.functions.invoke('setter', { coll: 'tx_before', id: 'a' })
    expect(docs('tx_before')).toEqual([{ _id: 'a', v: 2 }, { _id: 'pre' }])

    emu.faults.crash({ function: 'txer', write: 2, when: 'after' })
    await expect(emu.functions.invoke('txer', { coll: 'tx_after' })).rejects.toEqual(killedWith(2, 'after'))
    expect(docs('tx_after').map((d) => d._id)).toEqual(['a', 'b', 'pre'])
  })

  test('a timed-out invocation releases its transaction locks at once', async () => {
    // Cold start under the default limit; only then the shortest config.json timeout (1 s), spent on a warm worker.
    await emu.functions.invoke('hanger', { warm: true })
    fs.writeFileSync(path.join(dir, 'hanger', 'config.json'), JSON.stringify({ timeout: 1 }))
    await expect(emu.functions.invoke('hanger', { coll: 'tx_hang' })).rejects.toThrow(/Timeout/)
    expect(docs('tx_hang')).toEqual([{ _id: 'locked' }])
    expect(emu.db.stats().activeTransactions).toBe(0)
    await emu.functions.invoke('setter', { coll: 'tx_hang', id: 'a' })
    expect(docs('tx_hang')).toEqual([{ _id: 'a', v: 2 }, { _id: 'locked' }])
  })

  test('failCall fails the k-th call of its kind and nothing else', async () => {
    expect(await emu.functions.invoke('caller', {})).toEqual(['ok', 'ok', 'ok', 'ok'])

    emu.faults.failCall({ function: 'caller', call: 2, kind: 'cloudPay' })
    const pay = (await emu.functions.invoke('caller', {})) as string[]
    expect(pay.slice(0, 2)).toEqual(['ok', 'ok'])
    expect(pay[2]).toMatch(/^rejected: .*injected fault: cloudPay call 2 failed/)
    expect(pay[3]).toBe('ok')

    emu.faults.failCall({ call: 1, kind: 'openapi' })
    const api = (await emu.functions.invoke('caller', {})) as string[]
    expect(api[1]).toMatch(/^rejected: .*injected fault: openapi call 1 failed/)
    expect([api[0], api[2], api[3]]).toEqual(['ok', 'ok', 'ok'])

    emu.faults.failCall({ call: 4 })
    const any = (await emu.functions.invoke('caller', {})) as string[]
    expect(any.slice(0, 3)).toEqual(['ok', 'ok', 'ok'])
    expect(any[3]).toMatch(/injected fault: openapi call 4 failed/)
    expect(
      emu.faults
        .fired()
        .slice(-3)
        .map((f) => [f.kind, f.callKind, f.k]),
    ).toEqual([
      ['failCall', 'cloudPay', 2],
      ['failCall', 'openapi', 1],
      ['failCall', 'any', 4],
    ])
  })

  test('the HTTP API arms, validates, lists and clears', async () => {
    const post = (p: string, body: unknown) =>
      fetch(`${emu.url}/__emulator/faults/${p}`, { method: 'POST', body: JSON.stringify(body) })
    const bad = async (p: string, body: unknown, msg: RegExp) => {
      const r = await post(p, body)
      expect(r.status).toBe(400)
      expect(((await r.json()) as { message: string }).message).toMatch(msg)
    }
    await bad('crash', { write: 0, when: 'before' }, /write must be an integer >= 1/)
    await bad('crash', { write: 1, when: 'during' }, /when must be 'before' or 'after'/)
    await bad('crash', { write: 1, when: 'after', function: '../x' }, /function must be a function name/)
    await bad('crash', { k: 1, write: 1, when: 'after' }, /unknown field\(s\): k/)
    await bad('crash', [1], /options must be a JSON object/)
    await bad('fail-call', { call: 1, kind: 'sms' }, /kind must be/)
    expect((await post('crash', 'x')).status).toBe(400)
    expect((await post('explode', {})).status).toBe(404)

    expect((await post('crash', { function: 'writer', write: 2, when: 'after' })).status).toBe(200)
    expect((await post('fail-call', { call: 1 })).status).toBe(200)
    const listed = (await (await fetch(`${emu.url}/__emulator/faults`)).json()) as {
      armed: unknown[]
      fired: unknown[]
    }
    expect(listed.armed).toEqual([
      expect.objectContaining({ kind: 'crash', function: 'writer', write: 2, when: 'after' }),
      expect.objectContaining({ kind: 'failCall', call: 1, callKind: 'any' }),
    ])
    expect(listed.fired.length).toBe(emu.faults.fired().length)
    expect((await fetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' })).status).toBe(200)
    expect(emu.faults.armed()).toEqual([])
    expect(() => emu.faults.crash({ write: 1.5, when: 'before' })).toThrow(/integer/)
  })
})
