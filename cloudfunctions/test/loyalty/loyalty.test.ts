/**
 * Levels, growth and points through the real functions: earned once when an order completes (even when
 * the step runs twice), taken back in proportion by a refund after completion, level benefits applied by
 * the server at checkout and submit, the member centre and the points history, the merchant's level
 * settings, and the yearly expiry with the emulator clock moved into the next-next year.
 */
import { chinaYear, chinaYearStart, pointsExpiryAt } from '@mall/domain'
import { ok, type TestEmulator } from '../helpers/emulator'
import { sdkUpdate, insertShoppers, insertSkus, rid, shopper, startOrderEmulator } from '../order/fixtures'
import { admin, cron, insertMerchant, walletOrder } from '../aftersale/fixtures'

let t: TestEmulator
const DAY = 86_400_000
const A = shopper(1)
const B = shopper(2)
const C = shopper(3)
const D = shopper(4)
const OWNER = 'o_test_loyalty_owner'

const LEVELS = [
  { level: 0, name: '普通会员', growth: 0, pointsMultiplier: 1000 },
  { level: 1, name: '银卡会员', growth: 100, discountPermille: 900, pointsMultiplier: 1500 },
  {
    level: 2,
    name: '金卡会员',
    growth: 1000,
    discountPermille: 800,
    freeShipping: true,
    pointsMultiplier: 2000,
  },
]

beforeAll(async () => {
  t = await startOrderEmulator(4)
  insertSkus(t, [
    { id: 'tea', price: 10_000, stock: 1000 },
    { id: 'cup', price: 2_500, stock: 1000 },
  ])
  insertShoppers(t, [A, B, C, D])
  insertMerchant(t)
  t.emu.db.insertMany('admins', [{ _id: OWNER, roles: ['owner'], active: true }])
  t.emu.db.insertMany('settings', [
    // the withdrawal module's part of the same document must survive a levels save
    { _id: 'member', levels: LEVELS, pointsPerYuan: 1, growthPerYuan: 1, withdraw: { minFen: 100 } },
    {
      _id: 'aftersale',
      returnAddress: { name: '售后仓', phone: '021-55550000', address: '上海市退货路1号' },
    },
  ])
})
afterAll(() => t?.stop())

type Entry = { _id: string; amount: number; kind: string; seq: number; expiresAt?: number; at: number }
type User = {
  level: number
  growth?: number
  growthSeq?: number
  points: number
  pointsSeq?: number
  pointsExpiryDue?: number
}
const user = (o: string) => t.find<User>('users', { _id: o })[0]!
const points = (o: string) => t.find<Entry>('pointsLedger', { openid: o }, { sort: { seq: 1 } })
const growth = (o: string) => t.find<Entry>('growthLedger', { openid: o }, { sort: { seq: 1 } })
const order = (id: string) =>
  t.find<{
    status: string
    completedAt?: number
    rewards?: { points: number; growth: number; level: number }
  }>('orders', { _id: id })[0]!
const sum = (es: Entry[]) => es.reduce((n, e) => n + e.amount, 0)

/** received -> completed: the auto-complete days pass and cron runs. */
async function complete(id: string) {
  t.emu.clock.advance(8 * DAY)
  await cron(t)
  expect(order(id).status).toBe('completed')
}

