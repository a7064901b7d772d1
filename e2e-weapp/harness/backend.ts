/**
 * The server side of a weapp journey, as the browser journeys have it (e2e/stack.ts): a fresh local
 * CloudBase on the repository's schema and built functions, timers off (journeys move the clock themselves),
 * seeded with the demo shop. Builds nothing: it runs a private copy of cloudfunctions/dist (npm test builds
 * it first), so a rebuild during the run cannot change the functions under it.
 */
import { readFileSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startEmulator, type DatabaseSchema, type Emulator } from '../../emulator/src'
import { generateSeed } from '../../cloudfunctions/seed'
import { seedEmulator } from '../../cloudfunctions/seed/apply'
import { snapshotFunctions } from './snapshot'

const ROOT = resolve(__dirname, '..', '..')
const SCHEMA_FILE = join(ROOT, 'cloudfunctions', 'database.json')

export async function startBackend(): Promise<Emulator> {
  const functionsDir = snapshotFunctions()
  const schema = {
    collections: (JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as DatabaseSchema).collections,
  }
  const emu = await startEmulator({
    port: 0,
    functionsDir,
    schema,
    identities: generateSeed({ products: 1 }).identities,
    timers: false,
    // mediaCheckAsync verdicts reach wxEvents as on a configured environment
    messagePush: join(ROOT, 'cloudfunctions', 'message-push.json'),
    // a cold first call would eat into the journeys' waits
    prewarm: true,
    quiet: true,
  }).catch((e: unknown) => {
    rmSync(functionsDir, { recursive: true, force: true })
    throw e
  })
  const stop = emu.stop
  emu.stop = async () => {
    await stop()
    rmSync(functionsDir, { recursive: true, force: true })
  }
  try {
    seedEmulator(emu)
  } catch (e) {
    await emu.stop()
    throw e
  }
  return emu
}
