// Needs a built dist/weapp (npm run build:weapp -w miniprogram). Run: npx jest -c miniprogram/jest.smoke.config.js
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { DIST, findNodes, installGlobals, loadApp, loadPage, openPage, settle, type Runtime } from './harness'

const appJson = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
  pages: string[]
  subPackages: { root: string; pages: string[] }[]
  usingComponents?: Record<string, string>
  tabBar: { list: { pagePath: string; iconPath: string; selectedIconPath: string }[] }
}
const allPages = [
  ...appJson.pages,
  ...appJson.subPackages.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`)),
]

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return jsonFiles(full)
    return e.name.endsWith('.json') ? [full] : []
  })
}

describe('weapp build output', () => {
  it('has every page of app.json (main and subpackages) with js, json, wxml and wxss', () => {
    expect(allPages).toEqual(
      expect.arrayContaining(['pages/home/index', 'pages/me/index', 'packages/admin/index/index']),
    )
    for (const page of allPages) {
      for (const ext of ['js', 'json', 'wxml', 'wxss'])
        expect(`${page}.${ext}:${existsSync(path.join(DIST, `${page}.${ext}`))}`).toBe(`${page}.${ext}:true`)
    }
    for (const tab of appJson.tabBar.list) {
      expect(existsSync(path.join(DIST, tab.iconPath))).toBe(true)
      expect(existsSync(path.join(DIST, tab.selectedIconPath))).toBe(true)
    }
  })

  it('resolves every usingComponents path (app.json, pages, components) to a component in the output', () => {
    const missing: string[] = []
    let checked = 0
    for (const file of jsonFiles(DIST)) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { usingComponents?: Record<string, string> }
      for (const [tag, ref] of Object.entries(json.usingComponents ?? {})) {
        if (ref.startsWith('plugin://')) continue
        const base = ref.startsWith('/') ? path.join(DIST, ref) : path.resolve(path.dirname(file), ref)
        checked++
        for (const ext of ['js', 'json', 'wxml']) {
          if (!existsSync(`${base}.${ext}`))
            missing.push(`${path.relative(DIST, file)}: ${tag} -> ${ref}.${ext}`)
        }
      }
    }
    expect(missing).toEqual([])
    expect(checked).toBeGreaterThan(Object.keys(appJson.usingComponents ?? {}).length)
  })

  it('a page that handles pull-down refresh enables it in its page config (else WeChat never fires it)', () => {
    const src = path.resolve(__dirname, '..', '..', 'src')
    const handles = allPages.filter((page) => {
      const tsx = path.join(src, `${page}.tsx`)
      return existsSync(tsx) && readFileSync(tsx, 'utf8').includes('usePullDownRefresh(')
    })
    expect(handles).toEqual(expect.arrayContaining(['pages/home/index', 'packages/order/list/index']))
    const off = handles.filter(
      (page) =>
        (
          JSON.parse(readFileSync(path.join(DIST, `${page}.json`), 'utf8')) as {
            enablePullDownRefresh?: boolean
          }
        ).enablePullDownRefresh !== true,
    )
    expect(off).toEqual([])
  })

  it('ships only the vant components the ui kit registers (plus their dependencies)', () => {
    const vant = readdirSync(path.join(DIST, 'npm/@vant/weapp/dist'))
    const registered = Object.keys(appJson.usingComponents ?? {}).map((t) => t.replace(/^van-/, ''))
    expect(vant).toEqual(expect.arrayContaining(registered))
    // e.g. calendar, uploader, area are never compiled
    for (const unused of ['calendar', 'uploader', 'area', 'picker', 'dropdown-menu'])
      expect(vant).not.toContain(unused)
  })
})

describe('weapp runtime (built JS in Node)', () => {
  let rt: Runtime
  const line = {
    skuId: 'sku-1',
    spuId: 'p0001',
    title: '无线蓝牙耳机',
    image: 'https://img/p.png',
    specText: '黑色',
  }

  beforeAll(() => {
    rt = installGlobals({
      'mall:cart': { v: 1, state: { lines: [{ ...line, price: 19900, quantity: 2, checked: true }] } },
    })
    loadApp(rt)
  })

  it('registers App and every page of app.json through Page()', () => {
    expect(typeof (rt.app as { onLaunch?: unknown }).onLaunch).toBe('function')
    for (const page of allPages) loadPage(rt, page)
    expect([...rt.pages.keys()].sort()).toEqual([...allPages].sort())
    for (const config of rt.pages.values()) expect(typeof config.eh).toBe('function')
  })

  it('home page asks the shop function for catalog.home exactly once on load', async () => {
    openPage(rt, 'pages/home/index')
    await settle()
    expect(rt.cloudCalls).toHaveLength(1)
    expect(rt.cloudCalls[0]).toMatchObject({ name: 'shop', data: { action: 'catalog.home', input: {} } })
  })

  it('a vant stepper change reaches the React handler and setData shows the server cart it answers', async () => {
    // the cart tab merges the local cart into the server cart, then every change is one cloud call
    const cartView = (quantity: number) => ({
      ok: true,
      data: {
        items: [
          {
            ...line,
            specs: { 颜色: '黑色' },
            quantity,
            selected: true,
            unitPrice: 19900,
            addedPrice: 19900,
            stock: 10,
            flags: {
              offShelf: false,
              outOfStock: false,
              insufficientStock: false,
              priceChanged: false,
              missing: false,
            },
          },
        ],
        selectedCount: quantity,
        goodsTotal: 19900 * quantity,
        discountTotal: 0,
        payable: 19900 * quantity,
        hints: [],
      },
    })
    rt.answer = (data) => {
      const input = data.input as { quantity?: number; lines?: Array<{ quantity: number }> }
      return cartView(input.quantity ?? input.lines?.[0]?.quantity ?? 0)
    }
    const page = openPage(rt, 'pages/cart/index')
    await settle()
    expect(rt.cloudCalls.at(-1)).toMatchObject({ name: 'shop', data: { action: 'cart.merge' } })
    const [stepper] = findNodes(page.data, (n) => n.nn === 'van-stepper')
    expect(stepper).toBeDefined()
    expect(Number(stepper.value)).toBe(2)
    const [bar] = findNodes(page.data, (n) => n.nn === 'van-submit-bar')
    expect(bar.price).toBe(39800)

    const before = page.patches.length
    const target = { id: stepper.sid, dataset: { sid: stepper.sid } }
    ;(page as unknown as { eh: (e: unknown) => void }).eh({
      type: 'change',
      detail: 5,
      timeStamp: Date.now(),
      target,
      currentTarget: target,
    })
    await settle()
    expect(rt.cloudCalls.at(-1)).toMatchObject({
      name: 'shop',
      data: { action: 'cart.setQuantity', input: { skuId: 'sku-1', quantity: 5 } },
    })
    expect(page.patches.length).toBeGreaterThan(before)
    const [after] = findNodes(page.data, (n) => n.nn === 'van-stepper')
    expect(Number(after.value)).toBe(5)
    expect(findNodes(page.data, (n) => n.nn === 'van-submit-bar')[0].price).toBe(99500)
    // the merged local lines left the device: the server cart is the truth now
    expect((rt.storage.get('mall:cart') as { state: { lines: unknown[] } }).state.lines).toEqual([])
  })
})
