/**
 * Withdrawals end to end: the real functions, the emulator's merchant-transfer sandbox over HTTP (signed
 * requests and answers through wechatpay-axios-plugin), notifications through the HTTP access service to
 * transferNotify, the cron poller, and the money conserved in every case.
 */
import { createSign, generateKeyPairSync } from 'node:crypto'
import type { Envelope } from '@mall/contract'
import { ok, type TestEmulator } from '../helpers/emulator'
import { adminCall, insertSettings, rid, shopper, RACE_POOL, startOrderEmulator } from '../order/fixtures'

let t: TestEmulator
const FINANCE = 'o_test_finance'
const OPERATOR = 'o_test_operator'

interface Wallet {
  balance: number
  bonus?: number
  frozen?: number
}
interface Withdrawal {
  _id: string
  openid: string
  amount: number
  status: string
  bill?: { state: string; packageInfo?: string }
}

/** A wallet of `principal + bonus`, opened by two ledger entries as the recharge flow writes them. */
function openWallet(openid: string, principal: number, bonus = 0) {
  t.emu.db.insertMany('wallets', [
    { _id: openid, openid, balance: principal + bonus, bonus, frozen: 0, seq: 2 },
  ])
  t.emu.db.insertMany('ledger', [
    {
      _id: `rc_${openid}`,
      walletId: openid,
      openid,
      amount: principal,
      bonusAmount: 0,
      kind: 'recharge',
      ref: 't',
      at: 1,
      seq: 1,
      balanceAfter: principal,
    },
    {
      _id: `rb_${openid}`,
      walletId: openid,
      openid,
      amount: bonus,
      bonusAmount: bonus,
      kind: 'bonus',
      ref: 't',
      at: 2,
      seq: 2,
      balanceAfter: principal + bonus,
    },
  ])
  return principal + bonus
}

const wallet = (o: string) => t.find<Wallet>('wallets', { _id: o })[0]!
const withdrawals = (o: string) => t.find<Withdrawal>('withdrawals', { openid: o })
const withdrawal = (id: string) => t.find<Withdrawal>('withdrawals', { _id: id })[0]!
const cron = () =>
  t.invoke('cron', {}, { triggerSrc: 'timer' }) as Promise<{ ok: boolean; jobs: Record<string, unknown> }>

/** balance + frozen + paid out == what was there; ledger sum == balance; frozen == open withdrawals. */
function expectConserved(o: string, initial: number) {
  const w = wallet(o)
  const all = withdrawals(o)
  const paid = all.filter((x) => x.status === 'paid').reduce((s, x) => s + x.amount, 0)
  const open = all
    .filter((x) => ['pending', 'approved', 'paying'].includes(x.status))
    .reduce((s, x) => s + x.amount, 0)
  expect(w.balance + (w.frozen ?? 0) + paid).toBe(initial)
  expect(w.frozen ?? 0).toBe(open)
  const ledger = t.find<{ amount: number }>('ledger', { walletId: o })
  expect(ledger.reduce((s, e) => s + e.amount, 0)).toBe(w.balance)
  for (const x of all.filter((y) => y.status === 'paid'))
    expect(t.emu.transfer.bill(x._id)?.state).toBe('SUCCESS')
}

async function request(o: string, amountFen: number, requestId = rid()) {
  return t.callAs(o, 'withdrawal.request', { amountFen, requestId })
}
const approve = (id: string) => adminCall(t, FINANCE, 'admin.withdrawals.approve', { id })
const reject = (id: string, reason: string) =>
  adminCall(t, FINANCE, 'admin.withdrawals.reject', { id, reason })
const STATE_INVALID = { ok: false, code: 'WITHDRAWAL_STATE_INVALID' }

/** Shopper `n` with a wallet of `principal`, one request of `amountFen` that finance has approved. */
async function approvedRequest(n: number, amountFen: number, principal = 9000) {
  const S = shopper(n)
  const initial = openWallet(S, principal)
  const w = ok(await request(S, amountFen))
  ok(await approve(w.id))
  return { S, initial, w }
}

/** The shopper confirms in the sandbox and its notifications (as the switches shape them) are delivered. */
async function confirmAndNotify(id: string) {
  t.emu.transfer.confirm(id)
  await t.emu.transfer.flush()
}

