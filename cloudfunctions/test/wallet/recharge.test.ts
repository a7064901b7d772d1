/**
 * Recharge and wallet buckets: packages bought with WeChat Pay through the cloudPay sandbox (callbacks
 * duplicated, concurrent, forged, lost), per-member limits under concurrency, the amount-mismatch anomaly,
 * balance payments spending principal first and bonus last, refunds back into the right buckets, the
 * wallet view and the reconciliation of the bonus bucket.
 */
import { ok, type TestEmulator } from '../helpers/emulator'
import {
  ADMIN,
  adminCall,
  buyNow,
  insertSettings,
  insertShoppers,
  insertSkus,
  payEvent,
  rid,
  sdkUpdate,
  shopper,
  RACE_POOL,
  startOrderEmulator,
} from '../order/fixtures'

let t: TestEmulator
const A = shopper(11)
const B = shopper(12)
const C = shopper(13)
const D = shopper(14)
const E = shopper(15)
const MINUTE = 60_000

const PKG = {
  _id: 'rp_100',
  title: '充100送10',
  payFen: 10_000,
  bonusFen: 1_000,
  perMemberLimit: 0,
  active: true,
  sort: 1,
}
const ONCE = {
  _id: 'rp_once',
  title: '新人充50送20',
  payFen: 5_000,
  bonusFen: 2_000,
  perMemberLimit: 1,
  active: true,
  sort: 2,
}
const OFF = {
  _id: 'rp_off',
  title: '已下架',
  payFen: 100,
  bonusFen: 0,
  perMemberLimit: 0,
  active: false,
  sort: 3,
}

beforeAll(async () => {
  t = await startOrderEmulator(RACE_POOL)
  insertSettings(t, [{ _id: 'shipping', baseFee: 0, freeOver: 0 }])
  insertSkus(t, [
    { id: 'big', price: 7_500, stock: 1000 },
    { id: 'small', price: 3_000, stock: 1000 },
  ])
  insertShoppers(t, [A, B, C, D, E, shopper(21), shopper(22), shopper(23)])
  t.emu.db.insertMany('admins', [{ _id: ADMIN, roles: ['finance'], active: true }])
  t.emu.db.insertMany(
    'rechargePackages',
    [PKG, ONCE, OFF].map((p) => ({ ...p, createdAt: 0, updatedAt: 0 })),
  )
})
afterAll(() => t?.stop())

interface Wallet {
  balance: number
  bonus: number
  frozen: number
  seq: number
}
interface Recharge {
  _id: string
  status: string
  payFen: number
  bonusFen: number
  paidAt?: number
}
const wallet = (o: string) => t.find<Wallet>('wallets', { _id: o })[0]
const recharge = (id: string) => t.find<Recharge>('recharges', { _id: id })[0]!
const entries = (o: string) =>
  t.find<{ _id: string; amount: number; bonusAmount: number; kind: string }>('ledger', { walletId: o })
const notify = (event: unknown, source = 'wx_paycallback') =>
  t.invoke('rechargeNotify', event, { openid: A, source }) as Promise<{ errcode: number; errmsg: string }>
const cron = () => t.invoke('cron', {}, { triggerSrc: 'timer' }) as Promise<{ jobs: Record<string, unknown> }>

async function create(who: string, packageId = PKG._id, requestId = rid()) {
  return ok(await t.callAs(who, 'wallet.recharge.create', { packageId, requestId }))
}

function expectCreditedOnce(who: string, id: string, pkg: { payFen: number; bonusFen: number }) {
  expect(recharge(id).status).toBe('paid')
  const mine = entries(who).filter((e) => e._id.endsWith(id))
  expect(mine.map((e) => e._id).sort()).toEqual([`rc_${id}`, `rcb_${id}`])
  expect(mine.find((e) => e.kind === 'recharge')).toMatchObject({ amount: pkg.payFen, bonusAmount: 0 })
  expect(mine.find((e) => e.kind === 'bonus')).toMatchObject({
    amount: pkg.bonusFen,
    bonusAmount: pkg.bonusFen,
  })
  const w = wallet(who)
  const all = entries(who)
  expect(w.balance).toBe(all.reduce((n, e) => n + e.amount, 0))
  expect(w.bonus).toBe(all.reduce((n, e) => n + e.bonusAmount, 0))
}

