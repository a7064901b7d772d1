/**
 * Hostile and malformed input for every cart/address/order/pay/admin action: wrong types, unknown fields,
 * `$`-operator objects, another shopper's ids, negative quantities, absurd sizes. Each gets a contract
 * error code and changes nothing in the database.
 */
import { actions, type ActionName, type Envelope } from '@mall/contract'
import { ok, type TestEmulator } from '../helpers/emulator'
import {
  ADMIN,
  buyNow,
  insertShoppers,
  insertSkus,
  insertWallet,
  rid,
  shopper,
  startOrderEmulator,
} from './fixtures'

let t: TestEmulator
const ME = shopper(1)
const OTHER = shopper(2)
let othersOrder = ''
const huge = 'x'.repeat(100_000)

beforeAll(async () => {
  t = await startOrderEmulator(4)
  insertSkus(t, [{ id: 'cup', price: 1500, stock: 30 }])
  insertShoppers(t, [ME, OTHER])
  insertWallet(t, ME, 100_000)
  t.emu.db.insertMany('admins', [{ _id: ADMIN, roles: ['owner'], active: true }])
  othersOrder = await buyNow(t, OTHER, 'cup', 1)
  ok(await t.callAs(ME, 'cart.add', { skuId: 'cup', quantity: 1 }))
})
afterAll(() => t?.stop())

const COLLECTIONS = [
  'orders',
  'skus',
  'carts',
  'addresses',
  'coupons',
  'wallets',
  'ledger',
  'payments',
  'outbox',
  'recharges',
  'rechargePackages',
  'rechargeQuota',
  'withdrawals',
]
const snapshot = () => JSON.stringify(COLLECTIONS.map((c) => t.find(c, {}, { sort: { _id: 1 } })))

const op = { $gt: '' }
/** Resolved when the test runs (the other shopper's order is created in beforeAll). */
const OTHERS_ORDER = '@othersOrder'
const resolve = (x: unknown): unknown =>
  JSON.parse(JSON.stringify(x).split(JSON.stringify(OTHERS_ORDER)).join(JSON.stringify(othersOrder)))