test('an order earns points and growth once, when it completes; a second run of the step changes nothing', async () => {
  const id = await walletOrder(t, A, 'tea', 1, 'received')
  // paid and received: nothing yet
  expect(points(A)).toEqual([])
  expect(growth(A)).toEqual([])
  await complete(id)
  const at = order(id).completedAt!
  // ¥100 paid, level 0 (x1): 100 points expiring at the end of next year, 100 growth -> 银卡
  expect(points(A)).toEqual([
    expect.objectContaining({
      _id: `pts_earn_${id}`,
      amount: 100,
      kind: 'earn',
      expiresAt: pointsExpiryAt(at),
    }),
  ])
  expect(growth(A)).toEqual([expect.objectContaining({ _id: `gr_earn_${id}`, amount: 100, kind: 'earn' })])
  expect(user(A)).toMatchObject({ level: 1, growth: 100, growthSeq: 1, points: 100, pointsSeq: 1 })
  expect(user(A).pointsExpiryDue).toBe(pointsExpiryAt(at))
  expect(order(id).rewards).toMatchObject({ points: 100, growth: 100, level: 0 })
  const change = t.find<{ from: number; to: number; toName: string }>('levelChanges', { openid: A })
  expect(change).toEqual([expect.objectContaining({ from: 0, to: 1, toName: '银卡会员' })])
  expect(t.find('outbox', { kind: 'member.levelUp', status: 'done' })).toHaveLength(1)

  // the completion step again (a replay, a sweeper after a lost answer): the same books
  await sdkUpdate(t, 'outbox', `${id}:earnRewards`, { status: 'pending', nextAttemptAt: 0 })
  await cron(t)
  expect(t.find('outbox', { _id: `${id}:earnRewards` })[0]).toMatchObject({ status: 'done' })
  expect(points(A)).toHaveLength(1)
  expect(growth(A)).toHaveLength(1)
  expect(user(A)).toMatchObject({ level: 1, growth: 100, points: 100, pointsSeq: 1, growthSeq: 1 })

  // now 银卡 (x1.5, 9折): ¥90 for the next tea + ¥8 shipping (below ¥99) = ¥98 paid earns 147 points
  const second = await walletOrder(t, A, 'tea', 1, 'received')
  await complete(second)
  expect(order(second).rewards).toMatchObject({ points: 147, growth: 98, level: 1 })
  expect(user(A)).toMatchObject({ level: 1, growth: 198, points: 247 })
})

test('the level discount and free shipping change checkout and submit totals; the client cannot claim a level', async () => {
  await sdkUpdate(t, 'users', B, { level: 1 })
  await sdkUpdate(t, 'users', C, { level: 2 })
  const source = { kind: 'buyNow', skuId: 'cup', quantity: 1 }
  const preview = async (o: string) =>
    ok(await t.callAs(o, 'order.preview', { source, coupon: 'none' })).totals
  // ¥25 cup, shipping ¥8 below ¥99
  expect(await preview(D)).toMatchObject({ goods: 2500, shipping: 800, payable: 3300 })
  expect(await preview(B)).toMatchObject({ shipping: 800, payable: 2250 + 800 })
  expect(await preview(C)).toMatchObject({ shipping: 0, payable: 2000 })
  for (const [o, payable] of [
    [B, 3050],
    [C, 2000],
  ] as const) {
    const sub = ok(await t.callAs(o, 'order.submit', { source, coupon: 'none', requestId: rid() }))
    expect(sub.totals.payable).toBe(payable)
    expect(t.find<{ totals: { payable: number } }>('orders', { _id: sub.id })[0]!.totals.payable).toBe(
      payable,
    )
  }
  // the level is the server's: a client sending its own is refused
  const claimed = await t.callAs(D, 'order.submit', { source, coupon: 'none', requestId: rid(), level: 2 })
  expect(claimed).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  // and the cart shows the level's price as well
  ok(await t.callAs(C, 'cart.add', { skuId: 'cup', quantity: 1 }))
  const cart = ok(await t.callAs(C, 'cart.get', {}))
  expect(cart.payable).toBe(2000)
})

