import fs from 'node:fs'
import path from 'node:path'
import { nextFire, parseCron } from '../../src/functions'
import { copyFixtures, startRuntime, type RuntimeHarness } from './helpers'

// Worker processes start slowly on a loaded 2-core machine (the project-level testTimeout is not applied).
jest.setTimeout(60_000)

const at = (iso: string) => Date.parse(iso)

describe('7-field cron', () => {
  test('fires on the next matching second in China time', () => {
    const daily = parseCron('0 0 3 * * * *')
    expect(nextFire(daily, at('2030-01-01T00:00:00+08:00'))).toBe(at('2030-01-01T03:00:00+08:00'))
    expect(nextFire(daily, at('2030-01-01T03:00:00+08:00'))).toBe(at('2030-01-02T03:00:00+08:00'))
    const every5 = parseCron('*/5 * * * * * *')
    expect(nextFire(every5, at('2030-01-01T00:00:03Z'))).toBe(at('2030-01-01T00:00:05Z'))
    const monFri = parseCron('0 30 9 ? * MON-FRI *')
    // 2030-01-05 is a Saturday: the next run is Monday 07th 09:30 China time.
    expect(nextFire(monFri, at('2030-01-04T10:00:00+08:00'))).toBe(at('2030-01-07T09:30:00+08:00'))
    const firstOfMonth = parseCron('0 0 0 1 * * 2031')
    expect(nextFire(firstOfMonth, at('2030-06-15T00:00:00Z'))).toBe(at('2031-01-01T00:00:00+08:00'))
    expect(nextFire(parseCron('0 0 0 1 1 * 2020'), at('2030-01-01T00:00:00Z'))).toBeNull()
  })

  test('rejects malformed expressions with a clear message', () => {
    expect(() => parseCron('* * * * *')).toThrow(/7 fields/)
    expect(() => parseCron('61 * * * * * *')).toThrow(/out of range/)
    expect(() => parseCron('0 */0 * * * * *')).toThrow(/step/)
    expect(() => parseCron('0 0 x * * * *')).toThrow(/bad cron value/)
  })
})

describe('timer triggers against the emulator clock', () => {
  let h: RuntimeHarness
  const ticks = () => {
    const file = path.join(h.dir, 'timer', 'ticks.jsonl')
    if (!fs.existsSync(file)) return []
    return fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown> & { event: { Time: string; TriggerName: string } })
  }

  beforeAll(async () => {
    h = await startRuntime({ timers: true })
  })
  afterAll(async () => {
    await h.stop()
  })

  test('a due tick runs once with TRIGGER_SRC=timer, however far the clock jumps', async () => {
    // A jump of years still gives one catch-up run.
    expect(h.clock.set(at('2090-01-01T02:58:00+08:00'))).toBe(true)
    await h.runtime.runDueTimers()
    expect(ticks()).toHaveLength(1)

    h.clock.advance(60_000) // 02:59: nothing due
    await h.runtime.runDueTimers()
    expect(ticks()).toHaveLength(1)

    h.clock.advance(2 * 60_000) // 03:01: the 03:00 tick
    await h.runtime.runDueTimers()
    const all = ticks()
    expect(all).toHaveLength(2)
    const t = all[1]
    expect(t.event).toMatchObject({
      Type: 'Timer',
      TriggerName: 'daily3am',
      Time: '2089-12-31T19:00:00.000Z',
    })
    expect(t.TRIGGER_SRC).toBe('timer')
    expect(t.hasTriggerToken).toBe(true)
    expect(Number(t.MALL_CLOCK_OFFSET_MS)).toBeGreaterThan(0)
    expect(t.wxContext).not.toHaveProperty('OPENID')
    expect(t.wxContext).not.toHaveProperty('SOURCE')

    h.clock.advance(5 * 24 * 3600_000) // five days: still one run
    await h.runtime.runDueTimers()
    expect(ticks()).toHaveLength(3)
    const entries = h.runtime.log().filter((e) => e.function === 'timer')
    expect(entries.every((e) => e.triggerSrc === 'timer' && e.ok)).toBe(true)
  })

  test('the clock refuses to go backwards', () => {
    const now = h.clock.now()
    expect(h.clock.set(now - 60_000)).toBe(false)
    expect(() => h.clock.advance(-1)).toThrow(RangeError)
    expect(h.clock.now()).toBeGreaterThanOrEqual(now)
  })
})

describe('timer triggers in real time', () => {
  let h: RuntimeHarness
  beforeAll(async () => {
    const dir = copyFixtures()
    // A second bundle with an every-second trigger.
    fs.cpSync(path.join(dir, 'timer'), path.join(dir, 'ticker'), { recursive: true })
    fs.writeFileSync(
      path.join(dir, 'ticker', 'config.json'),
      JSON.stringify({ triggers: [{ name: 'everySecond', type: 'timer', config: '* * * * * * *' }] }),
    )
    h = await startRuntime({ timers: true, functionsDir: dir })
  })
  afterAll(async () => {
    await h.stop()
  })

  test('fires by itself as time passes, without anyone moving the clock', async () => {
    const file = path.join(h.dir, 'ticker', 'ticks.jsonl')
    const deadline = Date.now() + 5000
    while (!fs.existsSync(file) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    await h.runtime.runDueTimers()
    const first = JSON.parse(fs.readFileSync(file, 'utf8').split('\n')[0]) as {
      event: { TriggerName: string }
    }
    expect(first.event.TriggerName).toBe('everySecond')
  })
})