const cases: Array<[ActionName, unknown, string]> = [
  // wrong types, unknown fields, operators, sizes
  ['cart.add', { skuId: 'cup', quantity: '1' }, 'INVALID_INPUT'],
  ['cart.add', { skuId: op, quantity: 1 }, 'INVALID_INPUT'],
  ['cart.add', { skuId: 'cup', quantity: -1 }, 'INVALID_INPUT'],
  ['cart.add', { skuId: 'cup', quantity: 0 }, 'INVALID_INPUT'],
  ['cart.add', { skuId: 'cup', quantity: 1.5 }, 'INVALID_INPUT'],
  ['cart.add', { skuId: 'cup', quantity: 1e9 }, 'INVALID_INPUT'],
  ['cart.add', { skuId: 'cup', quantity: 1, price: 1 }, 'INVALID_INPUT'],
  ['cart.add', { skuId: huge, quantity: 1 }, 'INVALID_INPUT'],
  ['cart.add', { skuId: 'nosuch', quantity: 1 }, 'SKU_NOT_FOUND'],
  ['cart.setQuantity', { skuId: 'cup', quantity: { $inc: 5 } }, 'INVALID_INPUT'],
  ['cart.setQuantity', { skuId: 'cup', quantity: 1000 }, 'INVALID_INPUT'],
  ['cart.select', { selected: 'yes' }, 'INVALID_INPUT'],
  ['cart.select', { skuId: op, selected: true }, 'INVALID_INPUT'],
  ['cart.remove', { skuIds: [] }, 'INVALID_INPUT'],
  ['cart.remove', { skuIds: Array.from({ length: 101 }, (_, i) => `s${i}`) }, 'INVALID_INPUT'],
  ['cart.remove', { skuIds: [op] }, 'INVALID_INPUT'],
  [
    'cart.merge',
    { lines: Array.from({ length: 101 }, () => ({ skuId: 'cup', quantity: 1 })) },
    'INVALID_INPUT',
  ],
  ['cart.merge', { lines: [{ skuId: 'cup', quantity: -3 }] }, 'INVALID_INPUT'],
  ['cart.merge', { lines: 'cup' }, 'INVALID_INPUT'],
  ['cart.get', { openid: OTHER }, 'INVALID_INPUT'],
  [
    'address.save',
    { name: '张', phone: '1380', province: 'a', city: 'b', district: 'c', detail: 'd' },
    'INVALID_INPUT',
  ],
  [
    'address.save',
    { name: '张三', phone: '13800138000', province: 'a', city: 'b', district: 'c', detail: huge },
    'INVALID_INPUT',
  ],
  // anything but an 11-digit mainland mobile (1[3-9] + 9 digits): a short one once went through
  ...[
    '1380013',
    '23800138000',
    '12800138000',
    '138001380001',
    '1380013800a',
    '+86 1380013',
    '021-55550000',
  ].map((phone): [ActionName, unknown, string] => [
    'address.save',
    { name: '张三', phone, province: 'a', city: 'b', district: 'c', detail: 'd' },
    'INVALID_INPUT',
  ]),
  [
    'address.save',
    {
      id: `addr_${OTHER}`,
      name: '张三',
      phone: '13800138000',
      province: 'a',
      city: 'b',
      district: 'c',
      detail: 'd',
    },
    'ADDRESS_NOT_FOUND',
  ],
  [
    'address.save',
    {
      name: '张三',
      phone: '13800138000',
      province: 'a',
      city: 'b',
      district: 'c',
      detail: 'd',
      openid: OTHER,
    },
    'INVALID_INPUT',
  ],
  ['address.remove', { id: `addr_${OTHER}` }, 'ADDRESS_NOT_FOUND'],
  ['address.remove', { id: op }, 'INVALID_INPUT'],
  ['address.setDefault', { id: `addr_${OTHER}` }, 'ADDRESS_NOT_FOUND'],
  ['order.preview', { source: { kind: 'buyNow', skuId: 'cup', quantity: -1 } }, 'INVALID_INPUT'],
  ['order.preview', { source: { kind: 'steal' } }, 'INVALID_INPUT'],
  ['order.preview', { source: { kind: 'buyAgain', orderId: OTHERS_ORDER } }, 'ORDER_NOT_FOUND'],
  ['order.submit', { source: { kind: 'buyNow', skuId: 'cup', quantity: 1 } }, 'INVALID_INPUT'],
  [
    'order.submit',
    { source: { kind: 'buyNow', skuId: 'cup', quantity: 1 }, requestId: 'short' },
    'INVALID_INPUT',
  ],
  ['order.submit', { source: { kind: 'buyNow', skuId: 'cup', quantity: 1 }, requestId: op }, 'INVALID_INPUT'],
  [
    'order.submit',
    { source: { kind: 'buyNow', skuId: 'cup', quantity: 1 }, requestId: rid(), price: 1 },
    'INVALID_INPUT',
  ],
  [
    'order.submit',
    { source: { kind: 'buyNow', skuId: 'cup', quantity: 1 }, requestId: rid(), totals: { payable: 1 } },
    'INVALID_INPUT',
  ],
  [
    'order.submit',
    { source: { kind: 'buyNow', skuId: 'cup', quantity: 1, price: 1 }, requestId: rid() },
    'INVALID_INPUT',
  ],
  [
    'order.submit',
    { source: { kind: 'buyNow', skuId: 'cup', quantity: 1 }, requestId: rid(), addressId: `addr_${OTHER}` },
    'ADDRESS_NOT_FOUND',
  ],
  [
    'order.submit',
    { source: { kind: 'buyNow', skuId: 'cup', quantity: 1 }, requestId: rid(), coupon: 'cp_nosuch' },
    'COUPON_NOT_APPLICABLE',
  ],
  [
    'order.submit',
    { source: { kind: 'buyNow', skuId: 'cup', quantity: 1 }, requestId: rid(), points: -5 },
    'INVALID_INPUT',
  ],
  [
    'order.submit',
    { source: { kind: 'buyNow', skuId: 'cup', quantity: 1 }, requestId: rid(), remark: huge },
    'INVALID_INPUT',
  ],
  [
    'order.submit',
    { source: { kind: 'buyNow', skuId: 'cup', quantity: 31 }, requestId: rid() },
    'OUT_OF_STOCK',
  ],
  [
    'order.submit',
    { source: { kind: 'buyAgain', orderId: OTHERS_ORDER }, requestId: rid() },
    'ORDER_NOT_FOUND',
  ],
  ['order.list', { tab: 'everything' }, 'INVALID_INPUT'],
  ['order.list', { pageSize: 10_000 }, 'INVALID_INPUT'],
  ['order.list', { cursor: 'not-a-number' }, 'INVALID_INPUT'],
  ['order.detail', { orderId: OTHERS_ORDER }, 'ORDER_NOT_FOUND'],
  ['order.detail', { orderId: op }, 'INVALID_INPUT'],
  ['order.status', { orderId: OTHERS_ORDER }, 'ORDER_NOT_FOUND'],
  ['order.cancel', { orderId: OTHERS_ORDER }, 'ORDER_NOT_FOUND'],
  ['order.confirmReceipt', { orderId: OTHERS_ORDER }, 'ORDER_NOT_FOUND'],
  ['order.buyAgain', { orderId: OTHERS_ORDER }, 'ORDER_NOT_FOUND'],
  ['pay.wechat', { orderId: OTHERS_ORDER }, 'ORDER_NOT_FOUND'],
  ['pay.balance', { orderId: OTHERS_ORDER }, 'ORDER_NOT_FOUND'],
  ['pay.balance', { orderId: OTHERS_ORDER, amount: 1 }, 'INVALID_INPUT'],
  ['pay.query', { orderId: [OTHERS_ORDER] }, 'INVALID_INPUT'],
  ['wallet.recharge.packages', { openid: OTHER }, 'INVALID_INPUT'],
  ['wallet.recharge.create', { packageId: 'rp_100', requestId: 'short' }, 'INVALID_INPUT'],
  ['wallet.recharge.create', { packageId: op, requestId: rid() }, 'INVALID_INPUT'],
  ['wallet.recharge.create', { packageId: 'rp_100', requestId: rid(), payFen: 1 }, 'INVALID_INPUT'],
  ['wallet.recharge.create', { packageId: 'rp_nosuch', requestId: rid() }, 'RECHARGE_PACKAGE_UNAVAILABLE'],
  ['wallet.recharge.status', { id: op }, 'INVALID_INPUT'],
  ['wallet.recharge.status', { id: 'rc000000000000000000000000' }, 'RECHARGE_NOT_FOUND'],
  ['admin.recharge.packages.list', {}, 'FORBIDDEN'],
  [
    'admin.recharge.packages.save',
    { title: '充1送100', payFen: 1, bonusFen: 10_000, perMemberLimit: 0, active: true, sort: 0 },
    'FORBIDDEN',
  ],
  ['admin.recharge.packages.remove', { id: 'rp_100' }, 'FORBIDDEN'],
  ['withdrawal.options', { openid: OTHER }, 'INVALID_INPUT'],
  ['withdrawal.request', { amountFen: '100', requestId: rid() }, 'INVALID_INPUT'],
  ['withdrawal.request', { amountFen: 100, requestId: 'short' }, 'INVALID_INPUT'],
  ['withdrawal.request', { amountFen: -100, requestId: rid() }, 'INVALID_INPUT'],
  ['withdrawal.request', { amountFen: 100.5, requestId: rid() }, 'INVALID_INPUT'],
  ['withdrawal.request', { amountFen: { $gt: 0 }, requestId: rid() }, 'INVALID_INPUT'],
  ['withdrawal.request', { amountFen: 100, requestId: rid(), openid: OTHER }, 'INVALID_INPUT'],
  ['withdrawal.request', { amountFen: 99, requestId: rid() }, 'WITHDRAW_BELOW_MIN'],
  ['withdrawal.request', { amountFen: 200_000, requestId: rid() }, 'WITHDRAW_ABOVE_MAX'],
  ['withdrawal.list', { cursor: 'nope' }, 'INVALID_INPUT'],
  ['withdrawal.list', { pageSize: 1000 }, 'INVALID_INPUT'],
  ['withdrawal.confirm', { id: op }, 'INVALID_INPUT'],
  ['withdrawal.confirm', { id: 'W000000000000000000000000' }, 'WITHDRAWAL_NOT_FOUND'],
  ['withdrawal.cancel', { id: huge }, 'INVALID_INPUT'],
  ['withdrawal.cancel', { id: 'W000000000000000000000000' }, 'WITHDRAWAL_NOT_FOUND'],
  ['admin.withdrawals.list', { status: 'pending' }, 'FORBIDDEN'],
  ['admin.withdrawals.approve', { id: 'W000000000000000000000000' }, 'FORBIDDEN'],
  ['admin.withdrawals.reject', { id: 'W000000000000000000000000', reason: '不行' }, 'FORBIDDEN'],
  // a shopper calling merchant actions
  ['admin.orders.ship', { orderId: OTHERS_ORDER, carrier: '顺丰', trackingNo: 'SF123456' }, 'FORBIDDEN'],
  ['admin.orders.list', {}, 'FORBIDDEN'],
  ['admin.members.list', { query: '13800138000' }, 'FORBIDDEN'],
  ['admin.members.detail', { openid: OTHER }, 'FORBIDDEN'],
  [
    'admin.members.adjustPoints',
    { openid: ME, delta: 100, reason: '给自己加积分', requestId: rid() },
    'FORBIDDEN',
  ],
  [
    'admin.members.adjustBalance',
    { openid: ME, deltaFen: 100, reason: '给自己加余额', requestId: rid() },
    'FORBIDDEN',
  ],
]

