/**
 * Private copies of the builds under test. Someone may rebuild miniprogram/dist/weapp or cloudfunctions/dist
 * while tests run (the folder disappears and fills up again), so the harness copies each once and runs only
 * from the copy; a copy is accepted when it is complete and the source did not change while copying.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const WEAPP_DIST = resolve(__dirname, '..', '..', 'miniprogram', 'dist', 'weapp')

export interface AppJson {
  pages: string[]
  subPackages?: Array<{ root: string; pages: string[] }>
  usingComponents?: Record<string, string>
  tabBar?: { list: Array<{ pagePath: string; text: string }> }
  window?: Record<string, unknown>
}

export const readAppJson = (dir: string): AppJson =>
  JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8')) as AppJson

/** Every page route of app.json, main package first, without a leading slash. */
export const allRoutes = (app: AppJson): string[] => [
  ...app.pages,
  ...(app.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`)),
]

/** What must exist for the build to load: the app, Taro's chunks, `comp`, every page and global component. */
function missingFiles(dir: string): string[] {
  if (!existsSync(join(dir, 'app.json'))) return ['app.json']
  let app: AppJson
  try {
    app = readAppJson(dir)
  } catch {
    return ['app.json (unreadable: being written?)']
  }
  const need = ['app.js', 'runtime.js', 'taro.js', 'vendors.js', 'common.js', 'base.wxml', 'utils.wxs']
  for (const base of ['comp', ...allRoutes(app)]) need.push(`${base}.js`, `${base}.json`, `${base}.wxml`)
  for (const ref of Object.values(app.usingComponents ?? {}))
    need.push(`${ref.replace(/^\//, '')}.js`, `${ref.replace(/^\//, '')}.wxml`)
  return need.filter((f) => !existsSync(join(dir, f)))
}

/** Names, sizes and times of every file: equal before and after the copy = nobody wrote meanwhile. */
function fingerprint(dir: string): string {
  const out: string[] = []
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) walk(p)
      else {
        const s = statSync(p)
        out.push(`${p}:${s.size}:${s.mtimeMs}`)
      }
    }
  }
  walk(dir)
  return out.sort().join('\n')
}

/** Blocks: the snapshot is taken synchronously, so a test file can list the copy's pages at collection time. */
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)

/**
 * Copies `source` into a fresh temp dir and answers its path, once nothing is missing from the copy and
 * the source did not change while copying. Waits (up to `waitMs`) while a rebuild has the folder missing
 * or half written; fails saying what to run when no complete build shows up.
 */
function snapshot(
  source: string,
  missing: (dir: string) => string[],
  o: { prefix: string; how: string; waitMs: number },
): string {
  const end = Date.now() + o.waitMs
  let why = ''
  for (;;) {
    const lacking = existsSync(source) ? missing(source) : ['the folder itself']
    if (lacking.length === 0) {
      const dir = mkdtempSync(join(tmpdir(), o.prefix))
      try {
        const before = fingerprint(source)
        cpSync(source, dir, { recursive: true })
        const lost = missing(dir)
        if (lost.length === 0 && fingerprint(source) === before) return dir
        why = lost.length
          ? `the copy lacked ${lost.slice(0, 3).join(', ')}`
          : 'the build changed while copying'
      } catch (e) {
        why = `copy failed: ${(e as Error).message}`
      }
      rmSync(dir, { recursive: true, force: true })
    } else {
      why = `missing ${lacking.slice(0, 5).join(', ')}${lacking.length > 5 ? ` and ${lacking.length - 5} more` : ''}`
    }
    if (Date.now() > end)
      throw new Error(`e2e-weapp: no complete build in ${source} (${why}). Build it first: ${o.how}`)
    // a rebuild is under way (the folder is emptied first): look again shortly
    pause(1_000)
  }
}

/** A private copy of the weapp build (the harness loads only from it). */
export const snapshotBuild = (waitMs = 90_000, source = WEAPP_DIST): string =>
  snapshot(source, missingFiles, {
    prefix: 'mall-e2e-weapp-',
    how: '`NODE_ENV=production npm run build:weapp` (npm test builds it before the weapp journeys)',
    waitMs,
  })

const FUNCTIONS_SRC = resolve(__dirname, '..', '..', 'cloudfunctions', 'functions')
export const FUNCTIONS_DIST = resolve(__dirname, '..', '..', 'cloudfunctions', 'dist')

/** A private copy of the built functions: a rebuild during the run cannot swap a bundle under a new worker. */
export const snapshotFunctions = (waitMs = 90_000): string =>
  snapshot(
    FUNCTIONS_DIST,
    (dir) =>
      readdirSync(FUNCTIONS_SRC)
        .flatMap((fn) => [`${fn}/index.js`, `${fn}/config.json`])
        .filter((f) => !existsSync(join(dir, f))),
    { prefix: 'mall-e2e-weapp-fns-', how: '`npx tsx cloudfunctions/build.ts`', waitMs },
  )
