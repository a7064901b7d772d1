/** The database steps again, against the full `startEmulator` (all modules plugged into one server). */
import path from 'node:path'
import { startEmulator } from '../../src'
import { dbSteps } from './db.steps'
import { type Started, useConformance } from './harness'

// The machine is shared: generous per-test time (projects cannot set testTimeout).
jest.setTimeout(120_000)

const startFull = async (): Promise<Started> => {
  const emu = await startEmulator({
    quiet: true,
    timers: false,
    functionsDir: path.join(__dirname, '..', 'fixtures', 'functions'),
  })
  return { url: emu.url, db: emu.db, stop: () => emu.stop() }
}

describe('database conformance through startEmulator, wx-server-sdk 4.0.2', () => {
  const h = useConformance('4.0.2', { start: startFull })
  for (const s of dbSteps) test(s.step, () => h.check(s))
})
