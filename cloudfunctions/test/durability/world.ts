/**
 * A small shop for the durability tests: SKUs with known initial stock, shoppers with wallets and points
 * (both as ledgers), fresh coupons on demand; `recover()` plays the world forward (clock, pay callbacks,
 * cron) until nothing is left to do, and `violations()` checks every invariant of money and stock over the
 * whole database, whatever the flows did before.
 */
import { defaultMemberRules, levelForGrowth, orderStatuses, type MemberLevel } from '@mall/domain'
import { ok, type TestEmulator } from '../helpers/emulator'
import { insertShoppers, insertSkus, rid, sdkUpdate, shopper, startOrderEmulator } from '../order/fixtures'

export const MINUTE = 60_000
export const SHOPPERS = [shopper(1), shopper(2), shopper(3)]
export const SKUS = [
  { id: 'tea', price: 5000, stock: 100_000 },
  { id: 'cup', price: 1200, stock: 100_000 },
]
const WALLET = 100_000_000
const POINTS = 10_000_000

interface Line {
  skuId: string
  quantity: number
}
interface Order {
  _id: string
  status: string
  openid: string
  lines: Line[]
  couponId: string | null
  pointsUsed: number
  totals: { payable: number }
  aftersale?: { seq: number; refundedAmount: number; pointsReturned: number }
  payment: { method?: string; paymentId?: string; outTradeNo?: string; prepayId?: string } | null
}
interface Payment {
  _id: string
  state: string
  amount: number
  refunded?: number
  orderId: string
  channel: string
}
interface Refund {
  _id: string
  paymentId: string
  amount: number
  status: string
  orderId: string
  aftersaleId?: string
}
interface Aftersale {
  _id: string
  status: string
  orderId: string
  amount: number
  refundNo?: string
}

export const MERCHANT = 'o_test_world_merchant'

const HOLDS_GOODS = ['awaitingPayment', 'paid', 'shipped', 'received', 'completed']
const KEEPS_MONEY = ['paid', 'shipped', 'received', 'completed']
const ENDED = ['cancelled', 'closed', 'refunding', 'refunded', 'failed']

export interface World {
  t: TestEmulator
  cron(): Promise<unknown>
  /** A fresh no-threshold coupon (¥3 off) for the shopper. */
  coupon(openid: string): string
  /** Puts 2 tea + 1 cup in the shopper's (emptied) cart. */
  fillCart(openid: string): Promise<void>
  /** Submits the cart with a fresh coupon and 100 points unless told otherwise. */
  submit(openid: string, o?: { coupon?: boolean; points?: boolean }): Promise<string>
  /** fillCart + submit. */
  place(openid: string, o?: { coupon?: boolean; points?: boolean }): Promise<string>
  /** Opens the WeChat prepay of an order (the trade in the sandbox). */
  prepay(openid: string, orderId: string): Promise<string>
  /** Paid by WeChat: the sandbox pays and the callback is delivered. */
  payWechat(openid: string, orderId: string): Promise<string>
  /** As the merchant (operator and service). */
  admin(action: string, input: object): Promise<unknown>
  /** Paid order -> shipped -> (received). */
  deliver(openid: string, orderId: string, receive: boolean): Promise<void>
  recover(): Promise<number>
  violations(): string[]
  stop(): Promise<void>
}