/** Nothing is frozen and the wallet holds `balance`, with the money conserved. */
function expectSettled(o: string, initial: number, balance = initial) {
  expect(wallet(o)).toMatchObject({ balance, frozen: 0 })
  expectConserved(o, initial)
}

/** The shopper taps 确认收款 on the h5 confirm page (what wx.requestMerchantTransfer does on a phone). */
async function confirmOnPage(o: string, id: string) {
  const c = ok(await t.callAs(o, 'withdrawal.confirm', { id }))
  const page = await fetch(`${t.emu.url}${c.confirmUrl}`)
  expect(await page.text()).toContain('确认收款')
  const res = await fetch(`${t.emu.url}/__transfer/confirm/accept`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      package: c.package,
      redirect: '/#/packages/wallet/withdraw/index',
    }).toString(),
    redirect: 'manual',
  })
  expect(res.status).toBe(303)
  expect(res.headers.get('location')).toContain('transferResult=ok')
  return c
}

beforeAll(async () => {
  t = await startOrderEmulator(RACE_POOL)
  t.emu.db.insertMany('admins', [
    { _id: FINANCE, roles: ['finance'], active: true },
    { _id: OPERATOR, roles: ['operator'], active: true },
  ])
  insertSettings(t, [{ _id: 'member', withdraw: { minFen: 100, dailyMaxFen: 500_000, dailyCount: 3 } }])
})
afterAll(() => t?.stop())
afterEach(() => {
  t.emu.transfer.setSwitches({
    drop: false,
    deliverTimes: 1,
    concurrent: false,
    failNext: false,
    acceptedFirst: false,
  })
})

test('happy path: request freezes, finance approves, the shopper confirms, the notification pays it out', async () => {
  const S = shopper(1)
  const initial = openWallet(S, 8000, 2000)
  const opts = ok(await t.callAs(S, 'withdrawal.options', {}))
  expect(opts).toMatchObject({
    balance: 10_000,
    bonus: 2000,
    withdrawable: 8000,
    minFen: 100,
    dailyCount: 3,
    todayCount: 0,
  })

  const w = ok(await request(S, 5000))
  expect(w).toMatchObject({ status: 'pending', amount: 5000, canCancel: true, canConfirm: false })
  expect(wallet(S)).toMatchObject({ balance: 5000, frozen: 5000, bonus: 2000 })
  expect(t.find('ledger', { _id: `wd_${w.id}` })).toEqual([
    expect.objectContaining({ amount: -5000, kind: 'withdraw', bonusAmount: 0 }),
  ])
  expectConserved(S, initial)

  // only finance (or the owner) sees the queue
  const refused = await adminCall(t, OPERATOR, 'admin.withdrawals.list', { status: 'pending' })
  expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  const queue = ok(await adminCall(t, FINANCE, 'admin.withdrawals.list', { status: 'pending' }))
  expect(queue.items.map((i) => i.id)).toContain(w.id)

  const approved = ok(await approve(w.id))
  expect(approved).toMatchObject({ status: 'paying', billState: 'WAIT_USER_CONFIRM', approvedBy: FINANCE })
  const bill = t.emu.transfer.bill(w.id)!
  expect(bill).toMatchObject({
    outBillNo: w.id,
    amount: 5000,
    openid: S,
    state: 'WAIT_USER_CONFIRM',
    sceneId: '1000',
  })
  expect(bill.notifyUrl).toBe(`${t.emu.url}/__http/transferNotify`)

  const c = await confirmOnPage(S, w.id)
  expect(c).toMatchObject({ mchId: t.emu.transfer.mchid, openId: S, package: bill.packageInfo })
  await t.emu.transfer.flush()

  expect(withdrawal(w.id).status).toBe('paid')
  expect(wallet(S)).toMatchObject({ balance: 5000, frozen: 0 })
  expect(t.emu.transfer.bill(w.id)!.deliveries).toEqual([
    expect.objectContaining({ status: 'delivered', state: 'SUCCESS' }),
  ])
  const mine = ok(await t.callAs(S, 'withdrawal.list', {}))
  expect(mine.items[0]).toMatchObject({ id: w.id, status: 'paid', statusLabel: '已到账' })
  expectConserved(S, initial)
})