test.each(cases)('%s %j -> %s and nothing changed', async (action, input, code) => {
  const before = snapshot()
  const res = await t.callAs(ME, action, resolve(input))
  expect(res.ok).toBe(false)
  if (!res.ok) {
    expect(res.code).toBe(code)
    expect(res.message.length).toBeGreaterThan(0)
  }
  expect(snapshot()).toBe(before)
})

test('a wrong phone is refused with a Chinese message the form can show', async () => {
  const where = { name: '张三', province: '广东省', city: '深圳市', district: '南山区', detail: '科技园1号' }
  expect(await t.callAs(ME, 'address.save', { ...where, phone: '1380013' })).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
    // as the schema wrote it, without the field's name in front
    message: '请填写正确的11位手机号',
  })
  // valibot's own English messages still name the field, for whoever wrote the call
  expect(await t.callAs(ME, 'address.save', { ...where, phone: 7 })).toMatchObject({
    message: expect.stringMatching(/^phone: /),
  })
  // the same number typed with spaces, dashes or +86 is fine
  const saved = ok(await t.callAs(ME, 'address.save', { ...where, phone: '+86 138-0013-8000' }))
  expect(saved.phone).toBe('13800138000')
})

test('admin: bad input from a merchant is refused too', async () => {
  const before = snapshot()
  for (const [action, input] of [
    ['admin.withdrawals.list', { status: 'all' }],
    ['admin.withdrawals.list', { status: { $ne: 'x' } }],
    ['admin.withdrawals.approve', { id: op }],
    ['admin.withdrawals.reject', { id: 'W000000000000000000000000', reason: '' }],
    ['admin.withdrawals.reject', { id: 'W000000000000000000000000', reason: huge }],
  ] as const) {
    const res = await t.invoke('admin', { action, input }, { openid: ADMIN })
    expect({ action, res }).toMatchObject({ action, res: { ok: false, code: 'INVALID_INPUT' } })
  }
  for (const [action, input] of [
    ['admin.withdrawals.approve', { id: 'W000000000000000000000000' }],
    ['admin.withdrawals.reject', { id: 'W000000000000000000000000', reason: '驳回' }],
  ] as const) {
    const res = await t.invoke('admin', { action, input }, { openid: ADMIN })
    expect(res).toMatchObject({ ok: false, code: 'WITHDRAWAL_NOT_FOUND' })
  }
  for (const input of [
    { orderId: othersOrder, carrier: '', trackingNo: 'SF123456' },
    { orderId: othersOrder, carrier: '顺丰', trackingNo: { $ne: null } },
    { orderId: othersOrder, carrier: '顺丰', trackingNo: 'SF123456', status: 'completed' },
  ]) {
    const res = await t.invoke('admin', { action: 'admin.orders.ship', input }, { openid: ADMIN })
    expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  }
  const unpaid = await t.invoke(
    'admin',
    { action: 'admin.orders.ship', input: { orderId: othersOrder, carrier: '顺丰', trackingNo: 'SF123456' } },
    { openid: ADMIN },
  )
  expect(unpaid).toMatchObject({ ok: false, code: 'ORDER_STATE_INVALID' })
  expect(snapshot()).toBe(before)
})

