// Screenshots of the catalogue pages against the real local CloudBase (seeded like `npm start`), in
// headless Chromium at 375x812 @2x. Not a jest test: run after `npm run build:h5 -w miniprogram` and
// `npm run build:functions`:  npx tsx miniprogram/test/h5/catalog/shots.ts [outDir]
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Page } from 'playwright-core'

const REPO = path.resolve(__dirname, '../../../..')
// H5_DIR: a private copy, when others may be rebuilding dist/h5 at the same time
const DIST = process.env.H5_DIR ?? path.join(REPO, 'miniprogram/dist/h5')
const OUT = path.resolve(process.argv[2] ?? '/tmp/catalog-shots')

interface Emu {
  url: string
  identities: { openid: string; name: string }[]
  storage: { put(cloudPath: string, bytes: Buffer): string }
  db: { insertMany(name: string, docs: object[]): void }
  stop(): Promise<void>
}
type GenerateSeed = (opts?: { products?: number; fileIdPrefix?: string }) => {
  collections: Record<string, object[]>
  identities: { openid: string; name: string; role: 'shopper' | 'admin' }[]
  files?: { cloudPath: string; bytes: Buffer }[]
}

async function startEmulator(): Promise<Emu> {
  const { startEmulator: start } = (await import(path.join(REPO, 'emulator/src/index.ts'))) as {
    startEmulator(o: object): Promise<Emu>
  }
  const { generateSeed } = (await import(path.join(REPO, 'cloudfunctions/seed/index.ts'))) as {
    generateSeed: GenerateSeed
  }
  const schemaFile = path.join(REPO, 'cloudfunctions/database.json')
  const schema = existsSync(schemaFile)
    ? { collections: (JSON.parse(readFileSync(schemaFile, 'utf8')) as { collections: unknown }).collections }
    : undefined
  const options = {
    h5Dir: DIST,
    identities: generateSeed({ products: 1 }).identities,
    quiet: true,
    prewarm: true,
  }
  const emu = await start({ ...options, schema }).catch(() => start(options))
  let seed = generateSeed()
  const files = seed.files ?? []
  if (files.length > 0) {
    const first = emu.storage.put(files[0].cloudPath, files[0].bytes)
    seed = generateSeed({ fileIdPrefix: first.slice(0, first.length - files[0].cloudPath.length) })
    for (const f of files.slice(1)) emu.storage.put(f.cloudPath, f.bytes)
  }
  for (const [name, docs] of Object.entries(seed.collections)) emu.db.insertMany(name, docs)
  return emu
}

async function main() {
  mkdirSync(OUT, { recursive: true })
  const emu = await startEmulator()
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
  const errors: string[] = []
  const shot = async (page: Page, name: string, fullPage = false) => {
    await page.waitForTimeout(1200)
    await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage })
    console.log(`${name}: ${path.join(OUT, `${name}.png`)}`)
  }
  try {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 })
    // act as the first seeded shopper (the dev identity 我的 would pick), so favourites and footprints are theirs
    const shopper = emu.identities[0]
    await context.addInitScript((devIdentity) => {
      if (location.protocol.startsWith('http'))
        localStorage.setItem('mall:session', JSON.stringify({ data: { v: 1, state: { devIdentity } } }))
    }, shopper)
    const page = await context.newPage()
    // failed loads are reported with their URL below (the console line has none)
    page.on(
      'console',
      (m) => m.type() === 'error' && !/Failed to load resource/.test(m.text()) && errors.push(m.text()),
    )
    page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`))
    page.on('pageerror', (e) => errors.push(String(e)))
    const go = async (route: string) => {
      // a fresh document per route: a hash-only change does not always switch Taro's h5 router
      await page.goto('about:blank')
      await page.goto(`${emu.url}/#${route}`)
      await page.waitForTimeout(1500) // Taro's page transition
    }
    await go('/pages/me/index')
    await shot(page, 'me')

    await go('/pages/home/index')
    await page
      .waitForSelector('.product-card', { timeout: 30_000 })
      .catch(() => errors.push('timeout: product cards'))
    await shot(page, 'home')
    const before = await page.locator('.product-card').count()
    await page.mouse.wheel(0, 20_000)
    await page.waitForTimeout(1500)
    await page.mouse.wheel(0, 20_000)
    await shot(page, 'home-scrolled')
    // the feed must have grown through catalog.feed on reach-bottom
    const after = await page.locator('.product-card').count()
    console.log(`home feed: ${before} cards, ${after} after scrolling`)
    if (after <= before) errors.push('home feed did not grow on reach-bottom')

    await go('/pages/category/index')
    await page.waitForSelector('.category__tile', { timeout: 15_000 }).catch(() => errors.push('timeout'))
    await shot(page, 'category')
    await page.locator('.m-sidebar__item').nth(1).click()
    await shot(page, 'category-2')
    await page.locator('.category__tile').first().click()
    await page
      .waitForSelector('.product-card, .m-empty', { timeout: 15_000 })
      .catch(() => errors.push('timeout'))
    await shot(page, 'search-category')

    await go('/packages/goods/search/index')
    await page.waitForSelector('.search__hot', { timeout: 15_000 }).catch(() => undefined)
    await shot(page, 'search-landing')
    await page.locator('.search__hot').first().click()
    await page
      .waitForSelector('.product-card, .m-empty', { timeout: 15_000 })
      .catch(() => errors.push('timeout'))
    await shot(page, 'search-results')
    await page.getByText('价格↑').click()
    await shot(page, 'search-price-asc')
    await page.locator('.search__filter-button').click()
    await shot(page, 'search-filters')
    await page.getByText('仅看有货').click()
    await page.getByText('确定').click()
    await shot(page, 'search-filtered')

    await page.locator('.product-card').first().click()
    await page
      .waitForSelector('.goods-detail__title', { timeout: 15_000 })
      .catch(() => errors.push('timeout'))
    await shot(page, 'detail')
    await shot(page, 'detail-full', true)
    await page.locator('.m-goods-action__button--warning').click()
    await shot(page, 'detail-picker')
    const specs = page.locator('.sku-picker__spec')
    for (let i = 0; i < (await specs.count()); i++)
      await specs.nth(i).locator('.sku-picker__value:not(.sku-picker__value--disabled)').first().click()
    await shot(page, 'detail-picker-chosen')
    await page.locator('.sku-picker__confirm--cart .m-btn').click()
    await page.waitForTimeout(300)
    await shot(page, 'detail-added')
    await page.getByText('收藏', { exact: true }).click()
    await page.waitForTimeout(500)

    await go('/packages/user/favorites/index')
    await shot(page, 'favorites')
    await go('/packages/user/footprints/index')
    await shot(page, 'footprints')
  } finally {
    await browser.close()
    await emu.stop()
  }
  const real = errors.filter((e) => !/favicon/.test(e))
  if (real.length) {
    console.error('browser errors:\n  ' + real.join('\n  '))
    process.exitCode = 1
  }
}

main().catch((e: unknown) => {
  console.error(e)
  process.exit(1)
})
