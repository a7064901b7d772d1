/**
 * `npm start`: builds the functions and the h5 app, starts the local CloudBase on a fixed port with data in
 * `<repo>/.cloudbase/`, applies cloudfunctions/database.json, seeds an empty database, and prints where to go.
 *
 *   npm start                     build, start (seed only when the database is empty)
 *   npm start -- --no-build       start with the current builds
 *   npm start -- --reset          wipe .cloudbase/, reseed, start
 *   npm run reset                 (= --reset-only) wipe .cloudbase/, reseed, exit. Stop a running `npm start` first.
 *
 * Env: MALL_PORT (default 9000), MALL_HOST (default 127.0.0.1; 0.0.0.0 to reach it from a phone).
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { startEmulator, type DatabaseSchema, type Emulator } from '../emulator/src'
import { generateSeed } from '../cloudfunctions/seed'
import { seedEmulator } from '../cloudfunctions/seed/apply'
import { playDemoHistory } from '../cloudfunctions/seed/history'

const ROOT = path.resolve(__dirname, '..')
const DATA_DIR = path.join(ROOT, '.cloudbase')
const FUNCTIONS_DIR = path.join(ROOT, 'cloudfunctions', 'dist')
const H5_DIR = path.join(ROOT, 'miniprogram', 'dist', 'h5')
const SCHEMA_FILE = path.join(ROOT, 'cloudfunctions', 'database.json')

const args = new Set(process.argv.slice(2))
const resetOnly = args.has('--reset-only')
const reset = resetOnly || args.has('--reset')
const build = !args.has('--no-build') && !resetOnly

function run(script: string): boolean {
  console.log(`\n> npm run ${script}`)
  const r = spawnSync('npm', ['run', script], { cwd: ROOT, stdio: 'inherit' })
  return r.status === 0
}

function loadSchema(): DatabaseSchema | undefined {
  if (!fs.existsSync(SCHEMA_FILE)) {
    console.warn('[start] cloudfunctions/database.json not found: no collections or indexes created up front')
    return undefined
  }
  const parsed = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as DatabaseSchema
  return { collections: parsed.collections }
}

async function applySeed(emu: Emulator): Promise<void> {
  const seed = seedEmulator(emu)
  const docs = Object.values(seed.collections).reduce((n, list) => n + list.length, 0)
  console.log(
    `[start] seeded ${docs} documents in ${Object.keys(seed.collections).length} collections, ${seed.files.length} images`,
  )
  const orders = await playDemoHistory(emu, seed)
  console.log(
    `[start] played ${orders.length} demo orders through the functions (a wallet refund, a shipment)`,
  )
}

const isEmpty = (emu: Emulator) => emu.db.collections().every((c) => c.count === 0)

async function main(): Promise<void> {
  if (build) {
    if (!run('build:functions')) {
      console.error('[start] building the cloud functions failed')
      process.exit(1)
    }
    if (!run('build:h5'))
      console.warn('[start] building the h5 app failed: the console works, the shop page will not')
  }
  if (reset) {
    for (const part of ['db', 'storage', 'pay'])
      fs.rmSync(path.join(DATA_DIR, part), { recursive: true, force: true })
    console.log(`[start] wiped ${path.relative(ROOT, DATA_DIR)}/`)
  }
  const identities = generateSeed({ products: 1 }).identities
  const port = resetOnly ? 0 : Number(process.env.MALL_PORT ?? 9000)
  const emu = await startEmulator({
    port,
    host: process.env.MALL_HOST ?? '127.0.0.1',
    dataDir: DATA_DIR,
    functionsDir: FUNCTIONS_DIR,
    h5Dir: fs.existsSync(path.join(H5_DIR, 'index.html')) ? H5_DIR : undefined,
    schema: loadSchema(),
    identities,
    messagePush: path.join(ROOT, 'cloudfunctions', 'message-push.json'),
    timers: !resetOnly,
    prewarm: !resetOnly,
    quiet: resetOnly,
  })
  let stopping = false
  const stop = async (code: number) => {
    if (stopping) process.exit(code) // a second Ctrl-C does not wait
    stopping = true
    await emu.stop()
    process.exit(code)
  }
  try {
    if (reset || isEmpty(emu)) await applySeed(emu)
  } catch (e) {
    console.error(`[start] seeding failed: ${(e as Error).stack ?? String(e)}`)
    await stop(1)
  }
  if (resetOnly) {
    console.log('[start] data reset done')
    return stop(0)
  }
  process.on('SIGINT', () => void stop(0))
  process.on('SIGTERM', () => void stop(0))
  const fns = emu.functions.list()
  const h5Note = fs.existsSync(path.join(H5_DIR, 'index.html'))
    ? ''
    : '   (h5 build missing: npm run build:h5)'
  console.log(`
本地商城已启动 (local mall is running)
  商城 shop:        ${emu.url}/${h5Note}
  控制台 console:   ${emu.url}/__console
  开发登录 sign-in: ${emu.url}/__dev/signin
  云函数 functions: ${fns.length ? fns.join(', ') : '(none built: npm run build:functions)'}
  数据 data:        ${path.relative(ROOT, DATA_DIR)}/
  测试身份 identities:`)
  for (const i of identities)
    console.log(`    ${i.role === 'admin' ? '管理员' : '顾客  '} ${i.name.padEnd(6)} ${i.openid}`)
  console.log('\nCtrl-C 停止 (stop)\n')
}

main().catch((e: unknown) => {
  if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(
      `[start] 端口 ${process.env.MALL_PORT ?? 9000} 已被占用 (port in use): stop the other instance or set MALL_PORT`,
    )
    process.exit(1)
  }
  console.error(e instanceof Error ? (e.stack ?? e.message) : e)
  process.exit(1)
})
