/**
 * The one-off phone migration and key rotation (jobs/pii.ts, action admin.pii.migrate) on documents written
 * the old way, straight through the SDK: plain phones in addresses, orders, after-sales, settings and users,
 * seals of a retired key, a seal of a key nobody has. The functions run with two keys (k2 seals, k1 still
 * opens), as during a rotation.
 */
import { randomBytes } from 'node:crypto'
import { withSdkEnv } from '@mall/emulator'
import type { PiiMigrateResult } from '@mall/contract'
import { ok, startTestEmulator, type TestEmulator } from '../helpers/emulator'
import { adminCall, insertSkus, rid } from '../order/fixtures'
import { openPhone, phoneHash, sealPhone, type SealedPhone } from '../../src/pii/phone'

const K1 = randomBytes(32).toString('base64')
const K2 = randomBytes(32).toString('base64')
const HASH = randomBytes(32).toString('base64')
const OWNER = 'o_pii_owner'
const OPERATOR = 'o_pii_operator'
const SHOPPER = 'o_pii_shopper'
const MOBILE = /(^|\D)1[3-9]\d{9}(\D|$)/

/** Seals as a deployment that only had k1 did. */
function sealWithK1(phone: string): SealedPhone {
  process.env.MALL_PII_KEYS = `k1:${K1}`
  try {
    return sealPhone(phone)
  } finally {
    process.env.MALL_PII_KEYS = `k2:${K2},k1:${K1}`
  }
}

let t: TestEmulator
beforeAll(async () => {
  // the functions inherit these: the rotation is under way
  process.env.MALL_PII_KEYS = `k2:${K2},k1:${K1}`
  process.env.MALL_PII_HASH_KEY = HASH
  t = await startTestEmulator({ seed: false, poolSize: 2 })
  t.emu.db.insertMany('admins', [
    { _id: OWNER, roles: ['owner'], active: true },
    { _id: OPERATOR, roles: ['operator'], active: true },
  ])
  insertSkus(t, [{ id: 'mug', price: 2000, stock: 50 }])
})
afterAll(() => t?.stop())

/** Inserts documents through the real wx-server-sdk in this process, as an old deployment wrote them. */
async function sdkAdd(collection: string, docs: object[]): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud = require('wx-server-sdk') as {
    init(o: object): void
    database(): { collection(n: string): { add(p: object): Promise<unknown> } }
  }
  await withSdkEnv(t.emu.clientEnv({}), async () => {
    cloud.init({ env: t.emu.envId })
    for (const data of docs) await cloud.database().collection(collection).add({ data })
  })
}

const migrate = async (input: object = {}, openid = OWNER) => adminCall(t, openid, 'admin.pii.migrate', input)

const addressDoc = (id: string, phone: unknown) => ({
  _id: id,
  openid: SHOPPER,
  name: '赵六',
  phone,
  province: '江苏省',
  city: '南京市',
  district: '鼓楼区',
  detail: '中山路1号',
  isDefault: id === 'addr_plain_0',
})