test('refunds after completion take back points and growth in proportion; the level follows growth down', async () => {
  const id = await walletOrder(t, D, 'tea', 2, 'received')
  await complete(id)
  expect(order(id).rewards).toMatchObject({ points: 200, growth: 200 })
  expect(user(D)).toMatchObject({ level: 1, growth: 200, points: 200 })
  const returnOne = async () => {
    const as = ok(
      await t.callAs(D, 'aftersale.submit', {
        orderId: id,
        type: 'returnAndRefund',
        lines: [{ skuId: 'tea', quantity: 1 }],
        requestId: rid(),
        reason: '不想要了',
      }),
    )
    ok(await admin(t, 'admin.aftersales.approve', { aftersaleId: as.id }))
    ok(
      await t.callAs(D, 'aftersale.shipBack', {
        aftersaleId: as.id,
        carrier: '中通快递',
        trackingNo: 'ZT9000001',
      }),
    )
    const got = ok(
      await admin(t, 'admin.aftersales.receive', {
        aftersaleId: as.id,
        lines: [{ skuId: 'tea', fine: 1, damaged: 0 }],
      }),
    )
    expect(got.status).toBe('refunded')
    return as.id
  }
  const first = await returnOne()
  // half the money back: half the points and growth go, the level stays (100 >= 100)
  expect(points(D).find((e) => e._id === `pts_clawback_${id}_${first}`)).toMatchObject({ amount: -100 })
  expect(growth(D).find((e) => e._id === `gr_clawback_${id}_${first}`)).toMatchObject({ amount: -100 })
  expect(user(D)).toMatchObject({ level: 1, growth: 100, points: 100 })
  const second = await returnOne()
  expect(order(id).status).toBe('refunded')
  expect(points(D).find((e) => e._id === `pts_clawback_${id}_${second}`)).toMatchObject({ amount: -100 })
  // all of it back: exactly what was earned, never more; the level goes down with the growth
  expect(sum(points(D))).toBe(0)
  expect(sum(growth(D))).toBe(0)
  expect(user(D)).toMatchObject({ level: 0, growth: 0, points: 0 })
  const changes = t.find<{ from: number; to: number }>('levelChanges', { openid: D }, { sort: { at: 1 } })
  expect(changes.map((c) => [c.from, c.to])).toEqual([
    [0, 1],
    [1, 0],
  ])
  // only going up is a level-up step (the listeners' event)
  expect(t.find('outbox', { kind: 'member.levelUp', ref: D })).toHaveLength(1)
})

test('member centre: level, growth, progress to the next level and every level with its benefits', async () => {
  const c = ok(await t.callAs(A, 'loyalty.center', {}))
  expect(c).toMatchObject({
    level: 1,
    levelName: '银卡会员',
    growth: 198,
    points: 247,
    next: { level: 2, name: '金卡会员', growth: 1000, remaining: 802 },
    progressPermille: 108,
  })
  expect(c.levels.map((l) => [l.name, l.growth, l.benefits])).toEqual([
    ['普通会员', 0, []],
    ['银卡会员', 100, ['会员折扣9折', '积分1.5倍']],
    ['金卡会员', 1000, ['会员折扣8折', '订单包邮', '积分2倍']],
  ])
  expect(c.changes).toEqual([expect.objectContaining({ from: 0, to: 1, up: true, toName: '银卡会员' })])
  expect(c.earnRules[0]).toContain('1.5倍')
})

test('the merchant edits levels and the earning rule (owner, operator); bad rules are refused', async () => {
  const got = ok(await admin(t, 'admin.member.settings.get', {}))
  expect(got.levels).toHaveLength(3)
  expect(got.levels[2]).toMatchObject({ discountPermille: 800, freeShipping: true, pointsMultiplier: 2000 })
  // the merchant fixture is operator + service: allowed; a finance-only admin is not
  t.emu.db.insertMany('admins', [{ _id: 'o_test_finance', roles: ['finance'], active: true }])
  expect(await admin(t, 'admin.member.settings.get', {}, 'o_test_finance')).toMatchObject({
    code: 'FORBIDDEN',
  })
  const bad = { ...got, levels: got.levels.map((l, i) => (i === 2 ? { ...l, growth: 50 } : l)) }
  expect(await admin(t, 'admin.member.settings.save', bad, OWNER)).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
    message: expect.stringContaining('高于上一等级'),
  })
  const saved = ok(
    await admin(
      t,
      'admin.member.settings.save',
      { ...got, levels: got.levels.map((l, i) => (i === 2 ? { ...l, name: '黄金会员' } : l)) },
      OWNER,
    ),
  )
  expect(saved.levels[2]!.name).toBe('黄金会员')
  const doc = t.find<{ withdraw?: unknown; levels: Array<{ name: string }> }>('settings', {
    _id: 'member',
  })[0]!
  expect(doc.withdraw).toEqual({ minFen: 100 })
  expect(doc.levels[2]!.name).toBe('黄金会员')
})

