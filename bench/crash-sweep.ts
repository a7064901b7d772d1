/**
 * The crash-point sweep (cloudfunctions/test/durability/crash-sweep.test.ts) as figures: crash points per
 * money flow and in all, and the invariant violations found after recovery (must be 0). The test writes its
 * report to bench/out/crash-sweep.json; this runs it and reads the report.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

interface Report {
  total: number
  flows: Array<{ flow: string; writes: number; crashes: number; violations: number; ms: number }>
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/\([^)]*\)/g, '')
    .trim()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')

export async function run(): Promise<Record<string, number>> {
  const root = join(__dirname, '..')
  const file = join(__dirname, 'out', 'crash-sweep.json')
  rmSync(file, { force: true })
  const r = spawnSync('npx', ['jest', '-c', 'cloudfunctions/jest.config.js', 'test/durability/crash-sweep'], {
    cwd: root,
    stdio: 'inherit',
  })
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report
  const out: Record<string, number> = {
    'durability.crash_points_total': report.total,
    'durability.violations': report.flows.reduce((n, f) => n + f.violations, 0) + (r.status === 0 ? 0 : 1),
  }
  for (const f of report.flows) out[`durability.crash_points.${slug(f.flow)}`] = f.crashes
  return await Promise.resolve(out)
}