test('limits: bonus is never withdrawable, minimum, daily count; the same requestId answers the same request', async () => {
  const S = shopper(2)
  const initial = openWallet(S, 3000, 5000)
  expect(await request(S, 3001)).toMatchObject({ ok: false, code: 'WITHDRAW_EXCEEDS_AVAILABLE' })
  expect(await request(S, 99)).toMatchObject({ ok: false, code: 'WITHDRAW_BELOW_MIN' })
  const id = rid()
  const a = ok(await request(S, 500, id))
  const b = ok(await request(S, 500, id))
  expect(b.id).toBe(a.id)
  ok(await request(S, 500))
  ok(await request(S, 500))
  expect(await request(S, 500)).toMatchObject({ ok: false, code: 'WITHDRAW_DAILY_LIMIT' })
  // a withdrawn request no longer counts against today's limit
  ok(await t.callAs(S, 'withdrawal.cancel', { id: a.id }))
  expect(withdrawal(a.id).status).toBe('cancelled')
  ok(await request(S, 500))
  expect(wallet(S)).toMatchObject({ balance: 8000 - 1500, frozen: 1500, bonus: 5000 })
  expectConserved(S, initial)
})

test('two concurrent requests exceeding the withdrawable amount: one is refused', async () => {
  const S = shopper(3)
  const initial = openWallet(S, 6000)
  const rs = await Promise.all([request(S, 4000), request(S, 4000)])
  expect(rs.filter((r) => r.ok)).toHaveLength(1)
  expect(rs.filter((r) => !r.ok)).toEqual([expect.objectContaining({ code: 'WITHDRAW_EXCEEDS_AVAILABLE' })])
  expect(wallet(S)).toMatchObject({ balance: 2000, frozen: 4000 })
  expectConserved(S, initial)
})

test('approving twice at once makes one bill; reject is refused once paid out', async () => {
  const S = shopper(4)
  const initial = openWallet(S, 9000)
  const w = ok(await request(S, 3000))
  const rs = await Promise.all([approve(w.id), approve(w.id), approve(w.id)])
  for (const r of rs) expect(r.ok).toBe(true)
  expect(t.emu.transfer.bills().filter((b) => b.openid === S)).toHaveLength(1)
  expect(withdrawal(w.id).status).toBe('paying')
  expect(await reject(w.id, '测试')).toMatchObject(STATE_INVALID)

  await confirmAndNotify(w.id)
  expect(withdrawal(w.id).status).toBe('paid')
  expect(await reject(w.id, '测试')).toMatchObject(STATE_INVALID)
  expect(await t.callAs(S, 'withdrawal.cancel', { id: w.id })).toMatchObject(STATE_INVALID)
  expectConserved(S, initial)
})

test('reject with a reason returns the money at once; concurrent reject and approve: exactly one wins', async () => {
  const S = shopper(5)
  const initial = openWallet(S, 9000)
  const w = ok(await request(S, 2000))
  const r = ok(await reject(w.id, '账户信息待核实'))
  expect(r).toMatchObject({ status: 'rejected', rejectReason: '账户信息待核实' })
  expect(wallet(S)).toMatchObject({ balance: 9000, frozen: 0 })
  expect(t.find('ledger', { _id: `wdr_${w.id}` })).toEqual([
    expect.objectContaining({ amount: 2000, kind: 'withdrawReversal' }),
  ])
  expect(await approve(w.id)).toMatchObject(STATE_INVALID)

  const w2 = ok(await request(S, 1000))
  const [a, b] = await Promise.all([approve(w2.id), reject(w2.id, '重复申请')])
  expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
  const status = withdrawal(w2.id).status
  expect(a.ok ? status === 'paying' : status === 'rejected').toBe(true)
  expect(t.emu.transfer.bill(w2.id) !== undefined).toBe(a.ok)
  expectConserved(S, initial)
})

