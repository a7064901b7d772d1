/**
 * Shared integration-test harness: an emulator per test file on a temp dir, the declared indexes applied, the
 * seed (or a smaller one) inserted with its images uploaded, and `callAs(openid, action, input)` which runs
 * the real function bundle (real wx-server-sdk) as that shopper. The bundle is built by the jest globalSetup.
 *
 *   const t = await startTestEmulator({ products: 60 })
 *   const res = await t.callAs(SHOPPER, 'catalog.home', {})
 *   await t.stop()
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  startEmulator,
  type DatabaseSchema,
  type Emulator,
  type InvokeOptions,
  type VerdictMode,
} from '@mall/emulator'
import { actions, type ActionName, type ActionOutput, type Envelope } from '@mall/contract'
import { shopperOpenid, type Seed } from '../../seed'
import { seedEmulator } from '../../seed/apply'

export const SHOPPER_1 = shopperOpenid(1)
export const SHOPPER_2 = shopperOpenid(2)
export const SHOPPER_3 = shopperOpenid(3)
export const ADMIN = 'o_demo_admin'

const FUNCTIONS_DIR = path.resolve(__dirname, '..', '..', 'dist')
/** 消息推送 routing, as configured in the CloudBase console of a real environment. */
const MESSAGE_PUSH = path.resolve(__dirname, '..', '..', 'message-push.json')
export const schema = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '..', '..', 'database.json'), 'utf8'),
) as DatabaseSchema

export interface TestEmulator {
  emu: Emulator
  /** null when started with `seed: false` */
  seed: Seed | null
  /** Calls an action through the function that serves it, as `openid` from the mini-program. */
  callAs<A extends ActionName>(openid: string, action: A, input: unknown): Promise<Envelope<ActionOutput<A>>>
  /** Raw invocation (any event, any source), e.g. for malformed events or payNotify callbacks. */
  invoke(fn: string, event: unknown, opts?: InvokeOptions): Promise<unknown>
  /** Documents of a collection as the database holds them. */
  find<T = Record<string, unknown>>(
    collection: string,
    filter?: object,
    opts?: { sort?: object; limit?: number },
  ): T[]
  stop(): Promise<void>
}

/**
 * A private copy of the bundles for this test file, so a rebuild of dist/ (another jest run, `npm start`)
 * cannot swap or delete them mid-test. It stays under dist/ so `wx-server-sdk` still resolves from the
 * repository's node_modules.
 */
function snapshotBundles(): string {
  if (!fs.existsSync(path.join(FUNCTIONS_DIR, 'shop', 'index.js')))
    throw new Error(`no function bundles in ${FUNCTIONS_DIR}: run \`npx tsx cloudfunctions/build.ts\``)
  const dir = fs.mkdtempSync(path.join(FUNCTIONS_DIR, '.test-'))
  for (const name of fs.readdirSync(FUNCTIONS_DIR)) {
    if (name.startsWith('.')) continue
    fs.cpSync(path.join(FUNCTIONS_DIR, name), path.join(dir, name), { recursive: true })
  }
  return dir
}

export async function startTestEmulator(
  opts: {
    products?: number
    seed?: boolean
    poolSize?: number
    timeoutMs?: number
    /** mediaCheckAsync verdicts: pushed to wxEvents after the answer (default), held, or before the answer. */
    verdicts?: VerdictMode
    /** Every log line of the emulator and its functions' console (default: none are kept). */
    log?: (line: string) => void
  } = {},
): Promise<TestEmulator> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mall-test-'))
  const functionsDir = snapshotBundles()
  const emu = await startEmulator({
    port: 0,
    dataDir,
    functionsDir,
    schema,
    timers: false,
    quiet: !opts.log,
    log: opts.log,
    poolSize: opts.poolSize,
    timeoutMs: opts.timeoutMs,
    messagePush: MESSAGE_PUSH,
    verdicts: opts.verdicts,
  })
  let seed: Seed | null = null
  try {
    if (opts.seed !== false) seed = loadSeed(emu, opts.products)
  } catch (e) {
    await emu.stop()
    throw e
  }
  return {
    emu,
    seed,
    callAs: async (openid, action, input) =>
      (await emu.functions.invoke(
        actions[action].fn,
        { action, input },
        { openid, source: 'wx_client' },
      )) as Envelope<ActionOutput<typeof action>>,
    invoke: (fn, event, o) => emu.functions.invoke(fn, event, o),
    find: (collection, filter, o) => emu.db.find(collection, filter, o) as never,
    stop: async () => {
      await emu.stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
      fs.rmSync(functionsDir, { recursive: true, force: true })
    },
  }
}

/** Uploads the seed's images, then inserts its documents (the same loader as `npm start`). */
export const loadSeed = (emu: Emulator, products?: number): Seed => seedEmulator(emu, { products })

/** Unwraps a successful envelope, failing the test with the error otherwise. */
export function ok<T>(res: Envelope<T>): T {
  if (!res.ok) throw new Error(`expected ok, got ${res.code}: ${res.message}`)
  return res.data
}
