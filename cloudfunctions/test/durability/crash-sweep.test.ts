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
import { RACE_POOL, rid } from '../order/fixtures'
import { hidePrepay, MINUTE, SHOPPERS, startWorld, type World } from './world'

let w: World
const [A] = SHOPPERS as [string]

beforeAll(async () => {
  w = await startWorld(RACE_POOL)
})
afterAll(() => w?.stop())

interface Flow {
  name: string
  /** the function whose invocation is crashed */
  fn: 'shop' | 'payNotify' | 'cron' | 'admin'
  /** the state right before the flow; returns what act needs */
  setup(): Promise<Record<string, string>>
  act(c: Record<string, string>): Promise<unknown>
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
]

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
        for (const v of w.violations()) violations.push(`crash ${when} write ${k}: ${v}`)
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
