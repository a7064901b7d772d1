/**
 * After-sales fixtures: orders brought to the state a request starts from (paid by wallet or WeChat,
 * shipped, received), the merchant's calls, photos in storage, and the cron.
 */
import type { ActionName } from '@mall/contract'
import { ok, type TestEmulator } from '../helpers/emulator'
import { adminCall, buyNow, insertWallet, putPhoto, rid } from '../order/fixtures'

export const MERCHANT = 'o_test_merchant'

export const admin = <A extends ActionName>(t: TestEmulator, action: A, input: unknown, openid = MERCHANT) =>
  adminCall(t, openid, action, input)

export const cron = (t: TestEmulator) =>
  t.invoke('cron', {}, { triggerSrc: 'timer' }) as Promise<{ ok: boolean; jobs: Record<string, unknown> }>

export function insertMerchant(t: TestEmulator) {
  t.emu.db.insertMany('admins', [{ _id: MERCHANT, roles: ['operator', 'service'], active: true }])
}

export type Stage = 'paid' | 'shipped' | 'received'

/** A wallet-paid order (the shopper gets a wallet when they have none) brought to `stage`. */
export async function walletOrder(
  t: TestEmulator,
  openid: string,
  skuId: string,
  quantity: number,
  stage: Stage,
  extra: { points?: number; coupon?: string } = {},
): Promise<string> {
  if (!t.find('wallets', { _id: openid }).length) insertWallet(t, openid, 1_000_000)
  let id: string
  if (extra.points || extra.coupon) {
    const res = await t.callAs(openid, 'order.submit', {
      source: { kind: 'buyNow', skuId, quantity },
      requestId: rid(),
      coupon: extra.coupon ?? 'none',
      ...(extra.points ? { points: extra.points } : {}),
    })
    id = ok(res).id
  } else id = await buyNow(t, openid, skuId, quantity)
  ok(await t.callAs(openid, 'pay.balance', { orderId: id }))
  await advance(t, openid, id, stage)
  return id
}

/** A WeChat-paid order (the cloudPay sandbox pays and calls back) brought to `stage`. */
export async function wechatOrder(
  t: TestEmulator,
  openid: string,
  skuId: string,
  quantity: number,
  stage: Stage,
) {
  const id = await buyNow(t, openid, skuId, quantity)
  const p = ok(await t.callAs(openid, 'pay.wechat', { orderId: id }))
  t.emu.pay.pay(p.outTradeNo)
  await t.emu.pay.flush()
  await advance(t, openid, id, stage)
  return { id, outTradeNo: p.outTradeNo }
}

async function advance(t: TestEmulator, openid: string, id: string, stage: Stage) {
  if (stage === 'paid') return
  ok(await admin(t, 'admin.orders.ship', { orderId: id, carrier: '顺丰速运', trackingNo: 'SF1000001' }))
  if (stage === 'received') ok(await t.callAs(openid, 'order.confirmReceipt', { orderId: id }))
}

/** A photo the shopper uploaded to their own after-sales folder; the name decides the fake verdict. */
export const photo = (t: TestEmulator, openid: string, name: string) => putPhoto(t, 'aftersale', openid, name)

export const submitInput = (orderId: string, over: Record<string, unknown> = {}) => ({
  orderId,
  type: 'refundOnly',
  lines: [] as Array<{ skuId: string; quantity: number }>,
  requestId: rid(),
  reason: '不想要了',
  ...over,
})
