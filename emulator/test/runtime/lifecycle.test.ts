import fs from 'node:fs'
import { startEmulator } from '../../src'
import { copyFixtures } from './helpers'

// Worker processes start slowly on a loaded 2-core machine (the project-level testTimeout is not applied).
jest.setTimeout(60_000)

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('emulator lifecycle', () => {
  test('stop() ends every worker process and frees the port', async () => {
    const dir = copyFixtures()
    const emu = await startEmulator({ functionsDir: dir, quiet: true, timers: true, poolSize: 2 })
    const results = (await Promise.all(
      ['o_1', 'o_2', 'o_3'].map((openid) => emu.functions.invoke('echo', { showEnv: true }, { openid })),
    )) as Array<{ env: { pid: number } }>
    const pids = [...new Set(results.map((r) => r.env.pid))]
    expect(pids.every(alive)).toBe(true)
    const dataDir = emu.dataDir
    await emu.stop()
    expect(pids.some(alive)).toBe(false)
    await expect(fetch(`${emu.url}/__emulator/console/clock`)).rejects.toThrow()
    // A temp data dir is the emulator's own and goes with it.
    expect(fs.existsSync(dataDir)).toBe(false)
    await expect(emu.functions.invoke('echo', {})).rejects.toMatchObject({ message: 'emulator is stopped' })
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test('a given data dir survives a restart with its data and schema', async () => {
    const dir = copyFixtures()
    const dataDir = fs.mkdtempSync(`${dir}-data`)
    const schema = {
      collections: { orders: { indexes: [{ name: 'by_status', keys: { status: 1 as const } }] } },
    }
    const first = await startEmulator({ functionsDir: dir, dataDir, schema, quiet: true, timers: false })
    expect(first.db.collections()).toContainEqual({ name: 'orders', count: 0 })
    first.db.insertMany('orders', [{ _id: 'o1', status: 'PAID' }])
    await first.stop()
    const second = await startEmulator({ functionsDir: dir, dataDir, quiet: true, timers: false })
    expect(second.db.find('orders', { status: 'PAID' })).toEqual([{ _id: 'o1', status: 'PAID' }])
    await second.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
    fs.rmSync(dir, { recursive: true, force: true })
  })
})