test('old documents: plain phones sealed, k1 seals renewed to k2, an unreadable seal left and reported', async () => {
  const plain = Array.from({ length: 7 }, (_, i) => addressDoc(`addr_plain_${i}`, `1380000000${i}`))
  const oldSeal = sealWithK1('13711112222')
  const foreign: SealedPhone = { ...sealPhone('13733334444'), k: 'k0' }
  await sdkAdd('users', [{ _id: SHOPPER, openid: SHOPPER, phone: '13600003333', level: 0, points: 0 }])
  await sdkAdd('addresses', [
    ...plain,
    addressDoc('addr_k1', oldSeal),
    addressDoc('addr_k2', sealPhone('13755556666')),
    addressDoc('addr_k0', foreign),
    addressDoc('addr_spaced', '+86 139-0000-1111'),
  ])
  // an order written before sealing: its snapshot holds the plain number; the order page still shows it
  const order = ok(
    await t.callAs(SHOPPER, 'order.submit', {
      source: { kind: 'buyNow', skuId: 'mug', quantity: 1 },
      requestId: rid(),
      addressId: 'addr_plain_0',
    }),
  )
  await withSdkEnv(t.emu.clientEnv({}), async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk') as {
      database(): {
        command: { set(v: unknown): unknown }
        collection(n: string): { doc(id: string): { update(p: object): Promise<unknown> } }
      }
    }
    const db = cloud.database()
    await db
      .collection('orders')
      .doc(order.id)
      .update({ data: { 'address.phone': db.command.set('13800000000') } })
  })
  expect(t.find<{ address: { phone: unknown } }>('orders', { _id: order.id })[0]!.address.phone).toBe(
    '13800000000',
  )
  expect(ok(await t.callAs(SHOPPER, 'order.detail', { orderId: order.id })).address.phone).toBe('13800000000')
  await sdkAdd('aftersales', [
    {
      _id: 'as_old',
      orderId: order.id,
      openid: SHOPPER,
      returnAddress: { name: '仓', phone: '13600001111', address: '上海' },
    },
  ])
  await sdkAdd('settings', [
    { _id: 'aftersale', returnAddress: { name: '售后仓', phone: '13600002222', address: '上海市嘉定区' } },
  ])

  // the owner only
  expect(await migrate({}, OPERATOR)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  expect(await migrate({ cursor: 'garbage' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' })

  // bounded: 4 documents a call, resumed from the cursor until done
  const total: Record<string, Record<string, number>> = {}
  let cursor: string | undefined
  let calls = 0
  for (;;) {
    const r: PiiMigrateResult = ok(await migrate({ limit: 4, ...(cursor ? { cursor } : {}) }))
    calls++
    for (const [c, n] of Object.entries(r.counts)) {
      total[c] ??= { scanned: 0, sealed: 0, resealed: 0, skipped: 0 }
      for (const [k, v] of Object.entries(n)) total[c]![k]! += v
      expect(n.scanned).toBeLessThanOrEqual(4)
    }
    if (r.done) {
      expect(r.cursor).toBeNull()
      break
    }
    cursor = r.cursor!
    expect(calls).toBeLessThan(20)
  }
  expect(calls).toBeGreaterThan(3)
  expect(total.addresses).toEqual({ scanned: 11, sealed: 8, resealed: 1, skipped: 1 })
  expect(total.orders).toEqual({ scanned: 1, sealed: 1, resealed: 0, skipped: 0 })
  expect(total.aftersales).toEqual({ scanned: 1, sealed: 1, resealed: 0, skipped: 0 })
  expect(total.settings).toEqual({ scanned: 1, sealed: 1, resealed: 0, skipped: 0 })
  expect(total.users).toEqual({ scanned: 1, sealed: 1, resealed: 0, skipped: 0 })

  // every phone now sealed with k2, opening to the number it was, with the lookup hash
  const sealedOf = (c: string, id: string, path: string) =>
    path
      .split('.')
      .reduce<unknown>((x, k) => (x as Record<string, unknown>)[k], t.find(c, { _id: id })[0]) as SealedPhone
  const expectSealed = (s: SealedPhone, phone: string, k = 'k2') => {
    expect(s.k).toBe(k)
    expect(openPhone(s)).toBe(phone)
    expect(s.h).toBe(phoneHash(phone))
  }
  for (let i = 0; i < 7; i++)
    expectSealed(sealedOf('addresses', `addr_plain_${i}`, 'phone'), `1380000000${i}`)
  expectSealed(sealedOf('addresses', 'addr_k1', 'phone'), '13711112222')
  expectSealed(sealedOf('addresses', 'addr_spaced', 'phone'), '13900001111')
  expect(sealedOf('addresses', 'addr_k0', 'phone')).toEqual(foreign)
  expectSealed(sealedOf('orders', order.id, 'address.phone'), '13800000000')
  expectSealed(sealedOf('aftersales', 'as_old', 'returnAddress.phone'), '13600001111')
  expectSealed(sealedOf('settings', 'aftersale', 'returnAddress.phone'), '13600002222')
  expectSealed(sealedOf('users', SHOPPER, 'phone'), '13600003333')
  // the rest of each document is untouched
  expect(t.find('addresses', { _id: 'addr_plain_3' })[0]).toMatchObject({ name: '赵六', detail: '中山路1号' })
  expect(t.find('aftersales', { _id: 'as_old' })[0]).toMatchObject({
    returnAddress: { name: '仓', address: '上海' },
  })

  // no plain number left anywhere it looked (the unreadable seal holds none either)
  for (const c of ['addresses', 'orders', 'aftersales', 'settings', 'users'])
    expect(JSON.stringify(t.find(c))).not.toMatch(MOBILE)

  // the shopper's pages read the same numbers as before
  const mine = ok(await t.callAs(SHOPPER, 'address.list', {}))
  expect(mine.find((a) => a.id === 'addr_plain_2')?.phone).toBe('13800000002')
  expect(mine.find((a) => a.id === 'addr_k1')?.phone).toBe('13711112222')
  // the seal nobody can open shows its mask instead of breaking the list
  expect(mine.find((a) => a.id === 'addr_k0')?.phone).toBe('137****4444')
  expect(ok(await t.callAs(SHOPPER, 'order.detail', { orderId: order.id })).address.phone).toBe('13800000000')
})

test('safe to run any number of times: a second and third run change nothing', async () => {
  const before = JSON.stringify(
    ['addresses', 'orders', 'aftersales', 'settings', 'users'].map((c) =>
      t.find(c, {}, { sort: { _id: 1 } }),
    ),
  )
  for (let i = 0; i < 2; i++) {
    const r = ok(await migrate())
    expect(r.done).toBe(true)
    for (const n of Object.values(r.counts)) expect([n.sealed, n.resealed]).toEqual([0, 0])
    expect(r.counts.addresses!.skipped).toBe(1) // the k0 seal, still unreadable
  }
  const after = JSON.stringify(
    ['addresses', 'orders', 'aftersales', 'settings', 'users'].map((c) =>
      t.find(c, {}, { sort: { _id: 1 } }),
    ),
  )
  expect(after).toBe(before)
})

test('new writes already use the current key', async () => {
  const a = ok(
    await t.callAs(SHOPPER, 'address.save', {
      name: '赵六',
      phone: '13912340000',
      province: '江苏省',
      city: '南京市',
      district: '鼓楼区',
      detail: '中山路2号',
    }),
  )
  const stored = t.find<{ phone: SealedPhone }>('addresses', { _id: a.id })[0]!.phone
  expect(stored.k).toBe('k2')
  expect(openPhone(stored)).toBe('13912340000')
  const r = ok(await migrate())
  expect(r.counts.addresses).toMatchObject({ sealed: 0, resealed: 0 })
})
