/**
 * The crash-point sweep: every money flow is killed at each of its database writes, k = 1..K, right before
 * and right after the write (the emulator's fault switch SIGKILLs the function's process), then the world
 * is played forward (clock, WeChat Pay's callback retries, cron) until nothing is left to do, and every
 * invariant of money and stock must hold: stock conservation, captured = kept + refunded per payment, no
 * refund above what was paid, wallet and points ledgers equal their balances, every order in a state the
 * table allows with nothing pending. A flow added later joins `flows` below.
 */
import fs from 'node:fs'
import path from 'node:path'
import { ok } from '../helpers/emulator'
import { RACE_POOL, rid, sdkUpdate } from '../order/fixtures'
import { CONFIRM_WINDOW_MS } from '../../src/withdrawal/model'
import { hidePrepay, MINUTE, SHOPPERS, startWorld, type World } from './world'
import { insertShoppers, insertWallet } from '../order/fixtures'

let w: World
const [A] = SHOPPERS as [string]

beforeAll(async () => {
  w = await startWorld(RACE_POOL)
})
afterAll(() => w?.stop())

interface Flow {
  name: string
  /** the function whose invocation is crashed */
  fn: 'shop' | 'payNotify' | 'cron' | 'admin' | 'rechargeNotify' | 'transferNotify'
  /** the state right before the flow; returns what act needs */
  setup(): Promise<Record<string, string>>
  act(c: Record<string, string>): Promise<unknown>
  /** invariants of this flow beyond the world's, checked after every crash */
  check?(): string[]
}

const call = async (action: 'order.cancel' | 'pay.balance', orderId: string) =>
  w.t.callAs(A, action, { orderId })
const payAtWechat = async (outTradeNo: string) => {
  w.t.emu.pay.pay(outTradeNo)
  await w.t.emu.pay.flush()
}

/** A refund-only or return request on every line of a 2 tea + 1 cup order (coupon + points). */
const requestAll = async (orderId: string, type: 'refundOnly' | 'returnAndRefund') => {
  const res = ok(
    await w.t.callAs(A, 'aftersale.submit', {
      orderId,
      type,
      lines: [
        { skuId: 'tea', quantity: 2 },
        { skuId: 'cup', quantity: 1 },
      ],
      requestId: rid(),
      reason: '不想要了',
    }),
  )
  return res.id
}

