/**
 * `npm run bench`: runs every bench/*.ts module that exports `run(): Promise<Record<string, number>>`,
 * prints the figures as a table and writes them to bench/out/figures.json (a flat object of named numbers).
 * Figures are measurements, never pass/fail. `npm run bench -- home order` runs only modules whose file name
 * contains one of the words.
 */
import { mkdirSync, readdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs'
import { join, basename } from 'node:path'

type Figures = Record<string, number>

const benchDir = __dirname
const outDir = join(benchDir, 'out')
const outFile = join(outDir, 'figures.json')

async function main(): Promise<void> {
  const only = process.argv.slice(2)
  const modules = readdirSync(benchDir)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
    .filter((f) => only.length === 0 || only.some((w) => f.includes(w)))
    .sort()
  // Keep figures of modules not run this time, so a partial run does not erase the rest.
  const figures: Figures = existsSync(outFile) ? (JSON.parse(readFileSync(outFile, 'utf8')) as Figures) : {}
  const failed: string[] = []
  for (const file of modules) {
    const name = basename(file, '.ts')
    const started = Date.now()
    process.stdout.write(`bench ${name} ... `)
    try {
      const mod = (await import(join(benchDir, file))) as { run?: () => Promise<Figures> }
      if (typeof mod.run !== 'function') {
        console.log('skipped (no run export)')
        continue
      }
      const result = await mod.run()
      for (const [k, v] of Object.entries(result)) if (Number.isFinite(v)) figures[k] = round(v)
      console.log(`${Object.keys(result).length} figures in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    } catch (e) {
      failed.push(name)
      console.log(`failed: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  mkdirSync(outDir, { recursive: true })
  writeFileSync(outFile, JSON.stringify(sortKeys(figures), null, 2) + '\n')
  printTable(figures)
  console.log(`\nwritten to ${outFile}`)
  if (failed.length) {
    console.error(`bench modules that failed: ${failed.join(', ')}`)
    process.exitCode = 1
  }
}

const round = (v: number): number => (Number.isInteger(v) ? v : Math.round(v * 100) / 100)

function sortKeys(f: Figures): Figures {
  return Object.fromEntries(Object.entries(f).sort(([a], [b]) => a.localeCompare(b)))
}

function printTable(f: Figures): void {
  const rows = Object.entries(sortKeys(f))
  const width = Math.max(6, ...rows.map(([k]) => k.length))
  console.log(`\n${'figure'.padEnd(width)}  value`)
  console.log(`${'-'.repeat(width)}  ${'-'.repeat(12)}`)
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`)
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