export async function startWorld(poolSize: number): Promise<World> {
  const t = await startOrderEmulator(poolSize)
  insertSkus(t, SKUS)
  insertShoppers(t, SHOPPERS)
  t.emu.db.insertMany('admins', [{ _id: MERCHANT, roles: ['operator', 'service'], active: true }])
  t.emu.db.insertMany('settings', [
    {
      _id: 'aftersale',
      returnAddress: { name: '售后仓', phone: '021-55550000', address: '上海市退货路1号' },
    },
  ])
  for (const o of SHOPPERS) {
    t.emu.db.insertMany('wallets', [{ _id: o, openid: o, balance: WALLET, frozen: 0, seq: 1 }])
    t.emu.db.insertMany('ledger', [
      {
        _id: `open_${o}`,
        walletId: o,
        openid: o,
        amount: WALLET,
        kind: 'recharge',
        ref: 'test',
        at: 0,
        seq: 1,
      },
    ])
    t.emu.db.insertMany('pointsLedger', [
      { _id: `seed_pts_${o}`, openid: o, amount: POINTS, kind: 'seed', ref: 'seed', at: 0, seq: 1 },
    ])
    await sdkUpdate(t, 'users', o, { points: POINTS, pointsSeq: 1 })
  }
  let coupons = 0
  const cron = () => t.invoke('cron', {}, { triggerSrc: 'timer' })
  const find = <T>(c: string, f: object = {}) => t.find<T>(c, f, { limit: 100_000 })

  const coupon = (openid: string) => {
    const id = `cp_${openid.slice(-4)}_${++coupons}`
    t.emu.db.insertMany('coupons', [
      { _id: id, openid, title: '无门槛券', kind: 'noThreshold', amount: 300, status: 'unused' },
    ])
    return id
  }

  const fillCart: World['fillCart'] = async (openid) => {
    const lines = [
      { skuId: 'tea', quantity: 2 },
      { skuId: 'cup', quantity: 1 },
    ]
    // a crashed submit may have left its lines in the cart: start from an empty one
    const left = find<{ items: Line[] }>('carts', { _id: openid })[0]?.items ?? []
    if (left.length) ok(await t.callAs(openid, 'cart.remove', { skuIds: left.map((l) => l.skuId) }))
    for (const l of lines) ok(await t.callAs(openid, 'cart.add', l))
  }

  const submit: World['submit'] = async (openid, o = {}) => {
    const res = await t.callAs(openid, 'order.submit', {
      source: { kind: 'cart' },
      coupon: o.coupon === false ? 'none' : coupon(openid),
      ...(o.points === false ? {} : { points: 100 }),
      requestId: rid(),
    })
    return ok(res).id
  }

  const place: World['place'] = async (openid, o) => {
    await fillCart(openid)
    return submit(openid, o)
  }

  const prepay: World['prepay'] = async (openid, orderId) =>
    ok(await t.callAs(openid, 'pay.wechat', { orderId })).outTradeNo

  const payWechat: World['payWechat'] = async (openid, orderId) => {
    const outTradeNo = await prepay(openid, orderId)
    t.emu.pay.pay(outTradeNo)
    await t.emu.pay.flush()
    return outTradeNo
  }

  const admin: World['admin'] = async (action, input) => {
    const r = (await t.invoke('admin', { action, input }, { openid: MERCHANT, source: 'wx_client' })) as {
      ok: boolean
    }
    return r
  }

  const deliver: World['deliver'] = async (openid, orderId, receive) => {
    ok((await admin('admin.orders.ship', { orderId, carrier: '顺丰速运', trackingNo: 'SF9000001' })) as never)
    if (receive) ok(await t.callAs(openid, 'order.confirmReceipt', { orderId }))
  }

  /** Work the world still owes: nothing of it may be left once recovered. */
  const owed = (): string[] => {
    const out: string[] = []
    const pending = find<{ _id: string }>('outbox', { status: { $in: ['pending'] } })
    if (pending.length) out.push(`${pending.length} pending steps (${pending[0]!._id})`)
    for (const o of find<Order>('orders', { status: { $in: ['submitting', 'refunding'] } }))
      out.push(`order ${o._id} still ${o.status}`)
    for (const r of find<Refund>('refunds', { status: { $in: ['requested', 'processing', 'failed'] } }))
      out.push(`refund ${r._id} still ${r.status}`)
    for (const a of find<Aftersale>('aftersales', { status: 'refunding' }))
      out.push(`after-sale ${a._id} still refunding`)
    const paidTrades = new Set(
      t.emu.pay
        .orders()
        .filter((x) => x.state === 'SUCCESS' || x.state === 'REFUND')
        .map((x) => x.outTradeNo),
    )
    for (const p of find<Payment>('payments', { state: { $in: ['created', 'closed'] } }))
      if (paidTrades.has(p._id)) out.push(`trade ${p._id} paid at WeChat, not settled`)
    for (const r of find<{ _id: string }>('recharges', { status: 'pending' }))
      if (paidTrades.has(r._id)) out.push(`recharge ${r._id} paid at WeChat, not credited`)
    // withdrawals: an approved one must reach its bill; a paying one whose bill is final must be finished
    for (const x of find<{ _id: string; status: string }>('withdrawals', { status: { $in: ['approved', 'paying'] } })) {
      const bill = t.emu.transfer.bill(x._id)
      if (x.status === 'approved') out.push(`withdrawal ${x._id} still approved (bill ${bill?.state ?? 'none'})`)
      else if (bill && ['SUCCESS', 'FAIL', 'CANCELLED'].includes(bill.state))
        out.push(`withdrawal ${x._id} paying, bill ${bill.state}`)
    }
    // points whose expiry is due are expired by the cron
    for (const u of find<{ _id: string }>('users', { pointsExpiryDue: { $lte: t.emu.clock.now() } }))
      out.push(`points of ${u._id} due to expire`)
    return out
  }

  const recover = async (): Promise<number> => {
    for (let round = 1; round <= 12; round++) {
      t.emu.clock.advance(3 * MINUTE)
      await t.emu.pay.flush()
      await t.emu.transfer.flush()
      await cron()
      await t.emu.pay.flush()
      await t.emu.transfer.flush()
      if (owed().length === 0) return round
    }
    throw new Error(`the world did not settle: ${owed().join('; ')}`)
  }

  const violations = (): string[] => {
    const v: string[] = [...owed()]
    const orders = find<Order>('orders')
    const byId = new Map(orders.map((o) => [o._id, o]))
    const allowed = new Set<string>([...orderStatuses, 'failed'])
    for (const o of orders) if (!allowed.has(o.status)) v.push(`order ${o._id} in unknown status ${o.status}`)
    for (const d of find<{ _id: string; lastError?: string }>('outbox', { status: 'dead' }))
      v.push(`dead step ${d._id}: ${d.lastError ?? ''}`)

    // stock: initial = on hand + units out for orders (all units of a live order, and of an order after-sales
    // ended, less what after-sales moved back); markers exactly on the unshipped live orders
    const moves = find<{ orderId: string; skuId: string; quantity: number }>('stockMoves')
    for (const s of SKUS) {
      const sku = find<{ stock: number; sold: number; held?: Record<string, number> }>('skus', {
        _id: s.id,
      })[0]!
      const live = orders.filter((o) => HOLDS_GOODS.includes(o.status))
      const out = orders.filter((o) => HOLDS_GOODS.includes(o.status) || (o.aftersale?.seq ?? 0) > 0)
      const held = out.reduce(
        (n, o) =>
          n +
          o.lines.filter((l) => l.skuId === s.id).reduce((a, l) => a + l.quantity, 0) -
          moves.filter((m) => m.orderId === o._id && m.skuId === s.id).reduce((a, m) => a + m.quantity, 0),
        0,
      )
      if (sku.stock + held !== s.stock)
        v.push(`stock ${s.id}: ${sku.stock} on hand + ${held} held != ${s.stock}`)
      if (sku.sold !== held) v.push(`sold ${s.id}: ${sku.sold} != ${held} held`)
      if (sku.stock < 0) v.push(`stock ${s.id} negative`)
      const markers = Object.keys(sku.held ?? {}).sort()
      const expected = live
        .filter(
          (o) => ['awaitingPayment', 'paid'].includes(o.status) && o.lines.some((l) => l.skuId === s.id),
        )
        .map((o) => o._id)
        .sort()
      const card = find<{ stock: number; sales: number }>('products', { _id: `p_${s.id}` })[0]!
      if (card.stock !== sku.stock || card.sales !== sku.sold)
        v.push(`card p_${s.id}: stock ${card.stock}, sales ${card.sales}; sku ${sku.stock}, ${sku.sold}`)
      if (markers.join() !== expected.join())
        v.push(`markers ${s.id}: ${markers.length} held markers for ${expected.length} unshipped live orders`)
    }

    // money: per payment, captured = kept + refunded; at most one captured payment per order
    const payments = find<Payment>('payments')
    const refunds = find<Refund>('refunds')
    const trades = new Map(t.emu.pay.orders().map((x) => [x.outTradeNo, x]))
    const captured = new Map<string, number>()
    for (const p of payments) {
      const mine = refunds.filter((r) => r.paymentId === p._id)
      const asked = mine.reduce((n, r) => n + r.amount, 0)
      const back = mine.filter((r) => r.status === 'success').reduce((n, r) => n + r.amount, 0)
      if (asked > p.amount) v.push(`payment ${p._id}: refunds ${asked} above ${p.amount}`)
      if ((p.refunded ?? 0) !== asked) v.push(`payment ${p._id}: refunded ${p.refunded} != refunds ${asked}`)
      const trade = trades.get(p._id)
      if (trade) {
        const wx = trade.refunds.reduce((n, r) => n + r.refundFee, 0)
        if (wx !== back) v.push(`trade ${p._id}: WeChat refunded ${wx}, our records ${back}`)
      }
      if (p.channel === 'balance' && p.state === 'captured') {
        const wallet = find<{ amount: number; kind: string }>('ledger', { ref: p.orderId })
        const paid = -wallet.filter((e) => e.kind === 'pay').reduce((n, e) => n + e.amount, 0)
        const refunded = wallet.filter((e) => e.kind === 'refund').reduce((n, e) => n + e.amount, 0)
        if (paid !== p.amount || refunded !== back)
          v.push(`wallet of ${p.orderId}: paid ${paid}, refunded ${refunded}`)
      }
      if (p.state === 'duplicate' && back !== p.amount) v.push(`duplicate ${p._id} kept ${p.amount - back}`)
      if (p.state !== 'captured') continue
      captured.set(p.orderId, (captured.get(p.orderId) ?? 0) + 1)
      const o = byId.get(p.orderId)
      const kept = p.amount - back
      // after-sales refunds part (or all) of what a live order keeps
      const aftersales = mine
        .filter((r) => r.aftersaleId && r.status === 'success')
        .reduce((n, r) => n + r.amount, 0)
      if (!o) v.push(`payment ${p._id} of no order`)
      else if ((o.aftersale?.refundedAmount ?? 0) !== aftersales)
        v.push(`order ${o._id}: after-sales refunded ${o.aftersale?.refundedAmount}, refunds ${aftersales}`)
      else if (o.aftersale?.seq && !KEEPS_MONEY.includes(o.status)) {
        if (kept < 0 || kept > o.totals.payable - aftersales)
          v.push(`order ${o._id} ${o.status}: keeps ${kept}`)
      } else if (
        KEEPS_MONEY.includes(o.status)
          ? kept !== p.amount - aftersales || o.payment?.paymentId !== p._id
          : kept !== 0
      )
        v.push(`order ${o._id} ${o.status}: payment ${p._id} keeps ${kept} of ${p.amount}`)
    }
    for (const [id, n] of captured) if (n > 1) v.push(`order ${id} has ${n} captured payments`)
    for (const x of trades.values())
      if (
        (x.state === 'SUCCESS' || x.state === 'REFUND') &&
        !payments.some((p) => p._id === x.outTradeNo && ['captured', 'duplicate'].includes(p.state)) &&
        !find<{ status: string }>('recharges', { _id: x.outTradeNo }).some((r) =>
          ['paid', 'anomaly'].includes(r.status),
        )
      )
        v.push(`trade ${x.outTradeNo} paid at WeChat and not recorded`)
    for (const o of orders)
      if (KEEPS_MONEY.includes(o.status) && !captured.has(o._id))
        v.push(`order ${o._id} ${o.status} without a captured payment`)

    // wallet buckets: bonus = sum of the entries' bonus parts, neither bonus nor principal below zero
    for (const w of find<{ _id: string; balance: number; bonus?: number }>('wallets')) {
      const es = find<{ amount: number; kind: string; bonusAmount?: number }>('ledger', { walletId: w._id })
      const bonus = es.reduce(
        (n, e) => n + (typeof e.bonusAmount === 'number' ? e.bonusAmount : e.kind === 'bonus' ? e.amount : 0),
        0,
      )
      if (bonus !== (w.bonus ?? 0) || bonus < 0 || w.balance - bonus < 0)
        v.push(`wallet ${w._id}: bonus ${w.bonus}, entries' bonus ${bonus}, balance ${w.balance}`)
    }
    // recharges: paid exactly when principal and bonus were credited (once each, for the package amounts);
    // the per-member count is the number of pending, paid and anomalous recharges
    const quota = new Map<string, number>()
    interface Recharge {
      _id: string
      openid: string
      packageId: string
      status: string
      payFen: number
      bonusFen: number
    }
    for (const r of find<Recharge>('recharges')) {
      const es = find<{ _id: string; amount: number }>('ledger', { ref: r._id })
      const principal = es.filter((e) => e._id === `rc_${r._id}`)
      const bonus = es.filter((e) => e._id === `rcb_${r._id}`)
      const credited =
        principal.length === 1 &&
        principal[0]!.amount === r.payFen &&
        (r.bonusFen > 0 ? bonus.length === 1 && bonus[0]!.amount === r.bonusFen : bonus.length === 0)
      if (r.status === 'paid' ? !credited : es.length > 0)
        v.push(`recharge ${r._id} ${r.status} with ${es.length} ledger entries`)
      const trade = trades.get(r._id)
      if (r.status === 'paid' && trade?.state !== 'SUCCESS')
        v.push(`recharge ${r._id} paid, trade ${trade?.state}`)
      if (['pending', 'paid', 'anomaly'].includes(r.status))
        quota.set(`${r.openid}_${r.packageId}`, (quota.get(`${r.openid}_${r.packageId}`) ?? 0) + 1)
    }
    for (const q of find<{ _id: string; used: number }>('rechargeQuota'))
      if (q.used !== (quota.get(q._id) ?? 0))
        v.push(`recharge quota ${q._id}: ${q.used} != ${quota.get(q._id) ?? 0}`)
    // ledgers: balance = sum of entries, never negative
    for (const w of find<{ _id: string; balance: number }>('wallets')) {
      const sum = find<{ amount: number }>('ledger', { walletId: w._id }).reduce((n, e) => n + e.amount, 0)
      if (sum !== w.balance || w.balance < 0) v.push(`wallet ${w._id}: balance ${w.balance}, entries ${sum}`)
    }
    // withdrawals: frozen = the open ones; one withdraw entry each, a reversal exactly when the money came
    // back; paid exactly when WeChat's bill succeeded; a bill only after approval
    const wds = find<{ _id: string; openid: string; amount: number; status: string }>('withdrawals')
    for (const w of find<{ _id: string; frozen?: number }>('wallets')) {
      const open = wds
        .filter((x) => x.openid === w._id && ['pending', 'approved', 'paying'].includes(x.status))
        .reduce((n, x) => n + x.amount, 0)
      if ((w.frozen ?? 0) !== open) v.push(`wallet ${w._id}: frozen ${w.frozen ?? 0}, open withdrawals ${open}`)
    }
    for (const x of wds) {
      const es = find<{ _id: string; amount: number }>('ledger', { ref: x._id })
      const out = es.filter((e) => e._id === `wd_${x._id}` && e.amount === -x.amount).length
      const back = es.filter((e) => e._id === `wdr_${x._id}` && e.amount === x.amount).length
      const returned = ['rejected', 'cancelled', 'returned'].includes(x.status)
      if (out !== 1 || back !== (returned ? 1 : 0) || es.length !== out + back)
        v.push(`withdrawal ${x._id} ${x.status}: ${es.length} ledger entries`)
      const bill = t.emu.transfer.bill(x._id)
      if ((x.status === 'paid') !== (bill?.state === 'SUCCESS')) v.push(`withdrawal ${x._id} ${x.status}, bill ${bill?.state}`)
      if (['pending', 'rejected', 'cancelled'].includes(x.status) && bill) v.push(`withdrawal ${x._id} ${x.status} has a bill`)
    }
    for (const u of find<{ _id: string; points?: number }>('users')) {
      const sum = find<{ amount: number }>('pointsLedger', { openid: u._id }).reduce(
        (n, e) => n + e.amount,
        0,
      )
      if (sum !== (u.points ?? 0) || (u.points ?? 0) < 0)
        v.push(`points ${u._id}: ${u.points}, entries ${sum}`)
    }
    v.push(...loyaltyViolations(find, orders))

    // a request is refunded exactly when its refund succeeded
    for (const a of find<Aftersale>('aftersales')) {
      const r = refunds.find((x) => x.aftersaleId === a._id)
      if ((a.status === 'refunded') !== (r?.status === 'success'))
        v.push(`after-sale ${a._id} ${a.status} with refund ${r?.status ?? 'none'}`)
      if (r && r.amount !== a.amount) v.push(`after-sale ${a._id}: refund ${r.amount} != ${a.amount}`)
    }

    // coupons and points follow the order that used them
    for (const o of orders) {
      const live = HOLDS_GOODS.includes(o.status)
      if (o.couponId) {
        const c = find<{ status: string; orderId?: string }>('coupons', { _id: o.couponId })[0]
        const want = o.status === 'awaitingPayment' ? 'locked' : live ? 'used' : 'unused'
        if (!c || c.status !== want || (want === 'unused') !== (c.orderId === undefined))
          v.push(`coupon ${o.couponId} of ${o.status} order ${o._id}: ${c?.status}, orderId ${c?.orderId}`)
      }
      if (o.pointsUsed > 0 && o.aftersale?.seq) {
        // after-sales returns spent points per request, in proportion, all of them once all is refunded
        const back = find<{ _id: string; amount: number }>('pointsLedger', { ref: o._id, kind: 'return' })
        const sum = back.reduce((n, e) => n + e.amount, 0)
        if (
          sum !== o.aftersale.pointsReturned ||
          sum > o.pointsUsed ||
          (o.status === 'refunded' && sum !== o.pointsUsed)
        )
          v.push(`points of after-sales order ${o._id}: returned ${sum} of ${o.pointsUsed}`)
      } else if (o.pointsUsed > 0) {
        const use = find('pointsLedger', { _id: `pts_use_${o._id}` }).length
        const back = find('pointsLedger', { _id: `pts_return_${o._id}` }).length
        if (live ? use !== 1 || back !== 0 : ENDED.includes(o.status) && use !== back)
          v.push(`points of ${o.status} order ${o._id}: used ${use}, returned ${back}`)
      }
    }
    return v
  }

  return {
    t,
    cron,
    coupon,
    fillCart,
    submit,
    place,
    prepay,
    payWechat,
    admin,
    deliver,
    recover,
    violations,
    stop: () => t.stop(),
  }
}