test('packages: only active ones, by sort, with what the caller may still buy', async () => {
  const res = ok(await t.callAs(A, 'wallet.recharge.packages', {}))
  expect(res.items.map((p) => p.id)).toEqual(['rp_100', 'rp_once'])
  expect(res.items[0]).toEqual({
    id: 'rp_100',
    title: '充100送10',
    payFen: 10_000,
    bonusFen: 1_000,
    perMemberLimit: 0,
    remaining: null,
  })
  expect(res.items[1]!.remaining).toBe(1)
  const off = await t.callAs(A, 'wallet.recharge.create', { packageId: OFF._id, requestId: rid() })
  expect(off.ok ? '' : off.code).toBe('RECHARGE_PACKAGE_UNAVAILABLE')
  const none = await t.callAs(A, 'wallet.recharge.create', { packageId: 'rp_nosuch', requestId: rid() })
  expect(none.ok ? '' : none.code).toBe('RECHARGE_PACKAGE_UNAVAILABLE')
})

test('create: a trade for the package price naming rechargeNotify, idempotent by requestId', async () => {
  const requestId = rid()
  const r = await create(A, PKG._id, requestId)
  expect(r).toMatchObject({ status: 'pending', payFen: 10_000, bonusFen: 1_000, paidAt: null })
  expect(r.payment?.package).toMatch(/^prepay_id=/)
  expect(r.cashierPath).toMatch(/^\/__pay\/cashier\?prepayId=/)
  const trade = t.emu.pay.order(r.id)!
  expect(trade.totalFee).toBe(10_000)
  expect(trade.functionName).toBe('rechargeNotify')
  const again = await create(A, PKG._id, requestId)
  expect(again.id).toBe(r.id)
  expect(again.payment?.package).toBe(r.payment?.package)
  expect(t.find('recharges', { openid: A })).toHaveLength(1)
  // another shopper cannot see it
  const other = await t.callAs(B, 'wallet.recharge.status', { id: r.id })
  expect(other.ok ? '' : other.code).toBe('RECHARGE_NOT_FOUND')
})

test('callback x5 in a row -> principal and bonus credited once, every answer errcode 0', async () => {
  const r = await create(B)
  t.emu.pay.setSwitches({ deliverTimes: 5, concurrent: false, drop: false, delayMs: 0 })
  t.emu.pay.pay(r.id)
  await t.emu.pay.flush()
  expect(t.emu.pay.order(r.id)?.deliveries[0]?.status).toBe('delivered')
  expectCreditedOnce(B, r.id, PKG)
  for (let i = 0; i < 5; i++) expect((await notify(payEvent(r.id, PKG.payFen))).errcode).toBe(0)
  expectCreditedOnce(B, r.id, PKG)
  expect(wallet(B)).toMatchObject({ balance: 11_000, bonus: 1_000, frozen: 0 })
  expect(ok(await t.callAs(B, 'wallet.recharge.status', { id: r.id }))).toMatchObject({
    status: 'paid',
    statusLabel: '已到账',
  })
  t.emu.pay.setSwitches({ deliverTimes: 1 })
})

test('callback x5 at once -> credited once, every answer errcode 0', async () => {
  const r = await create(C)
  t.emu.pay.setSwitches({ deliverTimes: 5, concurrent: true })
  t.emu.pay.pay(r.id)
  await t.emu.pay.flush()
  expectCreditedOnce(C, r.id, PKG)
  const answers = await Promise.all(Array.from({ length: 5 }, () => notify(payEvent(r.id, PKG.payFen))))
  expect(answers.map((a) => a.errcode)).toEqual([0, 0, 0, 0, 0])
  expectCreditedOnce(C, r.id, PKG)
  expect(wallet(C)).toMatchObject({ balance: 11_000, bonus: 1_000 })
  t.emu.pay.setSwitches({ deliverTimes: 1, concurrent: false })
})

test('forged callbacks change nothing: client source, unpaid trade, unknown recharge, an order trade', async () => {
  const r = await create(D)
  const before = JSON.stringify([recharge(r.id), wallet(D) ?? null])
  expect((await notify(payEvent(r.id, PKG.payFen), 'wx_client')).errcode).toBe(403)
  expect((await notify(payEvent(r.id, PKG.payFen))).errcode).not.toBe(0)
  expect((await notify(payEvent('rc000000000000000000000000', 1))).errcode).toBe(0)
  expect((await notify(payEvent('o000000000000000000000000', 1))).errcode).toBe(0)
  expect(JSON.stringify([recharge(r.id), wallet(D) ?? null])).toBe(before)
  expect(t.find('recharges', { _id: 'rc000000000000000000000000' })).toHaveLength(0)
})