const flows: Flow[] = [
  {
    name: 'recharge create (record, quota, WeChat trade)',
    fn: 'shop',
    setup: async () => ({ packageId: rechargePackage(), requestId: rid() }),
    act: (c) => w.t.callAs(A, 'wallet.recharge.create', { packageId: c.packageId!, requestId: c.requestId! }),
  },
  {
    name: 'recharge callback: principal and bonus credited once (rechargeNotify)',
    fn: 'rechargeNotify',
    setup: async () => ({ id: await openRecharge() }),
    act: (c) => payAtWechat(c.id!),
  },
  {
    name: 'recharge whose callback was lost, credited by the poller (cron)',
    fn: 'cron',
    setup: async () => {
      const id = await openRecharge()
      w.t.emu.pay.setSwitches({ drop: true })
      await payAtWechat(id)
      w.t.emu.pay.setSwitches({ drop: false })
      w.t.emu.clock.advance(2 * MINUTE)
      return { id }
    },
    act: () => w.cron(),
  },
  {
    name: 'submit (coupon + points, 2 lines)',
    fn: 'shop',
    setup: async () => {
      await w.fillCart(A)
      return {}
    },
    act: () => w.submit(A),
  },
  {
    name: 'WeChat settle (callback)',
    fn: 'payNotify',
    setup: async () => {
      const id = await w.place(A)
      return { id, trade: await w.prepay(A, id) }
    },
    act: (c) => payAtWechat(c.trade!),
  },
  {
    name: 'balance pay',
    fn: 'shop',
    setup: async () => ({ id: await w.place(A) }),
    act: (c) => call('pay.balance', c.id!),
  },
  {
    name: 'cancel of a WeChat-paid order',
    fn: 'shop',
    setup: async () => {
      const id = await w.place(A)
      await w.payWechat(A, id)
      return { id }
    },
    act: (c) => call('order.cancel', c.id!),
  },
  {
    name: 'cancel of a balance-paid order',
    fn: 'shop',
    setup: async () => {
      const id = await w.place(A)
      ok(await call('pay.balance', id))
      return { id }
    },
    act: (c) => call('order.cancel', c.id!),
  },
  {
    name: 'timeout close (cron)',
    fn: 'cron',
    setup: async () => {
      const id = await w.place(A)
      await w.prepay(A, id)
      w.t.emu.clock.advance(21 * MINUTE)
      return { id }
    },
    act: () => w.cron(),
  },
  {
    name: 'refund callback',
    fn: 'payNotify',
    setup: async () => {
      const id = await w.place(A)
      await w.payWechat(A, id)
      // the refund's callback comes a minute later, inside act
      w.t.emu.pay.setSwitches({ delayMs: MINUTE })
      ok(await call('order.cancel', id))
      w.t.emu.pay.setSwitches({ delayMs: 0 })
      return { id }
    },
    act: async () => {
      w.t.emu.clock.advance(MINUTE + 1000)
      await w.t.emu.pay.flush()
    },
  },
  {
    name: 'late payment after cancel',
    fn: 'payNotify',
    setup: async () => {
      const id = await w.place(A)
      const trade = await w.prepay(A, id)
      // cancelled within 5 minutes of the prepay: WeChat will not close the trade yet, it stays payable
      ok(await call('order.cancel', id))
      return { id, trade }
    },
    act: (c) => payAtWechat(c.trade!),
  },
  {
    name: 'double payment (balance, then the WeChat trade)',
    fn: 'payNotify',
    setup: async () => {
      const id = await w.place(A)
      const trade = await w.prepay(A, id)
      await hidePrepay(w, id)
      ok(await call('pay.balance', id))
      return { id, trade }
    },
    act: (c) => payAtWechat(c.trade!),
  },
  {
    name: 'after-sales request (shop)',
    fn: 'shop',
    setup: async () => {
      const id = await w.place(A)
      ok(await call('pay.balance', id))
      return { id }
    },
    act: (c) =>
      w.t.callAs(A, 'aftersale.submit', {
        orderId: c.id!,
        type: 'refundOnly',
        lines: [{ skuId: 'tea', quantity: 1 }],
        requestId: rid(),
        reason: '拍错/多拍',
      }),
  },
  {
    name: 'after-sales refund-only approved: wallet refund, stock back, order closes, coupon and points back',
    fn: 'admin',
    setup: async () => {
      const id = await w.place(A)
      ok(await call('pay.balance', id))
      return { as: await requestAll(id, 'refundOnly') }
    },
    act: (c) => w.admin('admin.aftersales.approve', { aftersaleId: c.as! }),
  },
  {
    name: 'after-sales return received: restock and WeChat refund',
    fn: 'admin',
    setup: async () => {
      const id = await w.place(A)
      await w.payWechat(A, id)
      await w.deliver(A, id, true)
      const as = await requestAll(id, 'returnAndRefund')
      ok((await w.admin('admin.aftersales.approve', { aftersaleId: as })) as never)
      ok(
        await w.t.callAs(A, 'aftersale.shipBack', {
          aftersaleId: as,
          carrier: '中通快递',
          trackingNo: 'ZT900001',
        }),
      )
      return { as }
    },
    act: (c) =>
      w.admin('admin.aftersales.receive', {
        aftersaleId: c.as!,
        lines: [
          { skuId: 'tea', fine: 1, damaged: 1 },
          { skuId: 'cup', fine: 1, damaged: 0 },
        ],
      }),
  },
  {
    name: 'after-sales WeChat refund callback: request refunded, order closes, coupon and points back',
    fn: 'payNotify',
    setup: async () => {
      const id = await w.place(A)
      await w.payWechat(A, id)
      const as = await requestAll(id, 'refundOnly')
      // the refund's callback comes a minute later, inside act
      w.t.emu.pay.setSwitches({ delayMs: MINUTE })
      ok((await w.admin('admin.aftersales.approve', { aftersaleId: as })) as never)
      w.t.emu.pay.setSwitches({ delayMs: 0 })
      return { as }
    },
    act: async () => {
      w.t.emu.clock.advance(MINUTE + 1000)
      await w.t.emu.pay.flush()
    },
  },
  {
    name: 'admin points adjustment (debit): entry and audit entry together',
    fn: 'admin',
    setup: async () => ({ requestId: rid() }),
    act: (c) =>
      w.admin('admin.members.adjustPoints', {
        openid: A,
        delta: -50,
        reason: '崩溃测试扣减积分',
        requestId: c.requestId!,
      }),
    check: () => adjustmentsAudited(),
  },
  {
    name: 'admin balance adjustment (bonus credit): entry and audit entry together',
    fn: 'admin',
    setup: async () => {
      if (!w.t.find('admins', { _id: SWEEP_FINANCE }).length)
        w.t.emu.db.insertMany('admins', [{ _id: SWEEP_FINANCE, roles: ['finance'], active: true }])
      return { requestId: rid() }
    },
    act: (c) =>
      w.t.invoke(
        'admin',
        {
          action: 'admin.members.adjustBalance',
          input: { openid: A, deltaFen: 500, reason: '崩溃测试补偿', requestId: c.requestId! },
        },
        { openid: SWEEP_FINANCE, source: 'wx_client' },
      ),
    check: () => adjustmentsAudited(),
  },
  {
    name: 'withdrawal request: pending, withdraw entry, frozen (shop)',
    fn: 'shop',
    setup: async () => (await withdrawSetup(), { requestId: rid() }),
    act: (c) => w.t.callAs(A, 'withdrawal.request', { amountFen: 100, requestId: c.requestId! }),
  },
  {
    name: 'withdrawal approve: approved, then the transfer bill (admin)',
    fn: 'admin',
    setup: async () => ({ id: await pendingWithdrawal() }),
    act: (c) => wdAdmin('admin.withdrawals.approve', { id: c.id! }),
  },
  {
    name: 'withdrawal reject: reversal entry, unfrozen (admin)',
    fn: 'admin',
    setup: async () => ({ id: await pendingWithdrawal() }),
    act: (c) => wdAdmin('admin.withdrawals.reject', { id: c.id!, reason: '崩溃测试驳回' }),
  },
  {
    name: 'withdrawal paid by the transfer notification (transferNotify)',
    fn: 'transferNotify',
    setup: async () => ({ id: await payingWithdrawal() }),
    act: async (c) => {
      w.t.emu.transfer.confirm(c.id!)
      await w.t.emu.transfer.flush()
    },
  },
  {
    name: 'withdrawal unconfirmed for 24 h, its notification lost (cron): returned, reversal entry, unfrozen',
    fn: 'cron',
    setup: async () => ({ id: await expiringWithdrawal() }),
    act: async () => {
      try {
        await w.cron()
      } finally {
        w.t.emu.transfer.setSwitches({ drop: false })
      }
    },
  },
  {
    name: 'order completes (cron): points and growth earned once, level recomputed, level-up step',
    fn: 'cron',
    setup: async () => ({ id: await receivedOrderOfNewMember() }),
    act: () => w.cron(),
  },
  {
    name: "points expiry (cron, first minute of the next-next year): the year's FIFO remainder, once",
    fn: 'cron',
    setup: async () => {
      // members who earned in the same year would expire in the same run: let their year pass first
      const dues = w.t
        .find<{ pointsExpiryDue?: number }>('users', { pointsExpiryDue: { $exists: true } })
        .map((u) => u.pointsExpiryDue!)
      if (dues.length) {
        w.t.emu.clock.set(Math.max(w.t.emu.clock.now(), Math.max(...dues) + MINUTE))
        await w.recover()
      }
      const id = await receivedOrderOfNewMember()
      await w.cron()
      const o = w.t.find<{ openid: string }>('orders', { _id: id })[0]!
      const due = w.t.find<{ pointsExpiryDue: number }>('users', { _id: o.openid })[0]!.pointsExpiryDue
      // the world's other daily work (reconciliation, auto-receipts) done before the year turns
      w.t.emu.clock.set(Math.max(w.t.emu.clock.now(), due - 60 * MINUTE))
      await w.recover()
      await quiet()
      w.t.emu.clock.set(Math.max(w.t.emu.clock.now(), due + MINUTE))
      return { id }
    },
    act: () => w.cron(),
  },
]

