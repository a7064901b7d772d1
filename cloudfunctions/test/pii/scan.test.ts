/**
 * The plaintext scan: on the demo shop (seed + the demo history played through the functions) and after the
 * flows that write phones (an address typed by a shopper, an order to it, a return with the merchant's own
 * return address), no document of any collection in database.json, no line the functions logged, no
 * invocation record and no open-API call our functions made holds an 11-digit mobile number. The people
 * who must see a number still get it: the shopper's address list, order detail and return address, the
 * merchant's ship form; everyone else gets the mask.
 */
import type { ActionName } from '@mall/contract'
import { ok, SHOPPER_3, schema, startTestEmulator, type TestEmulator } from '../helpers/emulator'
import { playDemoHistory } from '../../seed/history'
import { admin, insertMerchant, wechatOrder } from '../aftersale/fixtures'
import { rid } from '../order/fixtures'
import { bindBySms, consented } from '../member/fixtures'

/** The pattern, plus the same number after +86 / 86 (which the bare pattern lets through). */
const MOBILE = /(^|\D)(\+?86[\s-]?)?1[3-9]\d{9}(\D|$)/
/**
 * Open APIs whose whole point is a phone number: what WeChat sends an SMS to, what it answers for the phone
 * button. They are the platform's record of the call, not anything the mall keeps.
 */
const PHONE_APIS = new Set(['cloudbase.sendSms', 'phonenumber.getPhoneNumber', 'getOpenData'])

const lines: string[] = []
let t: TestEmulator
beforeAll(async () => {
  t = await startTestEmulator({ products: 40, poolSize: 2, log: (l) => lines.push(l) })
  insertMerchant(t)
  await playDemoHistory(t.emu, t.seed!)
}, 120_000)
afterAll(() => t?.stop())

const call = async <A extends ActionName>(openid: string, action: A, input: unknown) =>
  ok(await t.callAs(openid, action, input))

/**
 * Random 32-hex ids (the platform's request ids): one holds an 11-digit run starting 1[3-9] about once in
 * a thousand, which is chance and not a number anyone typed.
 */
const HEX_ID = /(^|[^0-9A-Za-z])[0-9a-f]{32}(?![0-9A-Za-z])/g

/** Every place a mobile number shows up in a value, with where it is. */
function hits(label: string, value: unknown): string[] {
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).replace(HEX_ID, '$1<id>')
  return MOBILE.test(text) ? [`${label}: ${text.slice(0, 300)}`] : []
}
/** The emulator's own line for an open API whose point is a phone (WeChat's record, not ours). */
const platformLine = (l: string) => [...PHONE_APIS].some((api) => l.startsWith(`[openapi] ${api} `))

test('the phone flows: the shopper and the ship form see the number, lists see the mask', async () => {
  // 1. a shopper types an address (as WeChat's chooseAddress hands it, with spaces)
  const address = await call(SHOPPER_3, 'address.save', {
    name: '王五',
    phone: '139 1234 5678',
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    detail: '文三路1号',
    isDefault: true,
  })
  expect(address.phone).toBe('13912345678')
  expect((await call(SHOPPER_3, 'address.list', {})).find((a) => a.id === address.id)?.phone).toBe(
    '13912345678',
  )
  // a landline is not a mobile number
  const bad = await t.callAs(SHOPPER_3, 'address.save', { ...address, id: undefined, phone: '021-55550000' })
  expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' })

  // 2. an order to it, paid and shipped; received, then a return to the merchant's own address
  const sku = t
    .find<{ _id: string; stock: number; status: string }>('skus', { status: 'onShelf' })
    .filter((s) => s.stock >= 5)[3]!
  const { id: orderId } = await wechatOrder(t, SHOPPER_3, sku._id, 1, 'received')
  const detail = await call(SHOPPER_3, 'order.detail', { orderId })
  expect(detail.address.phone).toBe('13912345678')
  const as = await call(SHOPPER_3, 'aftersale.submit', {
    orderId,
    type: 'returnAndRefund',
    lines: [{ skuId: sku._id, quantity: 1 }],
    reason: '不想要了',
    requestId: rid(),
  })
  ok(
    await admin(t, 'admin.aftersales.approve', {
      aftersaleId: as.id,
      returnAddress: { name: '售后 李师傅', phone: '13700137000', address: '上海市浦东新区张江路88号' },
    }),
  )
  const view = await call(SHOPPER_3, 'aftersale.detail', { aftersaleId: as.id })
  expect(view.returnAddress?.phone).toBe('13700137000')

  // 3. an order waiting to ship: the merchant's list masks, the ship form opens
  const waiting = await call(SHOPPER_3, 'order.submit', {
    source: { kind: 'buyNow', skuId: sku._id, quantity: 1 },
    requestId: rid(),
  })
  const trade = await call(SHOPPER_3, 'pay.wechat', { orderId: waiting.id })
  t.emu.pay.pay(trade.outTradeNo)
  await t.emu.pay.flush()
  const rows = await admin(t, 'admin.orders.list', { pageSize: 50 })
  expect(rows.ok && rows.data.items.find((r) => r.id === waiting.id)?.receiver.phoneMasked).toBe(
    '139****5678',
  )
  const receiver = await admin(t, 'admin.orders.receiver', { orderId: waiting.id })
  expect(receiver).toMatchObject({ ok: true, data: { name: '王五', phone: '13912345678' } })
  // only the operator's ship form opens it (a service agent may not)
  t.emu.db.insertMany('admins', [{ _id: 'o_test_service', roles: ['service'], active: true }])
  expect(await admin(t, 'admin.orders.receiver', { orderId: waiting.id }, 'o_test_service')).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  })
  // the seeded return address: stored sealed, shown opened to the shopper of an approved return
  const seeded = t.find<{ returnAddress?: { phone: unknown } }>('aftersales')
  expect(seeded.some((a) => a.returnAddress)).toBe(true)
  for (const a of seeded) if (a.returnAddress) expect(typeof a.returnAddress.phone).toBe('object')
})