test('lost callback: the status action credits; another is credited by the cron poll', async () => {
  t.emu.pay.setSwitches({ drop: true })
  const r1 = await create(D)
  t.emu.pay.pay(r1.id)
  await t.emu.pay.flush()
  expect(recharge(r1.id).status).toBe('pending')
  expect(ok(await t.callAs(D, 'wallet.recharge.status', { id: r1.id })).status).toBe('paid')
  expectCreditedOnce(D, r1.id, PKG)

  const r2 = await create(D)
  t.emu.pay.pay(r2.id)
  await t.emu.pay.flush()
  t.emu.pay.setSwitches({ drop: false })
  expect(recharge(r2.id).status).toBe('pending')
  t.emu.clock.advance(2 * MINUTE)
  const run = await cron()
  expect(run.jobs.pollRecharges).toBeGreaterThanOrEqual(1)
  expectCreditedOnce(D, r2.id, PKG)
  // the forged one of the previous test is still pending and unpaid: left alone until it expires
  expect(t.find<Recharge>('recharges', { openid: D, status: 'pending' })).toHaveLength(1)
})

test('unpaid recharges are closed after the trade expires; a closed one cannot be paid', async () => {
  const r = await create(E)
  t.emu.clock.advance(31 * MINUTE)
  await cron()
  expect(recharge(r.id).status).toBe('closed')
  expect(t.emu.pay.order(r.id)?.state).toBe('CLOSED')
  expect(wallet(E)).toBeUndefined()
  expect(ok(await t.callAs(E, 'wallet.recharge.status', { id: r.id })).statusLabel).toBe('已关闭')
})

test('per-member limit: 5 concurrent buys of a once-only package -> one; closed frees it, paid does not', async () => {
  const who = shopper(21)
  const results = await Promise.all(
    Array.from({ length: 5 }, () =>
      t.callAs(who, 'wallet.recharge.create', { packageId: ONCE._id, requestId: rid() }),
    ),
  )
  expect(results.filter((r) => r.ok)).toHaveLength(1)
  expect(new Set(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code)))).toEqual(
    new Set(['RECHARGE_LIMIT_REACHED']),
  )
  expect(ok(await t.callAs(who, 'wallet.recharge.packages', {})).items[1]!.remaining).toBe(0)
  // the pending one expires unpaid: the member may buy it again
  t.emu.clock.advance(31 * MINUTE)
  await cron()
  expect(ok(await t.callAs(who, 'wallet.recharge.packages', {})).items[1]!.remaining).toBe(1)
  const r = await create(who, ONCE._id)
  t.emu.pay.pay(r.id)
  await t.emu.pay.flush()
  expectCreditedOnce(who, r.id, ONCE)
  const more = await t.callAs(who, 'wallet.recharge.create', { packageId: ONCE._id, requestId: rid() })
  expect(more.ok ? '' : more.code).toBe('RECHARGE_LIMIT_REACHED')
  expect(t.find('rechargeQuota', { _id: `${who}_${ONCE._id}` })).toEqual([
    expect.objectContaining({ used: 1 }),
  ])
})

test('amount mismatch: nothing credited, the recharge is an anomaly for finance', async () => {
  const who = shopper(22)
  const r = await create(who)
  // the record no longer matches what WeChat collected (a broken or hostile server)
  await sdkUpdate(t, 'recharges', r.id, { payFen: 20_000 })
  t.emu.pay.pay(r.id)
  await t.emu.pay.flush()
  expect(t.emu.pay.order(r.id)?.deliveries[0]?.status).toBe('delivered')
  expect(recharge(r.id).status).toBe('anomaly')
  expect(wallet(who)).toBeUndefined()
  expect(t.find('anomalies', { _id: `recharge_${r.id}` })).toEqual([
    expect.objectContaining({ kind: 'rechargeAmount', paidFee: 10_000, expected: 20_000 }),
  ])
  expect((await notify(payEvent(r.id, 10_000))).errcode).toBe(0)
  expect(wallet(who)).toBeUndefined()
})