/** Levels every new member reaches with its first order (growth 1): each completion moves a level. */
const LOYALTY_RULES = {
  levels: [
    { level: 0, name: '普通会员', growth: 0, pointsMultiplier: 1000 },
    { level: 1, name: '银卡会员', growth: 1, pointsMultiplier: 1500 },
  ],
  pointsPerYuan: 1,
  growthPerYuan: 1,
}
let members = 0
/** A new member (wallet, no points) with a received order, a minute before it auto-completes. */
async function receivedOrderOfNewMember(): Promise<string> {
  if (!w.t.find('settings', { _id: 'member' }).length)
    w.t.emu.db.insertMany('settings', [{ _id: 'member', ...LOYALTY_RULES }])
  else if (!w.t.find<{ levels?: unknown }>('settings', { _id: 'member' })[0]!.levels)
    await sdkUpdate(w.t, 'settings', 'member', LOYALTY_RULES)
  const openid = `o_test_world_member_${++members}`
  insertShoppers(w.t, [openid])
  insertWallet(w.t, openid, 1_000_000)
  const id = await w.place(openid, { coupon: false, points: false })
  ok(await w.t.callAs(openid, 'pay.balance', { orderId: id }))
  await w.deliver(openid, id, true)
  const receivedAt = w.t.find<{ receivedAt: number }>('orders', { _id: id })[0]!.receivedAt
  // the days pass and the world does its daily work (reconciliation, other orders) before act
  w.t.emu.clock.set(Math.max(w.t.emu.clock.now(), receivedAt + 7 * 24 * 60 * MINUTE - 60 * MINUTE))
  await w.recover()
  await quiet()
  w.t.emu.clock.set(Math.max(w.t.emu.clock.now(), receivedAt + 7 * 24 * 60 * MINUTE + MINUTE))
  return id
}

