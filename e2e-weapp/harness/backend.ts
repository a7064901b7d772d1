/**
 * The server side of a weapp journey, as the browser journeys have it (e2e/stack.ts): a fresh local
 * CloudBase on the repository's schema and built functions, timers off (journeys move the clock themselves),
 * seeded with the demo shop. Builds nothing: it runs a private copy of cloudfunctions/dist (npm test builds
 * it first), so a rebuild during the run cannot change the functions under it.
 */
import { rmSync } from 'node:fs'
import type { Emulator } from '../../emulator/src'
import { startSeededShop } from '../../e2e/stack'
import { snapshotFunctions } from './snapshot'

export async function startBackend(): Promise<Emulator> {
  const functionsDir = snapshotFunctions()
  return startSeededShop({
    functionsDir,
    cleanup: () => rmSync(functionsDir, { recursive: true, force: true }),
  })
}