test('notifications: a forged one changes nothing; delivered five times at once, paid once', async () => {
  const { S, initial, w } = await approvedRequest(6, 3000)

  // signed with some other key, claiming success
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const body = JSON.stringify({
    id: 'x',
    event_type: 'MCHTRANSFER.BILL.FINISHED',
    resource: {
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: 'AAAA',
      nonce: 'abcdefabcdef',
      associated_data: 'mch_payment',
    },
  })
  const ts = String(Math.floor(Date.now() / 1000))
  const forged = await fetch(`${t.emu.url}/__http/transferNotify`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'Wechatpay-Timestamp': ts,
      'Wechatpay-Nonce': 'n1',
      'Wechatpay-Serial': 'PUB_KEY_ID_0119000001092026120200DEV000001',
      'Wechatpay-Signature': createSign('RSA-SHA256')
        .update(`${ts}\nn1\n${body}\n`)
        .sign(privateKey, 'base64'),
    },
    body,
  })
  expect(forged.status).toBe(401)
  const unsigned = await fetch(`${t.emu.url}/__http/transferNotify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  })
  expect(unsigned.status).toBe(401)
  // a mini-program invoking the function directly is not a notification
  expect(await t.invoke('transferNotify', { body }, { openid: S, source: 'wx_client' })).toMatchObject({
    statusCode: 403,
  })
  expect(withdrawal(w.id).status).toBe('paying')

  t.emu.transfer.setSwitches({ deliverTimes: 5, concurrent: true })
  await confirmAndNotify(w.id)
  expect(withdrawal(w.id).status).toBe('paid')
  expect(t.find('ledger', { ref: w.id })).toHaveLength(1)
  expectSettled(S, initial, 6000)
})

test('a lost notification: the cron poller finishes the bill', async () => {
  const { S, initial, w } = await approvedRequest(7, 1500)
  t.emu.transfer.setSwitches({ drop: true })
  await confirmAndNotify(w.id)
  expect(t.emu.transfer.bill(w.id)!.state).toBe('SUCCESS')
  expect(withdrawal(w.id).status).toBe('paying')
  t.emu.clock.advance(6 * 60_000)
  const r = await cron()
  expect(r.jobs.withdrawals).toBeGreaterThanOrEqual(1)
  expect(withdrawal(w.id).status).toBe('paid')
  expectConserved(S, initial)
})

test('a failed transfer returns the money (reversal entry once)', async () => {
  const { S, initial, w } = await approvedRequest(8, 2500)
  t.emu.transfer.setSwitches({ failNext: true, deliverTimes: 3 })
  await confirmAndNotify(w.id)
  expect(withdrawal(w.id)).toMatchObject({ status: 'returned', returnReason: '收款账户异常' })
  expect(t.find('ledger', { _id: `wdr_${w.id}` })).toHaveLength(1)
  expectSettled(S, initial)
})

test('a bill answered ACCEPTED first stays approved until the poller sees it waiting for the shopper', async () => {
  const S = shopper(9)
  const initial = openWallet(S, 9000)
  t.emu.transfer.setSwitches({ acceptedFirst: true })
  const w = ok(await request(S, 1200))
  expect(ok(await approve(w.id))).toMatchObject({
    status: 'approved',
    billState: 'ACCEPTED',
    canConfirm: false,
  })
  expect(await t.callAs(S, 'withdrawal.confirm', { id: w.id })).toMatchObject(STATE_INVALID)
  t.emu.clock.advance(2 * 60_000)
  await cron()
  expect(withdrawal(w.id)).toMatchObject({
    status: 'paying',
    bill: expect.objectContaining({ state: 'WAIT_USER_CONFIRM' }),
  })
  expectConserved(S, initial)
})

test('an unconfirmed bill expires after 24 h: cancelled at WeChat and the money returns', async () => {
  const { S, initial, w } = await approvedRequest(10, 4000)
  const view = ok(await t.callAs(S, 'withdrawal.list', {})).items[0]!
  expect(view.confirmBy).toBeGreaterThan(Date.now())
  t.emu.clock.advance(24 * 3600_000 + 60_000)
  await cron()
  expect(withdrawal(w.id)).toMatchObject({ status: 'returned', returnReason: '超过24小时未确认收款' })
  expect(t.emu.transfer.bill(w.id)!.state).toBe('CANCELLED')
  expectSettled(S, initial)
})

test('hostile ids and other shoppers\u2019 withdrawals are refused', async () => {
  const S = shopper(11)
  openWallet(S, 1000)
  const w = ok(await request(S, 500))
  const other = shopper(12)
  const notFound = { ok: false, code: 'WITHDRAWAL_NOT_FOUND' }
  expect(await t.callAs(other, 'withdrawal.cancel', { id: w.id })).toMatchObject(notFound)
  expect(await t.callAs(other, 'withdrawal.confirm', { id: w.id })).toMatchObject(notFound)
  const bad = (await t.callAs(S, 'withdrawal.cancel', { id: { $ne: 'x' } })) as Envelope<unknown>
  expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
  expect(await request(other, 500)).toMatchObject({ ok: false, code: 'WITHDRAW_EXCEEDS_AVAILABLE' })
})
