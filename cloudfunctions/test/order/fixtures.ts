/**
 * Small, explicit fixtures for the order/payment tests (on top of the shared emulator harness, started
 * with `seed: false`): products + SKUs with chosen prices and stock, shoppers with addresses, wallets.
 */
import { randomBytes } from 'node:crypto'
import { withSdkEnv } from '@mall/emulator'
import type { ActionName, ActionOutput, Envelope } from '@mall/contract'
import { startTestEmulator, type TestEmulator } from '../helpers/emulator'
import { sealDemoPhone } from '../../src/pii/phone'

export const shopper = (n: number) => `o_test_shopper_${String(n).padStart(4, '0')}`
export const ADMIN = 'o_test_admin'
export const rid = () => 'req_' + randomBytes(8).toString('hex')

export interface SkuSpec {
  id: string
  price: number
  stock: number
  memberPrice?: number
  status?: 'onShelf' | 'offShelf'
  spuId?: string
  categoryIds?: string[]
}

export function insertSkus(t: TestEmulator, skus: SkuSpec[]): void {
  const spus = new Map<string, SkuSpec>()
  for (const s of skus) spus.set(s.spuId ?? `p_${s.id}`, s)
  t.emu.db.insertMany(
    'products',
    [...spus].map(([id, s]) => ({
      _id: id,
      title: `测试商品${id}`,
      images: [`cloud://local-env.test/${id}.png`],
      categoryIds: s.categoryIds ?? ['c1', 'c11', 'c111'],
      status: 'onShelf',
      stock: skus.filter((k) => (k.spuId ?? `p_${k.id}`) === id).reduce((n, k) => n + k.stock, 0),
      sales: 0,
    })),
  )
  t.emu.db.insertMany(
    'skus',
    skus.map((s) => ({
      _id: s.id,
      spuId: s.spuId ?? `p_${s.id}`,
      specs: { 颜色: '黑色' },
      price: s.price,
      ...(s.memberPrice !== undefined ? { memberPrice: s.memberPrice } : {}),
      stock: s.stock,
      sold: 0,
      summarized: { stock: s.stock, sold: 0 },
      status: s.status ?? 'onShelf',
    })),
  )
}

export function insertShoppers(
  t: TestEmulator,
  openids: string[],
  opts: { points?: number; level?: number } = {},
) {
  t.emu.db.insertMany(
    'users',
    openids.map((o) => ({ _id: o, openid: o, level: opts.level ?? 0, points: opts.points ?? 0 })),
  )
  t.emu.db.insertMany(
    'addresses',
    openids.map((o) => ({
      _id: `addr_${o}`,
      openid: o,
      name: '张三',
      phone: sealDemoPhone('13800138000'),
      province: '上海市',
      city: '上海市',
      district: '浦东新区',
      detail: '世纪大道100号',
      isDefault: true,
    })),
  )
}

export function insertWallet(t: TestEmulator, openid: string, balance: number) {
  t.emu.db.insertMany('wallets', [{ _id: openid, openid, balance, frozen: 0, seq: 1 }])
  t.emu.db.insertMany('ledger', [
    {
      _id: `open_${openid}`,
      walletId: openid,
      openid,
      amount: balance,
      kind: 'recharge',
      ref: 'test',
      at: Date.now(),
      seq: 1,
      balanceAfter: balance,
    },
  ])
}

export const sku = (t: TestEmulator, id: string) =>
  t.find<{ stock: number; sold: number }>('skus', { _id: id })[0]

/** CloudBase runs many instances of a function at once: race tests need real parallelism on the server. */
export const RACE_POOL = 16

export async function startOrderEmulator(poolSize = 4): Promise<TestEmulator> {
  return startTestEmulator({ seed: false, poolSize })
}

/** Submits a buy-now order and returns its id (fails the test on an error envelope). */
export async function buyNow(t: TestEmulator, openid: string, skuId: string, quantity = 1): Promise<string> {
  const res = await t.callAs(openid, 'order.submit', {
    source: { kind: 'buyNow', skuId, quantity },
    requestId: rid(),
  })
  if (!res.ok) throw new Error(`submit failed: ${res.code} ${res.message}`)
  return res.data.id
}

/**
 * Writes to the database through the real wx-server-sdk in this process (for tampering a document the way
 * only a broken or hostile server could, e.g. an amount that no longer matches the payment).
 */
export async function sdkUpdate(
  t: TestEmulator,
  collection: string,
  id: string,
  data: object,
): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as {
    init(o: object): void
    database(): { collection(n: string): { doc(id: string): { update(p: object): Promise<unknown> } } }
  }
  await withSdkEnv(t.emu.clientEnv({}), async () => {
    cloud.init({ env: t.emu.envId })
    await cloud.database().collection(collection).doc(id).update({ data })
  })
}

export function insertSettings(t: TestEmulator, docs: object[]): void {
  t.emu.db.insertMany('settings', docs)
}

/** A WeChat-Pay-shaped callback event (payNotify re-checks everything with queryOrder anyway). */
export const payEvent = (outTradeNo: string, totalFee: number) => ({
  returnCode: 'SUCCESS',
  resultCode: 'SUCCESS',
  outTradeNo,
  totalFee,
  cashFee: totalFee,
  transactionId: '4200000000000000000',
})

/** Calls an admin action as `openid` (the merchant, or anyone, to check the roles). */
export const adminCall = <A extends ActionName>(t: TestEmulator, openid: string, action: A, input: unknown) =>
  t.invoke('admin', { action, input }, { openid, source: 'wx_client' }) as Promise<Envelope<ActionOutput<A>>>

/** A 1x1 PNG: content security looks at the URL in the emulator, not the pixels. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

/** A photo in the shopper's own upload folder, as the mini-program's uploadFile leaves it; the name decides the verdict. */
export const putPhoto = (
  t: TestEmulator,
  area: 'aftersale' | 'review',
  openid: string,
  name: string,
): string => t.emu.storage.put(`${area}/${openid}/${name}`, PNG)
