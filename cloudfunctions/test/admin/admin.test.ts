/** The merchant's order actions: roles from `admins`, paid orders oldest first with masked contacts, ship. */
import { ok, type TestEmulator } from '../helpers/emulator'
import {
  buyNow,
  insertSettings,
  insertShoppers,
  insertSkus,
  insertWallet,
  shopper,
  startOrderEmulator,
} from '../order/fixtures'

let t: TestEmulator
const OWNER = 'o_test_owner'
const SERVICE = 'o_test_service'
const GONE = 'o_test_former'
const buyers = [shopper(1), shopper(2), shopper(3)]
const paid: string[] = []

const admin = (openid: string, action: string, input: unknown) =>
  t.invoke('admin', { action, input }, { openid, source: 'wx_client' }) as Promise<
    { ok: true; data: never } | { ok: false; code: string }
  >

beforeAll(async () => {
  t = await startOrderEmulator(2)
  insertSettings(t, [{ _id: 'shipping', baseFee: 0, freeOver: 0 }])
  insertSkus(t, [{ id: 'lamp', price: 8800, stock: 10 }])
  insertShoppers(t, buyers)
  t.emu.db.insertMany('admins', [
    { _id: OWNER, roles: ['owner'], active: true },
    { _id: SERVICE, roles: ['service'], active: true },
    { _id: GONE, roles: ['owner'], active: false },
  ])
  for (const b of buyers) {
    insertWallet(t, b, 10_000)
    const id = await buyNow(t, b, 'lamp', 1)
    ok(await t.callAs(b, 'pay.balance', { orderId: id }))
    paid.push(id)
  }
  await buyNow(t, buyers[0], 'lamp', 1) // unpaid: not in the shipping list
})
afterAll(() => t?.stop())

test('roles: service may list but not ship; an inactive admin and shoppers may do neither', async () => {
  expect((await admin(SERVICE, 'admin.orders.list', {})).ok).toBe(true)
  expect(
    await admin(SERVICE, 'admin.orders.ship', {
      orderId: paid[0],
      carrier: '中通',
      trackingNo: 'ZT12345678',
    }),
  ).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  })
  expect(await admin(GONE, 'admin.orders.list', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  expect(await admin(buyers[0], 'admin.orders.list', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' })
})

test('paid orders, oldest first, paged without gaps, contacts masked; ship a wallet-paid order (no WeChat upload)', async () => {
  type Page = {
    items: Array<{ id: string; receiver: { name: string; phoneMasked: string } }>
    cursor: string | null
  }
  const p1 = ok((await admin(OWNER, 'admin.orders.list', { pageSize: 2 })) as never) as Page
  expect(p1.items).toHaveLength(2)
  const p2 = ok(
    (await admin(OWNER, 'admin.orders.list', { pageSize: 2, cursor: p1.cursor })) as never,
  ) as Page
  expect([...p1.items, ...p2.items].map((i) => i.id)).toEqual(paid)
  expect(p2.cursor).toBeNull()
  expect(p1.items[0].receiver).toMatchObject({ name: '张**', phoneMasked: '138****8000' })
  expect(JSON.stringify(p1)).not.toContain('13800138000')

  const shipped = await admin(OWNER, 'admin.orders.ship', {
    orderId: paid[1],
    carrier: '中通快递',
    trackingNo: 'ZT12345678',
  })
  expect(shipped).toMatchObject({ ok: true, data: { status: 'shipped' } })
  const uploads = (t.emu.openapi.records() as Array<{ api: string }>).filter((r) =>
    r.api.includes('uploadShippingInfo'),
  )
  expect(uploads).toHaveLength(0)
  const rest = ok((await admin(OWNER, 'admin.orders.list', {})) as never) as Page
  expect(rest.items.map((i) => i.id)).toEqual([paid[0], paid[2]])
  const detail = ok(await t.callAs(buyers[1], 'order.detail', { orderId: paid[1] }))
  expect(detail.shipping).toMatchObject({ carrier: '中通快递', trackingNo: 'ZT12345678' })
  expect(detail.can.confirmReceipt).toBe(true)
})