/** Every action of this sweep, each as someone its audience admits. */
const swept = (Object.keys(actions) as ActionName[]).filter(
  (a) => !a.startsWith('catalog.') && !a.startsWith('user.'),
)
const callAsAudience = async (action: ActionName, input: unknown): Promise<Envelope<unknown>> => {
  const def = actions[action]
  return def.audience === 'shopper'
    ? t.callAs(ME, action, input)
    : ((await t.invoke(
        def.fn,
        { action, input },
        { openid: ADMIN, source: 'wx_client' },
      )) as Envelope<unknown>)
}
/** `{a: {a: ... {}}}`, n levels. */
const nested = (n: number): Record<string, unknown> => {
  let x: Record<string, unknown> = {}
  for (let i = 1; i < n; i++) x = { a: x }
  return x
}

test('every action: an array, a scalar or null as input, or one nested too deep, is INVALID_INPUT', async () => {
  const before = snapshot()
  for (const action of swept) {
    for (const input of [[], [{}], 'x', 7, null, nested(40), nested(2_000)]) {
      const res = await callAsAudience(action, input)
      expect({ action, input: JSON.stringify(input).slice(0, 20), res }).toMatchObject({
        action,
        res: { ok: false, code: 'INVALID_INPUT', message: expect.any(String) },
      })
    }
    expect(await callAsAudience(action, nested(40))).toMatchObject({
      message: '请求嵌套层级过深（最多 32 层）',
    })
  }
  expect(snapshot()).toBe(before)
})

