/**
 * Browser journeys: the h5 build served by a fresh emulator (seeded with the demo data), driven by
 * playwright-core in Debian's headless Chromium. Every step leaves a screenshot in e2e/artifacts/<journey>/.
 * Writes e2e/artifacts/results.json ({passed, failed}) for `npm test`'s tally.
 * `npx tsx e2e/run.ts [word...]` runs only the journeys whose file name contains a word.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { identityInitScript, startStack, type Stack } from './stack'
import type { Journey } from './journey'

const artifacts = join(__dirname, 'artifacts')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

async function main(): Promise<void> {
  const only = process.argv.slice(2)
  const files = readdirSync(join(__dirname, 'journeys'))
    .filter((f) => f.endsWith('.ts'))
    .filter((f) => only.length === 0 || only.some((w) => f.includes(w)))
    .sort()
  // Never a silent pass: without a browser the journeys fail (npm test counts the missing results.json).
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`)
  rmSync(artifacts, { recursive: true, force: true })
  mkdirSync(artifacts, { recursive: true })
  const stack = await startStack()
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  })
  let passed = 0
  let failed = 0
  try {
    for (const file of files) {
      const journey = ((await import(join(__dirname, 'journeys', file))) as { journey: Journey }).journey
      const name = basename(file, '.ts')
      const dir = join(artifacts, name)
      mkdirSync(dir, { recursive: true })
      const context = await browser.newContext({
        viewport: { width: 375, height: 812 },
        deviceScaleFactor: 2,
      })
      await context.addInitScript(identityInitScript)
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      let shot = 0
      const started = Date.now()
      try {
        await journey.run({
          page,
          stack,
          screenshot: async (label: string, of: Page = page) => {
            shot += 1
            await of.waitForTimeout(300)
            await of.screenshot({ path: join(dir, `${String(shot).padStart(2, '0')}-${label}.png`) })
          },
        })
        if (errors.length) throw new Error(`page errors: ${errors.join(' | ')}`)
        passed += 1
        console.log(`  ✓ ${journey.title} (${Date.now() - started} ms)`)
      } catch (e) {
        failed += 1
        await page.screenshot({ path: join(dir, 'failure.png') }).catch(() => undefined)
        console.log(`  ✗ ${journey.title}\n    ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
        // a script error in the app usually explains a selector that never showed up
        if (errors.length) console.log(`    page errors: ${errors.join(' | ')}`)
      } finally {
        await context.close()
      }
    }
  } finally {
    await browser.close()
    await stack.stop()
  }
  writeFileSync(join(artifacts, 'results.json'), JSON.stringify({ passed, failed }) + '\n')
  console.log(`\njourneys: ${passed} passed, ${failed} failed (screenshots in ${artifacts})`)
  process.exit(failed ? 1 : 0)
}

export type { Stack }

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
