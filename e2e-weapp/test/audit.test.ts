/**
 * Page audit: every page of app.json opens on the weapp build with demo data, and its figures are measured
 * against WeChat's limits — the largest setData (256 KB), the rendered node count (1,000) and depth (30).
 * The first and the largest setData of each page, its nodes and depth are printed at the end.
 *
 * A page "opens" when it settles without a monitored problem (console.error, unregistered tag...), every
 * cloud call it made was answered without a refusal, and it shows text. Shopper pages run as 演示顾客2,
 * the admin subpackage as the merchant.
 */
import { rmSync } from 'node:fs'
import type { Emulator } from '../../emulator/src'
import type { Stack } from '../../e2e/stack'
import { ADMIN, callAs, orderUpTo, pickSku } from '../../e2e/journeys/lib/shop'
import { startBackend } from '../harness/backend'
import { launch, type Mini } from '../harness/mini'
import { SETDATA_LIMIT } from '../harness/monitor'
import { allRoutes, readAppJson, snapshotBuild } from '../harness/snapshot'

const SHOPPER = 'o_demo_shopper_2'
const MAX_NODES = 1_000
const MAX_DEPTH = 30

interface Scene {
  paidOrder: string
  receivedOrder: string
  receivedSku: string
  aftersale: string
  address: string
  buySku: string
}

/** The query each page needs to show demo data (pages without one open bare). */
const QUERY: Record<string, (s: Scene) => string> = {
  'packages/goods/detail/index': () => 'id=p0001',
  'packages/goods/search/index': () => `keyword=${encodeURIComponent('手机')}`,
  'packages/order/checkout/index': (s) => `skuId=${s.buySku}&quantity=1`,
  'packages/order/detail/index': (s) => `id=${s.paidOrder}`,
  'packages/order/review/index': (s) => `orderId=${s.receivedOrder}&skuId=${s.receivedSku}`,
  'packages/aftersale/apply/index': (s) => `orderId=${s.receivedOrder}`,
  'packages/aftersale/detail/index': (s) => `id=${s.aftersale}`,
  'packages/user/addresses/edit/index': (s) => `id=${s.address}`,
  'packages/admin/aftersales/detail/index': (s) => `id=${s.aftersale}`,
  'packages/admin/members/detail/index': () => `openid=${SHOPPER}`,
}

let emu: Emulator
let mini: Mini
let scene: Scene
const figures: Array<{
  route: string
  firstSetData: number
  maxSetData: number
  nodes: number
  depth: number
  empty: boolean
}> = []

// the pages of the build under test: its copy is taken now, so the list and the pages opened agree
const build = snapshotBuild()
const routes = allRoutes(readAppJson(build))

beforeAll(async () => {
  emu = await startBackend()
  scene = await setScene(emu)
  mini = await launch({ emu, as: SHOPPER, build })
})

afterAll(async () => {
  // launch owns the copy once it has it
  if (mini) mini.close()
  else rmSync(build, { recursive: true, force: true })
  await emu?.stop()
  if (figures.length === 0) return
  const col = (v: string | number, w: number) => String(v).padStart(w)
  const rows = figures.map(
    (f) =>
      `${f.route.padEnd(42)} ${col(f.firstSetData, 8)} ${col(f.maxSetData, 8)} ${col(f.nodes, 6)} ${col(f.depth, 6)}${f.empty ? '  empty state' : ''}`,
  )
  const head = `${'page'.padEnd(42)} ${col('first', 8)} ${col('largest', 8)} ${col('nodes', 6)} ${col('depth', 6)}`
  console.log(`weapp page audit (setData bytes, rendered nodes):\n${head}\n${rows.join('\n')}`)
})

it.each(routes)('%s opens with demo data within WeChat limits', async (route) => {
  mini.user = route.startsWith('packages/admin/') ? ADMIN : SHOPPER
  const calls = mini.cloud.calls.length
  const query = QUERY[route]?.(scene)
  await mini.reLaunch(`/${route}${query ? `?${query}` : ''}`)
  await mini.settle()
  const made = mini.cloud.calls.slice(calls)
  const refused = made.filter((c) => !c.ok || c.code).map((c) => `${c.action}: ${c.code ?? c.error}`)
  expect({ route, refused }).toEqual({ route, refused: [] })
  expect(mini.lines().length).toBeGreaterThan(0)

  // an empty state (van-empty) is a page that opened without data to show: reported, not failed
  const f = { ...mini.audit(), empty: mini.$$('van-empty').length > 0 }
  figures.push(f)
  expect(f.maxSetData).toBeLessThanOrEqual(SETDATA_LIMIT)
  expect(f.nodes).toBeLessThanOrEqual(MAX_NODES)
  expect(f.depth).toBeLessThanOrEqual(MAX_DEPTH)
})

/** Orders and an after-sales request through the real functions, so the id-taking pages have something to show. */
async function setScene(e: Emulator): Promise<Scene> {
  // the journey helpers only use the emulator of a stack
  const stack = { emu: e } as unknown as Stack
  const buy = pickSku(stack, 20_000, 0)
  const reviewed = pickSku(stack, 20_000, 1)
  const paidOrder = await orderUpTo(stack, SHOPPER, {
    skuId: buy._id,
    quantity: 1,
    pay: 'wechat',
    stage: 'paid',
    tag: 'audit_paid',
  })
  const receivedOrder = await orderUpTo(stack, SHOPPER, {
    skuId: reviewed._id,
    quantity: 1,
    pay: 'wechat',
    stage: 'received',
    tag: 'audit_received',
  })
  const aftersale = await callAs(stack, SHOPPER, 'aftersale.submit', {
    orderId: paidOrder,
    type: 'refundOnly',
    lines: [{ skuId: buy._id, quantity: 1 }],
    requestId: 'e2e_audit_aftersale',
    reason: '不想要了',
  })
  // an order for the merchant to ship, a cart line and a favourite: the list pages are not empty
  await orderUpTo(stack, SHOPPER, {
    skuId: buy._id,
    quantity: 1,
    pay: 'wechat',
    stage: 'paid',
    tag: 'audit_ship',
  })
  await callAs(stack, SHOPPER, 'cart.add', { skuId: reviewed._id, quantity: 1 })
  await callAs(stack, SHOPPER, 'user.favorites.add', { spuId: reviewed.spuId })
  const address = e.db.find('addresses', { openid: SHOPPER })[0] as { _id: string } | undefined
  if (!address) throw new Error(`the seed has no address of ${SHOPPER}`)
  return {
    paidOrder,
    receivedOrder,
    receivedSku: reviewed._id,
    aftersale: aftersale.id,
    address: address._id,
    buySku: pickSku(stack, 20_000, 2)._id,
  }
}