test('balance payment spends principal first, bonus last; a cancel refunds into the same buckets', async () => {
  const who = shopper(23)
  const r = await create(who)
  t.emu.pay.pay(r.id)
  await t.emu.pay.flush()
  expect(wallet(who)).toMatchObject({ balance: 11_000, bonus: 1_000 })

  // 30.00 from principal only
  const small = await buyNow(t, who, 'small')
  ok(await t.callAs(who, 'pay.balance', { orderId: small }))
  expect(wallet(who)).toMatchObject({ balance: 8_000, bonus: 1_000 })
  expect(t.find('payments', { _id: `bal_${small}` })[0]).toMatchObject({ amount: 3_000, bonusAmount: 0 })

  // 75.00: the remaining 70.00 principal, then 5.00 of the bonus
  const big = await buyNow(t, who, 'big')
  const paid = ok(await t.callAs(who, 'pay.balance', { orderId: big }))
  expect(paid.balance).toBe(500)
  expect(wallet(who)).toMatchObject({ balance: 500, bonus: 500 })
  expect(t.find('ledger', { _id: `pay_${big}` })[0]).toMatchObject({ amount: -7_500, bonusAmount: -500 })
  expect(t.find('payments', { _id: `bal_${big}` })[0]).toMatchObject({ amount: 7_500, bonusAmount: 500 })
  const view = ok(await t.callAs(who, 'user.wallet', {}))
  expect(view).toMatchObject({ balance: 500, bonus: 500, frozen: 0, withdrawable: 0 })

  // cancelled: 75.00 back, 5.00 of it bonus (the part the payment took from the bonus)
  ok(await t.callAs(who, 'order.cancel', { orderId: big }))
  expect(t.find('refunds', { paymentId: `bal_${big}` })).toEqual([
    expect.objectContaining({ status: 'success' }),
  ])
  expect(wallet(who)).toMatchObject({ balance: 11_000 - 3_000, bonus: 1_000 })
  const refund = t.find<{ amount: number; bonusAmount: number }>('ledger', { kind: 'refund', walletId: who })
  expect(refund).toEqual([expect.objectContaining({ amount: 7_500, bonusAmount: 500 })])
  expect(t.find('payments', { _id: `bal_${big}` })[0]).toMatchObject({
    walletRefunded: 7_500,
    bonusRefunded: 500,
  })
  expect(ok(await t.callAs(who, 'user.wallet', {})).withdrawable).toBe(7_000)
})

test('user.wallet: history filters and a cursor through every entry', async () => {
  const who = shopper(23)
  const all = ok(await t.callAs(who, 'user.wallet', { limit: 50 }))
  expect(all.entries.map((e) => e.kind).sort()).toEqual(['bonus', 'pay', 'pay', 'recharge', 'refund'])
  expect(all.entries.find((e) => e.kind === 'bonus')).toMatchObject({ label: '充值赠送', bonusAmount: 1_000 })
  expect(all.cursor).toBeNull()
  const recharges = ok(await t.callAs(who, 'user.wallet', { filter: 'recharge' }))
  expect(recharges.entries.map((e) => e.kind).sort()).toEqual(['bonus', 'recharge'])
  expect(ok(await t.callAs(who, 'user.wallet', { filter: 'pay' })).entries).toHaveLength(2)
  expect(ok(await t.callAs(who, 'user.wallet', { filter: 'refund' })).entries).toHaveLength(1)
  expect(ok(await t.callAs(who, 'user.wallet', { filter: 'withdraw' })).entries).toHaveLength(0)
  const seen: string[] = []
  let cursor: string | undefined
  for (let i = 0; i < 10; i++) {
    const page = ok(await t.callAs(who, 'user.wallet', { limit: 2, ...(cursor ? { cursor } : {}) }))
    seen.push(...page.entries.map((e) => e.id))
    if (!page.cursor) break
    cursor = page.cursor
  }
  expect(seen).toEqual(all.entries.map((e) => e.id))
  const bad = await t.callAs(who, 'user.wallet', { cursor: 'nope' })
  expect(bad.ok ? '' : bad.code).toBe('INVALID_INPUT')
})