/**
 * Runs the cron until a run writes nothing: after a jump of days, the daily work (reconciliation of every
 * owner, orders auto-received and completed) is done before act, so act's writes are the flow's own and
 * the same in every repetition.
 */
async function quiet(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const before = new Set(w.t.emu.functions.log().map((e) => e.requestId))
    await w.cron()
    const mine = w.t.emu.functions.log().filter((e) => e.function === 'cron' && !before.has(e.requestId))
    if (mine.every((e) => w.t.emu.faults.writes(e.requestId) === 0)) return
  }
}

const WD_FINANCE = 'o_test_world_wd_finance'
/** Withdrawal limits out of the way of the sweep's many requests, and a finance admin. */
async function withdrawSetup(): Promise<void> {
  if (!w.t.find('admins', { _id: WD_FINANCE }).length)
    w.t.emu.db.insertMany('admins', [{ _id: WD_FINANCE, roles: ['finance'], active: true }])
  const limits = { minFen: 100, dailyCount: 100_000, dailyMaxFen: 1_000_000_000 }
  if (!w.t.find('settings', { _id: 'member' }).length)
    w.t.emu.db.insertMany('settings', [{ _id: 'member', withdraw: limits }])
  else await sdkUpdate(w.t, 'settings', 'member', { withdraw: limits })
}
const wdAdmin = (action: string, input: object) =>
  w.t.invoke('admin', { action, input }, { openid: WD_FINANCE, source: 'wx_client' })
async function pendingWithdrawal(): Promise<string> {
  await withdrawSetup()
  return ok(await w.t.callAs(A, 'withdrawal.request', { amountFen: 100, requestId: rid() })).id
}
/** Approved, its bill waiting for A's confirmation. */
async function payingWithdrawal(): Promise<string> {
  const id = await pendingWithdrawal()
  await wdAdmin('admin.withdrawals.approve', { id })
  return id
}

/**
 * A paying withdrawal a minute past its 24 h confirmation window, with nothing else due: the other
 * waiting bills expired first, and the world's daily work (each owner's ledger check comes due a day after
 * the last) done up to a minute before, so act's writes are this bill's alone.
 */
async function expiringWithdrawal(): Promise<string> {
  const dueOf = (x: { bill?: { createdAt: number } }) => x.bill!.createdAt + CONFIRM_WINDOW_MS
  const waiting = w.t.find<{ bill?: { createdAt: number } }>('withdrawals', { status: 'paying' })
  if (waiting.length) {
    w.t.emu.clock.set(Math.max(w.t.emu.clock.now(), ...waiting.map(dueOf)) + MINUTE)
    await w.recover()
  }
  // a minute with no cron: whatever the last run checked comes due a minute before this bill does
  w.t.emu.clock.advance(MINUTE)
  const id = await payingWithdrawal()
  const due = dueOf(w.t.find<{ bill?: { createdAt: number } }>('withdrawals', { _id: id })[0]!)
  w.t.emu.clock.set(Math.max(w.t.emu.clock.now(), due - 60 * MINUTE))
  await w.recover()
  await quiet()
  w.t.emu.clock.set(Math.max(w.t.emu.clock.now(), due - MINUTE))
  await quiet()
  // WeChat closes the bill itself when the clock passes the window; its notification racing act's cron
  // would make act's writes vary, so it is lost and the cron's poll alone brings the money back
  w.t.emu.transfer.setSwitches({ drop: true })
  w.t.emu.clock.set(Math.max(w.t.emu.clock.now(), due + MINUTE))
  return id
}

