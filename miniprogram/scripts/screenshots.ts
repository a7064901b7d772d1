// Serves dist/h5 with a stub gateway (POST /functions/shop answers the catalog.home fixture, GET
// /__dev/identities lists two users, /img/* are generated placeholder images) and screenshots every tab
// page in headless Chromium at 375x812 @2x.
// Run after `npm run build:h5 -w miniprogram`: npx tsx miniprogram/scripts/screenshots.ts [outDir] [--emulator]
// --emulator: the real local CloudBase instead of the stub (needs cloudfunctions/dist: npm run build:functions),
// seeded like `npm start` in a throw-away data dir.
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { encodePng } from './png'

const DIST = path.resolve(__dirname, '../dist/h5')
const args = process.argv.slice(2)
const useEmulator = args.includes('--emulator')
const OUT = path.resolve(args.find((a) => !a.startsWith('--')) ?? '/tmp/mall-shots')
const REPO = path.resolve(__dirname, '../..')

interface Emu {
  url: string
  identities: { openid: string; name: string }[]
  storage: { put(cloudPath: string, bytes: Buffer): string }
  db: { insertMany(name: string, docs: object[]): void }
  stop(): Promise<void>
}
interface Seed {
  collections: Record<string, object[]>
  identities: { openid: string; name: string; role: 'shopper' | 'admin' }[]
  files?: { cloudPath: string; bytes: Buffer }[]
}
type GenerateSeed = (opts?: { products?: number; fileIdPrefix?: string }) => Seed

/** The real emulator serving dist/h5, seeded the way scripts/start.ts does it (loaded by path: not our project). */
async function startRealEmulator(): Promise<Emu> {
  const { startEmulator } = (await import(path.join(REPO, 'emulator/src/index.ts'))) as {
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
  const emu = await startEmulator({ ...options, schema }).catch((e: unknown) => {
    // the schema belongs to the functions team and may be ahead of the emulator: shots still work without it
    console.warn(`[screenshots] schema refused (${(e as Error).message}); starting without indexes`)
    return startEmulator(options)
  })
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
const home = JSON.parse(
  readFileSync(path.resolve(__dirname, '../test/fixtures/catalog-home.json'), 'utf8'),
) as unknown

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
}
const PALETTE = [
  [0xff, 0x97, 0x6a],
  [0x19, 0x89, 0xfa],
  [0x07, 0xc1, 0x60],
  [0xee, 0x0a, 0x24],
  [0x7232, 0xdd, 0xf4].map((c) => c & 0xff),
  [0xff, 0xd0, 0x1e],
]

/** A soft diagonal gradient PNG, coloured by the image name, so product cards look like photos. */
function placeholder(name: string, width: number, height: number) {
  const seed = [...name].reduce((n, c) => n + c.charCodeAt(0), 0)
  const [r, g, b] = PALETTE[seed % PALETTE.length]
  const px = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2
      const mix = (c: number) => Math.round(c * (1 - t * 0.45) + 255 * t * 0.45)
      px.set([mix(r), mix(g), mix(b), 255], (y * width + x) * 4)
    }
  return encodePng(width, height, px)
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' })
  res.end(body)
}

async function main() {
  if (!existsSync(path.join(DIST, 'index.html')))
    throw new Error('no dist/h5: run npm run build:h5 -w miniprogram')
  mkdirSync(OUT, { recursive: true })
  const calls: string[] = []
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    if (req.method === 'POST' && url.pathname.startsWith('/functions/')) {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        const { action } = JSON.parse(body) as { action: string }
        calls.push(`${url.pathname} ${action} as ${req.headers['x-mall-dev-openid'] ?? '-'}`)
        const envelope =
          action === 'catalog.home'
            ? { ok: true, data: home }
            : { ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' }
        send(res, 200, 'application/json', JSON.stringify(envelope))
      })
      return
    }
    if (url.pathname === '/favicon.ico') return send(res, 204, 'image/x-icon', '')
    if (url.pathname === '/__dev/identities') {
      return send(
        res,
        200,
        'application/json',
        JSON.stringify([
          { openid: 'o_dev_alice', name: '爱丽丝（会员）' },
          { openid: 'o_dev_bob', name: '鲍勃' },
          { openid: 'o_dev_admin', name: '店长（管理员）' },
        ]),
      )
    }
    if (url.pathname.startsWith('/img/')) {
      const name = path.basename(url.pathname, '.png')
      const [w, h] = name.startsWith('banner') ? [690, 300] : name.startsWith('cat') ? [88, 88] : [343, 343]
      return send(res, 200, 'image/png', placeholder(name, w, h))
    }
    const file = path.join(DIST, path.normalize(url.pathname === '/' ? '/index.html' : url.pathname))
    if (!file.startsWith(DIST) || !existsSync(file)) return send(res, 404, 'text/plain', 'not found')
    send(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', readFileSync(file))
  })
  let emu: Emu | undefined
  let base: string
  if (useEmulator) {
    emu = await startRealEmulator()
    base = emu.url
  } else {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
  const errors: string[] = []
  try {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 })
    // a local cart so the cart page shows lines, as a returning shopper would
    await context.addInitScript(() => {
      const lines = [
        {
          skuId: 's1',
          spuId: 'p0001',
          title: '无线蓝牙耳机 主动降噪 长续航',
          image: '/img/p-1.png',
          specText: '曜石黑',
          price: 19900,
          quantity: 1,
          checked: true,
        },
        {
          skuId: 's2',
          spuId: 'p0002',
          title: '纯棉短袖T恤 男女同款',
          image: '/img/p-2.png',
          specText: '白色 L',
          price: 5990,
          quantity: 2,
          checked: false,
        },
      ]
      if (!localStorage.getItem('mall:cart'))
        localStorage.setItem('mall:cart', JSON.stringify({ data: { v: 1, state: { lines } } }))
    })
    const page = await context.newPage()
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`))
    page.on('pageerror', (e) => errors.push(String(e)))
    const shots: [string, string][] = [
      ['home', '/pages/home/index'],
      ['category', '/pages/category/index'],
      ['cart', '/pages/cart/index'],
      ['me', '/pages/me/index'],
      ['goods-detail', '/packages/goods/detail/index?id=p0001'],
      ['order-list', '/packages/order/list/index'],
    ]
    for (const [name, route] of shots) {
      await page.goto(`${base}/#${route}`)
      // the home page waits for its one call (a cold function start on the emulator can take seconds)
      if (name === 'home')
        await page.waitForSelector('.product-card, .m-empty', { timeout: 30_000 }).catch(() => {})
      await page.waitForTimeout(1500) // Taro's page transition (findings: pitfall 14)
      await page.screenshot({ path: path.join(OUT, `${name}.png`) })
      console.log(`${name}: ${path.join(OUT, `${name}.png`)}`)
    }
    // pick a dev identity on 我的 and check the next call carries it
    await page.goto(`${base}/#/pages/me/index`)
    await page
      .getByText(emu ? emu.identities[0].name : '鲍勃')
      .first()
      .click()
    await page.waitForTimeout(800)
    await page.screenshot({ path: path.join(OUT, 'me-identity.png') })
    await page.goto(`${base}/#/pages/home/index`)
    await page.reload()
    await page.waitForTimeout(1500)
  } finally {
    await browser.close()
    if (server.listening) server.close()
    await emu?.stop()
  }
  if (!useEmulator) console.log('stub gateway calls:\n  ' + calls.join('\n  '))
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