test('admin: packages CRUD for finance, refused to a shopper', async () => {
  const created = ok(
    await adminCall(t, ADMIN, 'admin.recharge.packages.save', {
      title: '充300送40',
      payFen: 30_000,
      bonusFen: 4_000,
      perMemberLimit: 3,
      active: true,
      sort: 5,
    }),
  )
  expect(created).toMatchObject({ title: '充300送40', payFen: 30_000, paidCount: 0 })
  const list = ok(await adminCall(t, ADMIN, 'admin.recharge.packages.list', {}))
  expect(list.items.map((p) => p.id)).toContain(created.id)
  expect(list.items.find((p) => p.id === PKG._id)!.paidCount).toBeGreaterThanOrEqual(4)
  const off = ok(
    await adminCall(t, ADMIN, 'admin.recharge.packages.save', {
      id: created.id,
      title: '充300送40',
      payFen: 30_000,
      bonusFen: 4_000,
      perMemberLimit: 3,
      active: false,
      sort: 5,
    }),
  )
  expect(off.active).toBe(false)
  expect(ok(await t.callAs(A, 'wallet.recharge.packages', {})).items.map((p) => p.id)).not.toContain(
    created.id,
  )
  expect(ok(await adminCall(t, ADMIN, 'admin.recharge.packages.remove', { id: created.id }))).toEqual({
    removed: 1,
  })
  const shopperTry = await adminCall(t, A, 'admin.recharge.packages.list', {})
  expect(shopperTry.ok ? '' : shopperTry.code).toBe('FORBIDDEN')
  const missing = await adminCall(t, ADMIN, 'admin.recharge.packages.save', {
    id: 'rp_nosuch',
    title: 'x',
    payFen: 1,
    bonusFen: 0,
    perMemberLimit: 0,
    active: true,
    sort: 0,
  })
  expect(missing.ok ? '' : missing.code).toBe('NOT_FOUND')
})

test('reconciliation checks the bonus bucket too', async () => {
  t.emu.db.insertMany('wallets', [
    { _id: 'w_bonus_bad', openid: 'w_bonus_bad', balance: 1_000, bonus: 400, frozen: 0, seq: 2 },
  ])
  t.emu.db.insertMany('ledger', [
    {
      _id: 'rc_x1',
      walletId: 'w_bonus_bad',
      openid: 'w_bonus_bad',
      amount: 800,
      bonusAmount: 0,
      kind: 'recharge',
      ref: 'x',
      at: 1,
      seq: 1,
    },
    {
      _id: 'rcb_x1',
      walletId: 'w_bonus_bad',
      openid: 'w_bonus_bad',
      amount: 200,
      bonusAmount: 200,
      kind: 'bonus',
      ref: 'x',
      at: 1,
      seq: 2,
    },
  ])
  t.emu.clock.advance(2 * 86_400_000)
  for (let i = 0; i < 5; i++) await cron()
  const bad = t.find<{ ledgerMismatch?: { bonus: number; bonusSum: number } }>('wallets', {
    _id: 'w_bonus_bad',
  })[0]!
  expect(bad.ledgerMismatch).toMatchObject({ bonus: 400, bonusSum: 200 })
  for (const who of [B, C, D, shopper(23)])
    expect(t.find<{ ledgerMismatch?: unknown }>('wallets', { _id: who })[0]!.ledgerMismatch).toBeUndefined()
})

test('admin: bad package input from finance is refused and changes nothing', async () => {
  const valid = {
    title: '充100送10',
    payFen: 10_000,
    bonusFen: 1_000,
    perMemberLimit: 0,
    active: true,
    sort: 1,
  }
  const before = JSON.stringify(t.find('rechargePackages', {}, { sort: { _id: 1 } }))
  for (const input of [
    { ...valid, payFen: 0 },
    { ...valid, payFen: -100 },
    { ...valid, payFen: 1.5 },
    { ...valid, bonusFen: 50_000_01 },
    { ...valid, title: '' },
    { ...valid, title: 'x'.repeat(31) },
    { ...valid, perMemberLimit: -1 },
    { ...valid, active: 'yes' },
    { ...valid, id: { $ne: null } },
    { ...valid, paidCount: 0 },
  ]) {
    const res = await adminCall(t, ADMIN, 'admin.recharge.packages.save', input)
    expect({ input, code: res.ok ? '' : res.code }).toEqual({ input, code: 'INVALID_INPUT' })
  }
  const rm = await adminCall(t, ADMIN, 'admin.recharge.packages.remove', { id: { $gt: '' } })
  expect(rm.ok ? '' : rm.code).toBe('INVALID_INPUT')
  expect(JSON.stringify(t.find('rechargePackages', {}, { sort: { _id: 1 } }))).toBe(before)
})
