/**
 * The system under test for the browser journeys: the production h5 build served by a fresh local CloudBase
 * (temp data dir, the repository's schema and function bundles, timers off so the journeys move the clock
 * themselves), seeded with the demo shop. Builds nothing: `npm test` builds first.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startEmulator, type DatabaseSchema, type Emulator } from '../emulator/src'
import { generateSeed } from '../cloudfunctions/seed'
import { seedEmulator } from '../cloudfunctions/seed/apply'
import { PRIVACY_VERSION } from '../packages/contract/src/privacy'

const ROOT = resolve(__dirname, '..')
const H5_DIR = join(ROOT, 'miniprogram', 'dist', 'h5')
const FUNCTIONS_DIR = join(ROOT, 'cloudfunctions', 'dist')
const SCHEMA_FILE = join(ROOT, 'cloudfunctions', 'database.json')

export interface Stack {
  /** Base URL of the emulator; the shop is at `${url}/#/pages/home/index`. */
  url: string
  emu: Emulator
  /** The copy of dist/h5 being served (a rebuild during the run cannot pull files from under it). */
  h5Dir: string
  /** The shop URL (optionally a hash route, default the home page) for a dev identity; '' = signed out. */
  as(openid: string, route?: string): string
  stop(): Promise<void>
}

/** The query parameter the journeys' init script reads to preset the dev identity (see `identityInitScript`). */
export const AS_PARAM = 'e2eAs'

function requireBuild(file: string, how: string): void {
  if (!existsSync(file)) throw new Error(`browser journeys: ${file} is missing — run \`${how}\` first`)
}

/**
 * A fresh local CloudBase on the repository's schema and the given function bundles, timers off (journeys
 * move the clock themselves), seeded with the demo shop; the weapp journeys use it too. `cleanup` runs after
 * stop, and also when starting fails.
 */
export async function startSeededShop(o: {
  functionsDir: string
  h5Dir?: string
  cleanup: () => void
}): Promise<Emulator> {
  const schema = {
    collections: (JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as DatabaseSchema).collections,
  }
  const emu = await startEmulator({
    port: 0,
    functionsDir: o.functionsDir,
    ...(o.h5Dir ? { h5Dir: o.h5Dir } : {}),
    schema,
    identities: generateSeed({ products: 1 }).identities,
    timers: false,
    // mediaCheckAsync verdicts reach wxEvents as on a configured environment
    messagePush: join(ROOT, 'cloudfunctions', 'message-push.json'),
    // a cold first call would eat into the journeys' waits
    prewarm: true,
    quiet: true,
  }).catch((e: unknown) => {
    o.cleanup()
    throw e
  })
  const stop = emu.stop.bind(emu)
  emu.stop = async () => {
    await stop()
    o.cleanup()
  }
  try {
    seedEmulator(emu)
  } catch (e) {
    await emu.stop()
    throw e
  }
  return emu
}

export async function startStack(): Promise<Stack> {
  requireBuild(join(H5_DIR, 'index.html'), 'NODE_ENV=production npm run build:h5')
  requireBuild(join(FUNCTIONS_DIR, 'shop', 'index.js'), 'npm run build:functions')
  const h5Dir = mkdtempSync(join(tmpdir(), 'mall-e2e-h5-'))
  cpSync(H5_DIR, h5Dir, { recursive: true })
  const emu = await startSeededShop({
    functionsDir: FUNCTIONS_DIR,
    h5Dir,
    cleanup: () => rmSync(h5Dir, { recursive: true, force: true }),
  })
  return {
    url: emu.url,
    emu,
    h5Dir,
    as(openid, route = '/pages/home/index') {
      const name = emu.identities.find((i) => i.openid === openid)?.name ?? openid
      const q = new URLSearchParams({ [AS_PARAM]: openid, [`${AS_PARAM}Name`]: name })
      return `${emu.url}/?${q.toString()}#${route}`
    },
    stop: () => emu.stop(),
  }
}

/**
 * For `context.addInitScript`: when the URL carries `?e2eAs=<openid>&e2eAsName=<name>`, write the persisted
 * session store (`mall:session`, the shape src/stores/persist.ts reads through Taro storage, which wraps
 * every value as {data}) before the app boots, so the h5 transport sends that identity as
 * `x-mall-dev-openid`. A string, not a function: tsx would inject helpers the browser does not have.
 */
export const identityInitScript = `(() => {
  const q = new URLSearchParams(location.search)
  const openid = q.get('${AS_PARAM}')
  if (openid === null) return
  if (openid === '') return localStorage.removeItem('mall:session')
  const devIdentity = { openid, name: q.get('${AS_PARAM}Name') || openid }
  localStorage.setItem('mall:session', JSON.stringify({ data: { v: 1, state: { devIdentity } } }))
  // The privacy popup asks at first launch (src/stores/privacy.ts): journeys start agreed, unless the URL
  // carries e2ePrivacy=ask (the consent journey) or the device already answered.
  if (q.get('e2ePrivacy') !== 'ask' && localStorage.getItem('mall:privacy') === null) {
    const privacy = { agreedVersion: '${PRIVACY_VERSION}', agreedAt: 0, refusedAt: null, recorded: true }
    localStorage.setItem('mall:privacy', JSON.stringify({ data: { v: 1, state: privacy } }))
  }
})()`
