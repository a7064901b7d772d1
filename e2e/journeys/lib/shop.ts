/**
 * Setting the scene for a journey through the real functions (as the demo history does), not by writing
 * documents: an order placed, paid, shipped or received exactly as the pages would leave it. The journeys
 * then drive the part they are about through the browser.
 */
import { actions, type ActionInput, type ActionName, type ActionOutput } from '@mall/contract'
import type { Stack } from '../../stack'

export const ADMIN = 'o_demo_admin'
const DAY = 86_400_000

type Reply = { ok: boolean; data?: unknown; code?: string; message?: string }

/** One action as `openid`, through the function that serves it; throws with the code on a refusal. */
export async function callAs<A extends ActionName>(
  stack: Stack,
  openid: string,
  action: A,
  input: ActionInput<A>,
): Promise<ActionOutput<A>> {
  const r = (await stack.emu.functions.invoke(actions[action].fn, { action, input }, { openid })) as Reply
  if (!r.ok) throw new Error(`${action} as ${openid} answered ${r.code} ${r.message ?? ''}`)
  return r.data as ActionOutput<A>
}

/** The timer trigger, the way CloudBase fires it. */
export async function runCron(stack: Stack): Promise<void> {
  const r = (await stack.emu.functions.invoke('cron', {}, { triggerSrc: 'timer' })) as { ok: boolean }
  if (!r.ok) throw new Error(`cron refused the timer run: ${JSON.stringify(r)}`)
}

/** Moves the emulator clock (the journeys' stack runs without timers) and runs the cron job once. */
export async function afterHours(stack: Stack, hours: number): Promise<void> {
  stack.emu.clock.advance(hours * 3_600_000)
  await runCron(stack)
}

export interface SkuRow {
  _id: string
  spuId: string
  price: number
  stock: number
  status: string
  specs?: Record<string, string>
}

/**
 * The `nth` cheapest well-stocked SKU of a product no other journey buys by name, so the stock a journey
 * checks moves only because of it (journeys share one stack; each picks its own `nth`).
 */
export function pickSku(stack: Stack, maxPrice: number, nth: number): SkuRow {
  const taken = new Set(['p0001', 'p0092'])
  const skus = (stack.emu.db.find('skus', {}) as SkuRow[])
    .filter((s) => s.status === 'onShelf' && s.stock >= 20 && s.price <= maxPrice && !taken.has(s.spuId))
    .sort((a, b) => a.price - b.price || a._id.localeCompare(b._id))
  // one SKU per product: a journey's stock check must not see a sibling SKU's order
  const perProduct = skus.filter((s, i) => skus.findIndex((x) => x.spuId === s.spuId) === i)
  const sku = perProduct[nth]
  if (!sku) throw new Error(`no ${nth}th stocked SKU at or below ${maxPrice} fen in the seed`)
  return sku
}

export const stockOf = (stack: Stack, skuId: string): number =>
  (stack.emu.db.find('skus', { _id: skuId })[0] as SkuRow).stock

type Stage = 'paid' | 'shipped' | 'received'

/**
 * buyNow -> paid (from the wallet, or by WeChat Pay through the emulator's cashier) -> shipped by the
 * merchant -> received by the shopper, stopping at `stage`. Returns the order id.
 */
export async function orderUpTo(
  stack: Stack,
  shopper: string,
  o: { skuId: string; quantity: number; pay: 'balance' | 'wechat'; stage: Stage; tag: string },
): Promise<string> {
  const placed = await callAs(stack, shopper, 'order.submit', {
    source: { kind: 'buyNow', skuId: o.skuId, quantity: o.quantity },
    coupon: 'none',
    requestId: `e2e_${o.tag}_${Date.now().toString(36)}`,
  })
  if (o.pay === 'balance') await callAs(stack, shopper, 'pay.balance', { orderId: placed.id })
  else {
    const { outTradeNo } = await callAs(stack, shopper, 'pay.wechat', { orderId: placed.id })
    stack.emu.pay.pay(String(outTradeNo))
    await stack.emu.pay.flush()
  }
  if (o.stage === 'paid') return placed.id
  await callAs(stack, ADMIN, 'admin.orders.ship', {
    orderId: placed.id,
    carrier: '顺丰速运',
    trackingNo: `SF${Date.now()}`,
  })
  if (o.stage === 'shipped') return placed.id
  await callAs(stack, shopper, 'order.confirmReceipt', { orderId: placed.id })
  return placed.id
}

export { DAY }

/** Delivers the held content-security verdicts (message push to wxEvents) and waits until they are applied. */
export async function releaseVerdicts(stack: Stack): Promise<void> {
  await stack.emu.openapi.push.release()
  await stack.emu.openapi.push.idle()
}
