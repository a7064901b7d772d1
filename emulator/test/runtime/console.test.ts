import fs from 'node:fs'
import path from 'node:path'
import { startEmulator, type Emulator } from '../../src'
import { copyFixtures } from './helpers'

// Worker processes start slowly on a loaded 2-core machine (the project-level testTimeout is not applied).
jest.setTimeout(60_000)

describe('dev console', () => {
  let emu: Emulator
  let fnDir: string
  const post = async (p: string, body: unknown) => {
    const res = await fetch(`${emu.url}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }

  beforeAll(async () => {
    fnDir = copyFixtures()
    emu = await startEmulator({ functionsDir: fnDir, quiet: true, timers: true })
    emu.db.insertMany('orders', [
      { _id: 'a', status: 'PAID', total: 300, createdAt: new Date('2030-01-01T00:00:00Z') },
      { _id: 'b', status: 'PAID', total: 100, createdAt: new Date('2030-01-02T00:00:00Z') },
      { _id: 'c', status: 'CREATED', total: 200, createdAt: new Date('2030-01-03T00:00:00Z') },
    ])
  })
  afterAll(async () => {
    await emu.stop()
    fs.rmSync(fnDir, { recursive: true, force: true })
  })

  test('serves one self-contained page', async () => {
    const res = await fetch(`${emu.url}/__console`)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    const html = await res.text()
    expect(html).toContain('本地云开发模拟器')
    expect(html).not.toMatch(/<script[^>]+src=/)
  })

  test('lists collections and queries with filter, sort and limit', async () => {
    const cols = (await (await fetch(`${emu.url}/__emulator/console/collections`)).json()) as {
      collections: Array<{ name: string; count: number }>
    }
    expect(cols.collections).toContainEqual({ name: 'orders', count: 3 })
    const r = await post('/__emulator/console/find', {
      collection: 'orders',
      filter: { status: 'PAID' },
      sort: { total: 1 },
      limit: 5,
    })
    expect(r.status).toBe(200)
    expect((r.body.docs as Array<{ _id: string }>).map((d) => d._id)).toEqual(['b', 'a'])
    const one = await post('/__emulator/console/find', {
      collection: 'orders',
      sort: { total: -1 },
      limit: 1,
    })
    expect(one.body.docs).toEqual([
      expect.objectContaining({ _id: 'a', createdAt: '2030-01-01T00:00:00.000Z' }),
    ])
  })

  test('bad queries get clear errors', async () => {
    expect(await post('/__emulator/console/find', '{oops')).toMatchObject({
      status: 400,
      body: { code: 'INVALID_PARAM' },
    })
    expect(await post('/__emulator/console/find', { collection: 'orders', filter: [1] })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_PARAM' },
    })
    expect(await post('/__emulator/console/find', { collection: 'nope' })).toMatchObject({
      status: 404,
      body: { code: 'COLLECTION_NOT_FOUND' },
    })
    expect(await post('/__emulator/console/clock', { advanceMs: -5 })).toMatchObject({ status: 400 })
    expect(await post('/__emulator/console/clock', { advanceMs: 'soon' })).toMatchObject({ status: 400 })
  })

  test('advancing the clock moves emulator time and runs due timers', async () => {
    const before = emu.clock.now()
    const r = await post('/__emulator/console/clock', { advanceMs: 86_400_000 })
    expect(r.status).toBe(200)
    expect(r.body.now as number).toBeGreaterThanOrEqual(before + 86_400_000)
    // A day always contains 03:00 China time: the fixture's daily trigger ran once.
    const ticks = fs
      .readFileSync(path.join(fnDir, 'timer', 'ticks.jsonl'), 'utf8')
      .trim()
      .split('\n')
    expect(ticks).toHaveLength(1)
    const inv = (await (await fetch(`${emu.url}/__emulator/console/invocations`)).json()) as {
      invocations: Array<{ function: string; triggerSrc: string }>
      functions: string[]
    }
    expect(inv.invocations[0]).toMatchObject({ function: 'timer', triggerSrc: 'timer' })
    expect(inv.functions).toEqual(expect.arrayContaining(['echo', 'timer']))
  })
})