test('order and admin lists: a cursor time that is not a safe integer in range is INVALID_INPUT', async () => {
  for (const action of ['order.list', 'admin.orders.list'] as const) {
    for (const cursor of ['1e308_o1', '9999999999999999_o1', '8640000000000001_o1', '-1_o1', '1.5_o1']) {
      expect({ action, cursor, res: await callAsAudience(action, { cursor }) }).toMatchObject({
        res: { ok: false, code: 'INVALID_INPUT', message: expect.any(String) },
      })
    }
    ok(await callAsAudience(action, { cursor: '1700000000000_o1' }))
  }
})

test('malformed events and a shop action sent to the admin function', async () => {
  for (const event of [
    null,
    'order.submit',
    { action: { $gt: '' } },
    { action: 'order.submit', input: 'x' },
  ]) {
    const res = (await t.invoke('shop', event, { openid: ME, source: 'wx_client' })) as { ok: boolean }
    expect(res.ok).toBe(false)
  }
  const wrongFn = await t.invoke(
    'admin',
    { action: 'order.detail', input: { orderId: othersOrder } },
    { openid: ADMIN },
  )
  expect(wrongFn).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
})

test('an event 100,000 levels deep sent as raw callFunction JSON is refused by the function, not a crash', async () => {
  const depth = 100_000
  const requestData = `{"action":"order.list","input":{"cursor":${'['.repeat(depth)}${']'.repeat(depth)}}}`
  const r = await fetch(`${t.emu.url}/admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      action: 'functions.invokeFunction',
      function_name: 'shop',
      request_data: requestData,
    }),
  })
  const body = (await r.json()) as { data?: { response_data: string }; code?: string }
  expect(body.code).toBeUndefined()
  expect(JSON.parse(body.data!.response_data)).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
})