type Find = <T>(c: string, f?: object) => T[]
type Entry = { _id: string; openid: string; amount: number; kind: string; ref: string; at: number }

/**
 * Growth is a ledger like points, and the level is the one the growth reaches; points and growth are
 * earned once, by completed orders only, as the order's `rewards` say, and never taken back beyond that;
 * an expiry never takes more than the member earned in that year.
 */
function loyaltyViolations(find: Find, orders: Order[]): string[] {
  const v: string[] = []
  const doc = find<{ levels?: MemberLevel[] }>('settings', { _id: 'member' })[0]
  const levels = Array.isArray(doc?.levels) ? doc.levels : defaultMemberRules.levels
  for (const u of find<{ _id: string; growth?: number; level?: number }>('users')) {
    const es = find<Entry>('growthLedger', { openid: u._id })
    const sum = es.reduce((n, e) => n + e.amount, 0)
    if (sum !== (u.growth ?? 0) || (u.growth ?? 0) < 0) v.push(`growth ${u._id}: ${u.growth}, entries ${sum}`)
    if (es.length && (u.level ?? 0) !== levelForGrowth(levels, u.growth ?? 0))
      v.push(`level ${u._id}: ${u.level} for growth ${u.growth}`)
  }
  for (const o of orders as Array<Order & { completedAt?: number; rewards?: { points: number; growth: number } }>) {
    const earned = find<Entry>('pointsLedger', { _id: `pts_earn_${o._id}` })[0]
    const grown = find<Entry>('growthLedger', { _id: `gr_earn_${o._id}` })[0]
    if (o.completedAt === undefined && (earned || grown)) v.push(`order ${o._id} ${o.status} earned before completion`)
    if (o.completedAt !== undefined && !o.rewards) v.push(`completed order ${o._id} without rewards`)
    if (o.rewards && (o.rewards.points !== (earned?.amount ?? 0) || o.rewards.growth !== (grown?.amount ?? 0)))
      v.push(`order ${o._id}: rewards ${JSON.stringify(o.rewards)}, entries ${earned?.amount} / ${grown?.amount}`)
    const back = (c: string) => -find<Entry>(c, { ref: o._id, kind: 'clawback' }).reduce((n, e) => n + e.amount, 0)
    if (back('pointsLedger') > (earned?.amount ?? 0) || back('growthLedger') > (grown?.amount ?? 0))
      v.push(`order ${o._id}: more taken back than earned`)
  }
  for (const x of find<Entry>('pointsLedger', { kind: 'expire' })) {
    const year = Number(x.ref)
    const earnedThatYear = find<Entry & { expiresAt?: number }>('pointsLedger', { openid: x.openid, kind: 'earn' })
      .filter((e) => e.expiresAt === Date.UTC(year + 2, 0, 1) - 8 * 3_600_000)
      .reduce((n, e) => n + e.amount, 0)
    if (x._id !== `pts_expire_${x.openid}_${year}` || -x.amount > earnedThatYear)
      v.push(`expiry ${x._id}: ${x.amount} of ${earnedThatYear} earned in ${year}`)
  }
  return v
}

/** The race a guard cannot see: the prepay landed on the order after a balance payment had read it. */
export async function hidePrepay(w: World, orderId: string): Promise<void> {
  await sdkUpdate(w.t, 'orders', orderId, { payment: null })
}
