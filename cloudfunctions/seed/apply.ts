/**
 * Loads the demo data into a running emulator: uploads the images through its storage first (documents store
 * the fileIDs that storage hands out), then bulk-inserts every collection. Used by `npm start`, the
 * integration-test harness and the browser journeys, so all three see the same shop.
 */
import type { Emulator } from '@mall/emulator'
import { generateSeed, seedFiles, type Seed, type SeedFile } from './index'

let files: SeedFile[] | undefined

/** Campaigns run around the emulator's clock at the time of seeding (a reset always shows running sales). */
export function seedEmulator(
  emu: Pick<Emulator, 'storage' | 'db' | 'clock'>,
  opts: { products?: number } = {},
): Seed {
  files ??= seedFiles()
  let prefix = ''
  for (const f of files) {
    const fileID = emu.storage.put(f.cloudPath, f.bytes)
    prefix = fileID.slice(0, fileID.length - f.cloudPath.length)
  }
  const seed = generateSeed({ products: opts.products, fileIdPrefix: prefix, now: emu.clock.now() })
  for (const [name, docs] of Object.entries(seed.collections)) if (docs.length) emu.db.insertMany(name, docs)
  return seed
}