test('binding a phone (SMS code, WeChat button) and exporting the data: the member sees it, nothing keeps it', async () => {
  // a member of the demo shop binds by SMS (its code and limits), another by the phone button
  await consented(t, SHOPPER_3)
  expect(ok(await bindBySms(t, SHOPPER_3, '13912340003')).phone).toBe('139****0003')
  const other = 'o_pii_button_member'
  await consented(t, other)
  const button = await call(other, 'member.phone.bindWechat', { code: 'dev:13712340004' })
  expect(button.phone).toBe('137****0004')
  // the other member's button handing over the same number is refused, and the refusal does not spell it
  const taken = await t.callAs(other, 'member.phone.bindWechat', { code: 'dev:13912340003' })
  expect(taken).toMatchObject({ ok: false, code: 'PHONE_TAKEN' })
  expect(hits('refusal', taken)).toEqual([])
  expect(ok(await t.callAs(SHOPPER_3, 'member.me', {})).phone).toBe('139****0003')
  // the export is the member's own copy: it holds the number, in storage, behind a temporary URL
  const exported = ok(await t.callAs(SHOPPER_3, 'member.export', {}))
  expect(await (await fetch(exported.url)).text()).toContain('13912340003')
})

test('the detector itself: it finds a number in plain text, in JSON, after +86, and passes masks and seals', () => {
  expect(hits('x', { phone: '13912345678' })).toHaveLength(1)
  expect(hits('x', '{"event":"x","error":"tel +8613912345678"}')).toHaveLength(1)
  expect(hits('x', { phone: '139****5678', orderNo: '2026120213912345678', at: 1764670000000 })).toEqual([])
  expect(hits('x', { requestId: 'de19037453117eeea2fb69f9423dbb41' })).toEqual([])
  expect(hits('x', 'de19037453117eeea2fb69f9423dbb41 13912345678')).toHaveLength(1)
  const sealed = t.find<{ phone: unknown }>('addresses')[0]!.phone
  expect(sealed).toMatchObject({
    c: expect.any(String),
    k: 'dev1',
    m: expect.stringMatching(/^1\d\d\*{4}\d{4}$/),
  })
})

test('no collection of database.json holds a mobile number', () => {
  const names = Object.keys(schema.collections)
  expect(names).toEqual(expect.arrayContaining(['addresses', 'orders', 'aftersales', 'settings', 'users']))
  const found: string[] = []
  let docs = 0
  for (const name of names) {
    for (const doc of t.find(name)) {
      docs++
      found.push(...hits(`${name}/${String((doc as { _id?: unknown })._id)}`, doc))
    }
  }
  // also any collection a function created without declaring it
  for (const c of t.emu.db.collections())
    if (!names.includes(c.name))
      for (const doc of t.find(c.name)) found.push(...hits(`${c.name} (undeclared)`, doc))
  expect(found).toEqual([])
  // the scan read the shop: seeded addresses, the history's orders and after-sales, this file's own
  expect(t.find('addresses').length).toBeGreaterThanOrEqual(5)
  expect(t.find('orders').length).toBeGreaterThanOrEqual(8)
  expect(docs).toBeGreaterThan(500)
})

test('no function log line, invocation record or open-API call of ours carries one', () => {
  // the functions' console reached the log (the action lines of every call above)
  expect(lines.some((l) => l.startsWith('[shop] ') && l.includes('"event":"action"'))).toBe(true)
  expect(lines.some((l) => l.startsWith('[admin] '))).toBe(true)
  const found = lines.flatMap((l, i) => (platformLine(l) ? [] : hits(`log line ${i}`, l)))
  found.push(...t.emu.functions.log().flatMap((e) => hits(`invocation ${e.requestId}`, e)))
  const calls = t.emu.openapi.records().filter((r) => !PHONE_APIS.has(r.api.split('#')[0]!))
  expect(calls.some((r) => r.api.includes('uploadShippingInfo'))).toBe(true)
  found.push(...calls.flatMap((r) => hits(`openapi ${r.api} ${r.kind}`, r)))
  found.push(...t.emu.pay.orders().flatMap((o) => hits(`cloudPay trade ${o.outTradeNo}`, o)))
  expect(found).toEqual([])
  // the shipping upload gives WeChat the masked contact it asks for
  const upload = calls.find((r) => r.api.includes('uploadShippingInfo'))!
  expect(JSON.stringify(upload.params)).toMatch(/1[3-9]\d\*{4}\d{4}/)
})
