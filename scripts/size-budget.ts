// Size budget of the weapp build (run after a production build): npx tsx scripts/size-budget.ts [dir]
// Main package must stay under 650 KB (the project's rule; the goal is 600) and each subpackage under
// 1,536 KB (WeChat's hard limit is 2 MB; the margin is ours): new pages and their libraries go to subpackages. measureWeapp() is also imported by the bench harness.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

export const MAIN_BUDGET_KB = 650
export const SUB_BUDGET_KB = 1536

export interface PackageSize {
  name: string
  root: string
  bytes: number
  files: number
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10

function walk(dir: string, base = dir, out: { rel: string; bytes: number }[] = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, base, out)
    else out.push({ rel: path.relative(base, full).split(path.sep).join('/'), bytes: statSync(full).size })
  }
  return out
}

/** Splits dist/weapp into the main package and each subpackage root listed in app.json. */
export function measurePackages(dir: string): PackageSize[] {
  const appJson = JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string; name?: string }[]
    subpackages?: { root: string; name?: string }[]
  }
  const subs = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => ({
    name: s.name ?? path.basename(s.root.replace(/\/$/, '')),
    root: s.root.replace(/\/$/, '') + '/',
    bytes: 0,
    files: 0,
  }))
  const main: PackageSize = { name: 'main', root: '', bytes: 0, files: 0 }
  for (const f of walk(dir)) {
    // DevTools project files are not uploaded
    if (f.rel === 'project.config.json' || f.rel === 'project.private.config.json') continue
    const pkg = subs.find((s) => f.rel.startsWith(s.root)) ?? main
    pkg.bytes += f.bytes
    pkg.files += 1
  }
  return [main, ...subs]
}

/** Figures for the bench harness: weapp.main_kb, weapp.sub_<name>_kb, weapp.total_kb. */
export function measureWeapp(dir: string): Record<string, number> {
  const pkgs = measurePackages(dir)
  const figures: Record<string, number> = {}
  for (const p of pkgs) figures[p.name === 'main' ? 'weapp.main_kb' : `weapp.sub_${p.name}_kb`] = kb(p.bytes)
  figures['weapp.total_kb'] = kb(pkgs.reduce((n, p) => n + p.bytes, 0))
  return figures
}

/** Budget violations as readable lines; empty when everything fits. */
export function overBudget(pkgs: PackageSize[]): string[] {
  return pkgs.flatMap((p) => {
    const limit = p.name === 'main' ? MAIN_BUDGET_KB : SUB_BUDGET_KB
    return kb(p.bytes) > limit ? [`${p.name}: ${kb(p.bytes)} KB > ${limit} KB`] : []
  })
}

function main() {
  const dir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'miniprogram', 'dist', 'weapp'))
  let pkgs: PackageSize[]
  try {
    pkgs = measurePackages(dir)
  } catch (e) {
    console.error(`size-budget: cannot read ${dir} (${(e as Error).message}); run npm run build:weapp first`)
    process.exit(1)
  }
  for (const p of pkgs) {
    const limit = p.name === 'main' ? MAIN_BUDGET_KB : SUB_BUDGET_KB
    const label = p.name === 'main' ? 'main' : `${p.name} (${p.root})`
    console.log(
      `${label.padEnd(34)} ${String(kb(p.bytes)).padStart(8)} KB ${String(p.files).padStart(5)} files  (budget ${limit} KB)`,
    )
  }
  const total = pkgs.reduce((n, p) => n + p.bytes, 0)
  console.log(
    `${'total'.padEnd(34)} ${String(kb(total)).padStart(8)} KB ${String(pkgs.reduce((n, p) => n + p.files, 0)).padStart(5)} files`,
  )
  const over = overBudget(pkgs)
  if (over.length > 0) {
    console.error(`size budget exceeded:\n  ${over.join('\n  ')}`)
    process.exit(1)
  }
}

if (require.main === module) main()
