/**
 * `npm test`: every test of the repository, in the order their inputs need.
 *   1. build the cloud functions (integration tests run the real bundles on the emulator)
 *   2. jest: domain, contract, emulator (conformance with the real wx-server-sdk), functions, mini-program (h5 + mp)
 *   3. production builds of weapp and h5
 *   4. the weapp smoke test over the built output, then the weapp journeys (e2e-weapp: the build rendered in
 *      Node with WeChat's wcc compiler, against the real functions on an emulator)
 *   5. browser journeys on the h5 build + emulator in headless Chromium
 * Ends with one line `tests: N passed, N failed`. Flags: --no-build (reuse dist/), --skip-e2e,
 * --only=jest|smoke|weapp|e2e.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const root = join(__dirname, '..')
const args = new Set(process.argv.slice(2))
const only = [...args].find((a) => a.startsWith('--only='))?.slice('--only='.length)
const noBuild = args.has('--no-build')
const wants = (stage: string) => !only || only === stage

interface Tally {
  passed: number
  failed: number
}
const tally: Tally = { passed: 0, failed: 0 }
const failures: string[] = []

function sh(label: string, cmd: string, cmdArgs: string[], env: NodeJS.ProcessEnv = {}): boolean {
  console.log(`\n=== ${label}: ${cmd} ${cmdArgs.join(' ')}`)
  const started = Date.now()
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  console.log(`=== ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  if (r.status !== 0) failures.push(label)
  return r.status === 0
}

/** Runs jest with a JSON report so that the final line can count tests across stages. */
function jest(label: string, jestArgs: string[]): void {
  const outDir = join(root, 'node_modules', '.cache', 'mall-test')
  mkdirSync(outDir, { recursive: true })
  const out = join(outDir, `${label}.json`)
  rmSync(out, { force: true })
  const ok = sh(label, 'npx', ['jest', '--json', `--outputFile=${out}`, ...jestArgs])
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number }
    tally.passed += report.numPassedTests
    tally.failed += report.numFailedTests
    if (!ok && report.numFailedTests === 0) tally.failed += 1 // a suite that failed to run
  } else if (!ok) tally.failed += 1
}

function main(): void {
  if (!noBuild && !sh('build functions', 'npx', ['tsx', 'cloudfunctions/build.ts'])) return finish()
  if (wants('jest')) jest('jest', ['--maxWorkers=2'])
  const needsBuilds = wants('smoke') || wants('weapp') || (wants('e2e') && !args.has('--skip-e2e'))
  if (needsBuilds && !noBuild) {
    sh('build weapp', 'npm', ['run', 'build:weapp'], { NODE_ENV: 'production' })
    sh('build h5', 'npm', ['run', 'build:h5'], { NODE_ENV: 'production' })
  }
  if (wants('smoke') && existsSync(join(root, 'miniprogram', 'jest.smoke.config.js')))
    jest('weapp smoke', ['-c', 'miniprogram/jest.smoke.config.js'])
  // wcc ships for x86-64 Linux, macOS and Windows only: elsewhere this stage fails, never skips
  if (wants('weapp')) jest('weapp journeys', ['-c', 'e2e-weapp/jest.config.js', '--runInBand'])
  if (wants('e2e') && !args.has('--skip-e2e')) e2e()
  finish()
}

function e2e(): void {
  const out = join(root, 'e2e', 'artifacts', 'results.json')
  rmSync(out, { force: true })
  sh('browser journeys', 'npx', ['tsx', 'e2e/run.ts'])
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8')) as Tally
    tally.passed += r.passed
    tally.failed += r.failed
  } else tally.failed += 1
}

function finish(): void {
  if (failures.length) console.log(`\nfailed stages: ${failures.join(', ')}`)
  console.log(`\ntests: ${tally.passed} passed, ${tally.failed} failed`)
  process.exit(failures.length || tally.failed ? 1 : 0)
}

main()