const SWEEP_FINANCE = 'o_test_world_finance'
/** Every adjustment entry (points or wallet) has its audit entry and every audit entry its ledger entry. */
function adjustmentsAudited(): string[] {
  const entries = [
    ...w.t.find<{ _id: string }>('pointsLedger', { kind: 'adjust' }),
    ...w.t.find<{ _id: string }>('ledger', { kind: 'adjust' }),
  ].map((e) => e._id)
  const audits = w.t.find<{ entryId: string }>('auditLog', { kind: 'member.adjust' }).map((a) => a.entryId)
  return [
    ...entries.filter((id) => !audits.includes(id)).map((id) => `adjustment ${id} without its audit entry`),
    ...audits
      .filter((id) => !entries.includes(id))
      .map((id) => `audit entry of ${id} without its ledger entry`),
  ]
}

/** A recharge package (pay 100.00, get 10.00 bonus, unlimited) for the recharge flows. */
function rechargePackage(): string {
  if (!w.t.find('rechargePackages', { _id: 'rp_sweep' }).length)
    w.t.emu.db.insertMany('rechargePackages', [
      {
        _id: 'rp_sweep',
        title: '充100送10',
        payFen: 10_000,
        bonusFen: 1_000,
        perMemberLimit: 0,
        active: true,
        sort: 1,
      },
    ])
  return 'rp_sweep'
}
/** A pending recharge of A with its WeChat trade open. */
async function openRecharge(): Promise<string> {
  const input = { packageId: rechargePackage(), requestId: rid() }
  return ok(await w.t.callAs(A, 'wallet.recharge.create', input)).id
}

/** The largest number of database writes one invocation of `fn` made while `run` ran. */
async function writesOf(fn: string, run: () => Promise<unknown>): Promise<number> {
  const before = new Set(w.t.emu.functions.log().map((e) => e.requestId))
  await run()
  const mine = w.t.emu.functions.log().filter((e) => e.function === fn && !before.has(e.requestId))
  return Math.max(0, ...mine.map((e) => w.t.emu.faults.writes(e.requestId)))
}

const report: Array<{ flow: string; writes: number; crashes: number; violations: number; ms: number }> = []

test('the world starts consistent', async () => {
  await w.recover()
  expect(w.violations()).toEqual([])
})

test.each(flows.map((f) => [f.name, f] as const))(
  'crash before or after every write: %s',
  async (_name, f) => {
    const started = Date.now()
    const first = await f.setup()
    const K = await writesOf(f.fn, () => f.act(first))
    await w.recover()
    expect(K).toBeGreaterThan(0)
    const violations: string[] = []
    let crashes = 0
    for (let k = 1; k <= K; k++)
      for (const when of ['before', 'after'] as const) {
        const c = await f.setup()
        const fired = w.t.emu.faults.fired().length
        w.t.emu.faults.crash({ function: f.fn, write: k, when })
        await f.act(c).catch(() => undefined)
        w.t.emu.faults.clear()
        if (w.t.emu.faults.fired().length > fired) crashes++
        await w.recover()
        for (const v of [...w.violations(), ...(f.check?.() ?? [])])
          violations.push(`crash ${when} write ${k}: ${v}`)
      }
    report.push({ flow: f.name, writes: K, crashes, violations: violations.length, ms: Date.now() - started })
    expect(violations).toEqual([])
    expect(crashes).toBe(2 * K)
  },
  600_000,
)

afterAll(() => {
  const total = report.reduce((n, r) => n + r.crashes, 0)
  console.log(
    [`crash-point sweep: ${total} crash points over ${report.length} flows`]
      .concat(report.map((r) => `  ${r.flow}: ${r.writes} writes, ${r.crashes} crash points, ${r.ms} ms`))
      .join('\n'),
  )
  // for `npm run bench` and the closing note
  const out = path.resolve(__dirname, '..', '..', '..', 'bench', 'out')
  fs.mkdirSync(out, { recursive: true })
  fs.writeFileSync(path.join(out, 'crash-sweep.json'), JSON.stringify({ total, flows: report }, null, 2))
})