test('points expire at the end of the next year, FIFO, once per member and year; the history shows it all', async () => {
  // A spends 35 points on an order (the deduction is 100 points per yuan)
  const spent = ok(
    await t.callAs(A, 'order.submit', {
      source: { kind: 'buyNow', skuId: 'cup', quantity: 1 },
      coupon: 'none',
      points: 35,
      requestId: rid(),
    }),
  )
  expect(spent.pointsUsed).toBe(35)
  ok(await t.callAs(A, 'pay.balance', { orderId: spent.id }))
  const earnYear = chinaYear(t.find<Entry>('pointsLedger', { kind: 'earn', openid: A })[0]!.at)
  expect(
    t.find<Entry>('pointsLedger', { kind: 'earn', openid: A }).every((e) => chinaYear(e.at) === earnYear),
  ).toBe(true)
  const history = ok(await t.callAs(A, 'loyalty.points', { pageSize: 2 }))
  expect(history.balance).toBe(212)
  expect(history.entries.map((e) => [e.label, e.amount])).toEqual([
    ['下单抵扣', -35],
    ['购物奖励', 147],
  ])
  expect(history.expiring).toEqual([
    { expiresAt: chinaYearStart(earnYear + 2), lastDay: `${earnYear + 1}-12-31`, amount: 212 },
  ])
  const next = ok(await t.callAs(A, 'loyalty.points', { pageSize: 2, cursor: history.cursor! }))
  expect(next.entries.map((e) => e.label)).toEqual(['购物奖励'])
  expect(next.cursor).toBeNull()

  // the next year: A earns again (a later credit, not expiring with the first year's)
  t.emu.clock.set(chinaYearStart(earnYear + 1) + DAY)
  const later = await walletOrder(t, A, 'tea', 1, 'received')
  await complete(later)
  const laterPoints = order(later).rewards!.points
  expect(laterPoints).toBe(147)
  expect(user(A).points).toBe(212 + 147)
  // nothing is due before the first year's points end
  expect(t.find('pointsLedger', { kind: 'expire' })).toEqual([])

  // the first minute of the next-next year (China time): what is left of the first year's points goes
  t.emu.clock.set(chinaYearStart(earnYear + 2) + 60_000)
  await cron(t)
  const expired = t.find<Entry>('pointsLedger', { kind: 'expire', openid: A })
  // FIFO: 247 earned that year, 35 spent since -> 212 left of it; the later 147 stay
  expect(expired).toEqual([expect.objectContaining({ _id: `pts_expire_${A}_${earnYear}`, amount: -212 })])
  expect(user(A).points).toBe(147)
  expect(user(A).pointsExpiryDue).toBe(chinaYearStart(earnYear + 3))
  // once per member and year: more runs post nothing more
  await cron(t)
  t.emu.clock.advance(DAY)
  await cron(t)
  expect(t.find('pointsLedger', { kind: 'expire', openid: A })).toHaveLength(1)
  const after = ok(await t.callAs(A, 'loyalty.points', {}))
  expect(after.entries[0]).toMatchObject({ label: '积分过期', amount: -212 })
  expect(after.expiring).toEqual([
    { expiresAt: chinaYearStart(earnYear + 3), lastDay: `${earnYear + 2}-12-31`, amount: 147 },
  ])
  // the books still reconcile: balance == entries for points and growth
  expect(sum(points(A))).toBe(user(A).points)
  expect(sum(growth(A))).toBe(user(A).growth)
})
