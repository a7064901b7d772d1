/**
 * After-sales through the real functions: refund-only and return-and-refund, the merchant's queue, photos
 * behind content security, the clock's deadlines, order bookkeeping (partial and full refunds), stock,
 * points and coupons following exactly once, and the races that must refund once.
 */
import type { AftersaleView, OrderDetail } from '@mall/contract'
import { ok, type TestEmulator } from '../helpers/emulator'
import {
  insertSettings,
  insertShoppers,
  insertSkus,
  RACE_POOL,
  shopper,
  sku,
  startOrderEmulator,
} from '../order/fixtures'
import { admin, cron, insertMerchant, photo, submitInput, walletOrder, wechatOrder } from './fixtures'

let t: TestEmulator
const A = shopper(11)
const B = shopper(12)
const C = shopper(13)
const HOUR = 3_600_000
const DAY = 24 * HOUR

beforeAll(async () => {
  t = await startOrderEmulator(RACE_POOL)
  insertSettings(t, [
    { _id: 'shipping', baseFee: 800, freeOver: 10_000_000 },
    {
      _id: 'aftersale',
      returnAddress: { name: '售后仓', phone: '021-55550000', address: '上海市嘉定区退货路1号' },
    },
  ])
  insertSkus(t, [
    { id: 'mug', price: 1000, stock: 100 },
    { id: 'pen', price: 333, stock: 100 },
    { id: 'lamp', price: 8800, stock: 100 },
  ])
  insertShoppers(t, [A, B, C], { points: 10_000 })
  insertMerchant(t)
})
afterAll(() => t?.stop())

const order = (id: string) => t.find<Record<string, any>>('orders', { _id: id })[0]! // eslint-disable-line @typescript-eslint/no-explicit-any
const detail = async (who: string, id: string) =>
  ok(await t.callAs(who, 'order.detail', { orderId: id })) as OrderDetail
const request = (id: string) => t.find<Record<string, any>>('aftersales', { _id: id })[0]! // eslint-disable-line @typescript-eslint/no-explicit-any
const wallet = (who: string) => t.find<{ balance: number }>('wallets', { _id: who })[0]!.balance
const code = (r: { ok: boolean; code?: string }) => (r.ok ? 'ok' : r.code)

test('refund-only before shipping: part of a line, then the rest with shipping; the order closes', async () => {
  const id = await walletOrder(t, A, 'mug', 3, 'paid')
  const paid = order(id).totals.payable
  expect(paid).toBe(3800)
  const opts = ok(await t.callAs(A, 'aftersale.options', { orderId: id }))
  expect(opts.types).toEqual(['refundOnly'])
  expect(opts.lines[0]).toMatchObject({ skuId: 'mug', available: 3 })
  const q = ok(
    await t.callAs(A, 'aftersale.quote', {
      orderId: id,
      type: 'refundOnly',
      lines: [{ skuId: 'mug', quantity: 1 }],
    }),
  )
  expect(q).toEqual({ maxAmount: 1000, includesShipping: false })
  // a return cannot be asked for goods that never left
  expect(
    code(
      await t.callAs(
        A,
        'aftersale.submit',
        submitInput(id, { type: 'returnAndRefund', lines: [{ skuId: 'mug', quantity: 1 }] }),
      ),
    ),
  ).toBe('AFTERSALE_NOT_ALLOWED')
  const first = ok(
    await t.callAs(
      A,
      'aftersale.submit',
      submitInput(id, { lines: [{ skuId: 'mug', quantity: 1 }], amount: 900 }),
    ),
  )
  expect(first).toMatchObject({ status: 'requested', amount: 900, maxAmount: 1000, can: { cancel: true } })
  expect(first.dueAt).toBe(first.createdAt + 48 * HOUR)
  // one open request per line; cancelling the order is no longer the way
  expect(
    code(await t.callAs(A, 'aftersale.submit', submitInput(id, { lines: [{ skuId: 'mug', quantity: 1 }] }))),
  ).toBe('AFTERSALE_LINE_OPEN')
  expect(code(await t.callAs(A, 'order.cancel', { orderId: id }))).toBe('ORDER_STATE_INVALID')
  expect((await detail(A, id)).can).toMatchObject({ cancel: false, aftersale: false })

  const before = { wallet: wallet(A), stock: sku(t, 'mug').stock }
  const approved = ok(await admin(t, 'admin.aftersales.approve', { aftersaleId: first.id }))
  // a wallet refund completes at once
  expect(approved.status).toBe('refunded')
  expect(wallet(A)).toBe(before.wallet + 900)
  expect(sku(t, 'mug').stock).toBe(before.stock + 1)
  const d = await detail(A, id)
  expect(d.lineRefunds[0]).toMatchObject({ refundedQuantity: 1, refundedAmount: 900, openAftersaleId: null })
  expect(d).toMatchObject({ status: 'paid', refundedAmount: 900, aftersaleLabel: '部分退款' })
  // the request's progress shows on the order too
  expect(d.aftersales[0]!.timeline.map((e) => e.status)).toEqual(['requested', 'refunding', 'refunded'])
  expect(d.aftersales[0]!.timeline.at(-1)!.text).toBe('退款成功，¥9.00已原路退回')

  // the last 2 units: their share (share(3) − 900 = 2100) plus shipping, since nothing shipped
  const rest = ok(
    await t.callAs(A, 'aftersale.quote', {
      orderId: id,
      type: 'refundOnly',
      lines: [{ skuId: 'mug', quantity: 2 }],
    }),
  )
  expect(rest).toEqual({ maxAmount: 2100 + 800, includesShipping: true })
  const second = ok(
    await t.callAs(A, 'aftersale.submit', submitInput(id, { lines: [{ skuId: 'mug', quantity: 2 }] })),
  )
  ok(await admin(t, 'admin.aftersales.approve', { aftersaleId: second.id }))
  // the 100 fen not asked for the first unit stay within the line's share, so the whole order comes back
  expect(wallet(A)).toBe(before.wallet + paid)
  expect(sku(t, 'mug').stock).toBe(before.stock + 3)
  expect(order(id)).toMatchObject({ status: 'refunded' })
  // the order ended: its emptied reservation marker is gone too
  expect(t.find<{ held: object }>('skus', { _id: 'mug' })[0]!.held).not.toHaveProperty(id)
  const total = t.find<{ amount: number }>('refunds', { orderId: id }).reduce((s, r) => s + r.amount, 0)
  expect(total).toBe(paid)
  expect((await detail(A, id)).aftersaleLabel).toBe('已全额退款')
})

test('return and refund: photo behind content security, approve with address, tracking, receipt, WeChat refund, rating', async () => {
  const { id, outTradeNo } = await wechatOrder(t, B, 'lamp', 2, 'received')
  const file = photo(t, B, 'broken-lamp.png')
  const sub = ok(
    await t.callAs(
      B,
      'aftersale.submit',
      submitInput(id, {
        type: 'returnAndRefund',
        lines: [{ skuId: 'lamp', quantity: 2 }],
        reason: '收到商品破损',
        description: '灯罩碎了',
        photos: [file],
      }),
    ),
  )
  expect(sub).toMatchObject({ status: 'requested', maxAmount: 17600, includesShipping: false, dueAt: null })
  await t.emu.openapi.push.idle()
  const queue = ok(await admin(t, 'admin.aftersales.list', { tab: 'review' }))
  expect(queue.items.map((i) => i.id)).toContain(sub.id)
  expect(queue.counts.review).toBeGreaterThanOrEqual(1)
  const seen = ok(await admin(t, 'admin.aftersales.detail', { aftersaleId: sub.id }))
  expect(seen.photos).toEqual([expect.objectContaining({ status: 'pass' })])
  expect(seen.photos[0]!.url).toMatch(/^https?:\/\//)
  expect(seen.order).toMatchObject({ id, paymentMethod: 'wechat' })

  const approved = ok(await admin(t, 'admin.aftersales.approve', { aftersaleId: sub.id }))
  expect(approved).toMatchObject({ status: 'awaitingReturn', returnAddress: { name: '售后仓' } })
  expect(approved.dueAt).toBe(approved.updatedAt + 7 * DAY)
  const shipped = ok(
    await t.callAs(B, 'aftersale.shipBack', {
      aftersaleId: sub.id,
      carrier: '中通快递',
      trackingNo: 'ZT2000001',
    }),
  )
  expect(shipped).toMatchObject({
    status: 'returning',
    returnShipment: { trackingNo: 'ZT2000001' },
    dueAt: null,
  })

  const stock = sku(t, 'lamp').stock
  expect(
    code(
      await admin(t, 'admin.aftersales.receive', {
        aftersaleId: sub.id,
        lines: [{ skuId: 'lamp', fine: 1, damaged: 0 }],
      }),
    ),
  ).toBe('INVALID_INPUT')
  const received = ok(
    await admin(t, 'admin.aftersales.receive', {
      aftersaleId: sub.id,
      lines: [{ skuId: 'lamp', fine: 1, damaged: 1 }],
    }),
  )
  expect(received.status).toBe('refunding')
  expect(sku(t, 'lamp').stock).toBe(stock + 1) // the damaged unit stays out
  await t.emu.pay.flush()
  expect(request(sub.id)).toMatchObject({ status: 'refunded', refundStatus: 'success' })
  expect(t.emu.pay.order(outTradeNo)?.refunds).toHaveLength(1)
  expect(order(id).status).toBe('refunded')
  // the stock step is exactly once, even replayed
  expect(t.find('stockMoves', { orderId: id })).toHaveLength(1)

  const rated = ok(
    await t.callAs(B, 'aftersale.rate', { aftersaleId: sub.id, score: 5, comment: '处理很快' }),
  )
  expect(rated).toMatchObject({ rating: { score: 5, comment: '处理很快' }, can: { rate: false } })
  expect(code(await t.callAs(B, 'aftersale.rate', { aftersaleId: sub.id, score: 1 }))).toBe(
    'AFTERSALE_STATE_INVALID',
  )
  const merchantView = ok(await admin(t, 'admin.aftersales.detail', { aftersaleId: sub.id }))
  expect(merchantView.rating).toMatchObject({ score: 5 })
  expect(merchantView.timeline.map((e) => e.status)).toEqual([
    'requested',
    'awaitingReturn',
    'returning',
    'refunding',
    'refunded',
  ])
  // a subscribe message at each step
  expect(
    t.emu.openapi
      .records({ api: 'subscribeMessage.send' })
      .filter((r) => JSON.stringify(r.params).includes(request(sub.id).aftersaleNo)),
  ).toHaveLength(5)
})

test('a risky description, a foreign photo and more than the offer are refused; nothing is written', async () => {
  const id = await walletOrder(t, C, 'pen', 1, 'shipped')
  const lines = [{ skuId: 'pen', quantity: 1 }]
  const count = () => t.find('aftersales', { orderId: id }).length
  expect(
    code(await t.callAs(C, 'aftersale.submit', submitInput(id, { lines, description: '这是赌博网站' }))),
  ).toBe('CONTENT_RISKY')
  expect(
    code(await t.callAs(C, 'aftersale.submit', submitInput(id, { lines, photos: [photo(t, A, 'x.png')] }))),
  ).toBe('PHOTO_INVALID')
  expect(code(await t.callAs(C, 'aftersale.submit', submitInput(id, { lines, amount: 99_999 })))).toBe(
    'AFTERSALE_AMOUNT_EXCEEDED',
  )
  expect(code(await t.callAs(A, 'aftersale.submit', submitInput(id, { lines })))).toBe('ORDER_NOT_FOUND')
  expect(count()).toBe(0)
  expect(order(id).aftersale).toBeUndefined()
})

test('a pending photo is never shown to the merchant', async () => {
  const id = await walletOrder(t, C, 'pen', 2, 'shipped')
  t.emu.openapi.push.setMode('hold')
  try {
    const sub = ok(
      await t.callAs(
        C,
        'aftersale.submit',
        submitInput(id, { lines: [{ skuId: 'pen', quantity: 1 }], photos: [photo(t, C, 'p1.png')] }),
      ),
    )
    expect(sub.photos).toEqual([{ url: '', status: 'pending' }])
    const seen = ok(await admin(t, 'admin.aftersales.detail', { aftersaleId: sub.id }))
    expect(seen).toMatchObject({ photos: [], hiddenPhotos: 1 })
  } finally {
    t.emu.openapi.push.setMode('deliver')
    await t.emu.openapi.push.release()
    await t.emu.openapi.push.idle()
  }
})

test('the clock: refund-only auto-approved after 48 h; a return without tracking closes after 7 days', async () => {
  const id = await walletOrder(t, A, 'pen', 2, 'shipped')
  const r1 = ok(
    await t.callAs(
      A,
      'aftersale.submit',
      submitInput(id, { lines: [{ skuId: 'pen', quantity: 1 }], reason: '快递一直未送达' }),
    ),
  )
  const other = await walletOrder(t, A, 'pen', 1, 'received')
  const r2 = ok(
    await t.callAs(
      A,
      'aftersale.submit',
      submitInput(other, { type: 'returnAndRefund', lines: [{ skuId: 'pen', quantity: 1 }] }),
    ),
  )
  ok(await admin(t, 'admin.aftersales.approve', { aftersaleId: r2.id }))
  t.emu.clock.advance(47 * HOUR)
  await cron(t)
  expect(request(r1.id).status).toBe('requested')
  t.emu.clock.advance(HOUR + 60_000)
  await cron(t)
  expect(request(r1.id)).toMatchObject({ status: 'refunded' })
  expect(request(r1.id).timeline.map((e: { event: string }) => e.event)).toContain('autoApprove')
  t.emu.clock.advance(5 * DAY)
  await cron(t)
  expect(request(r2.id)).toMatchObject({ status: 'closed' })
  // the line is free again
  expect(ok(await t.callAs(A, 'aftersale.options', { orderId: other })).lines[0]).toMatchObject({
    available: 1,
    openAftersaleId: null,
  })
})

test('merchant reject with a reason; the shopper sees it and may rate; an open request holds auto-complete', async () => {
  const id = await walletOrder(t, B, 'mug', 1, 'received')
  const sub = ok(
    await t.callAs(
      B,
      'aftersale.submit',
      submitInput(id, { type: 'returnAndRefund', lines: [{ skuId: 'mug', quantity: 1 }] }),
    ),
  )
  t.emu.clock.advance(8 * DAY)
  await cron(t)
  expect(order(id).status).toBe('received')
  expect(code(await admin(t, 'admin.aftersales.reject', { aftersaleId: sub.id, reason: ' ' }))).toBe(
    'INVALID_INPUT',
  )
  ok(await admin(t, 'admin.aftersales.reject', { aftersaleId: sub.id, reason: '商品已使用，不支持退货' }))
  const seen = ok(await t.callAs(B, 'aftersale.detail', { aftersaleId: sub.id })) as AftersaleView
  expect(seen).toMatchObject({
    status: 'rejected',
    rejectReason: '商品已使用，不支持退货',
    can: { rate: true },
  })
  await cron(t)
  expect(order(id).status).toBe('completed')
  // after the window, nothing more can be asked
  t.emu.clock.advance(8 * DAY)
  expect(
    code(
      await t.callAs(
        B,
        'aftersale.submit',
        submitInput(id, { type: 'returnAndRefund', lines: [{ skuId: 'mug', quantity: 1 }] }),
      ),
    ),
  ).toBe('AFTERSALE_WINDOW_CLOSED')
})

test('points spent come back in proportion; earned ones go; a still-valid coupon comes back on a full refund', async () => {
  t.emu.db.insertMany('coupons', [
    {
      _id: 'cp_as',
      openid: C,
      title: '无门槛3元',
      kind: 'noThreshold',
      amount: 300,
      status: 'unused',
      validTo: Date.now() + 365 * DAY,
    },
  ])
  const id = await walletOrder(t, C, 'mug', 2, 'paid', { points: 500, coupon: 'cp_as' })
  const o = order(id)
  expect(o).toMatchObject({ pointsUsed: 500, couponId: 'cp_as' })
  expect(t.find('coupons', { _id: 'cp_as' })[0]).toMatchObject({ status: 'used' })
  t.emu.db.insertMany('pointsLedger', [
    {
      _id: `pts_earn_${id}`,
      openid: C,
      amount: 30,
      kind: 'earn',
      ref: id,
      at: Date.now(),
      seq: 999,
      balanceAfter: 0,
    },
  ])
  const points = () => t.find<{ points: number }>('users', { _id: C })[0]!.points
  const start = points()
  const a1 = ok(
    await t.callAs(C, 'aftersale.submit', submitInput(id, { lines: [{ skuId: 'mug', quantity: 1 }] })),
  )
  ok(await admin(t, 'admin.aftersales.approve', { aftersaleId: a1.id }))
  // earned points go in proportion to the money refunded since they were earned (loyalty/clawback.ts)
  expect(points()).toBe(start + 250 - Math.floor((30 * a1.amount) / o.totals.payable))
  const a2 = ok(
    await t.callAs(C, 'aftersale.submit', submitInput(id, { lines: [{ skuId: 'mug', quantity: 1 }] })),
  )
  ok(await admin(t, 'admin.aftersales.approve', { aftersaleId: a2.id }))
  expect(points()).toBe(start + 500 - 30)
  expect(order(id).status).toBe('refunded')
  expect(t.find('coupons', { _id: 'cp_as' })[0]).toMatchObject({ status: 'unused' })
})

test('races: two requests for one line at once make one; ten approvals and duplicate callbacks refund once', async () => {
  const { id, outTradeNo } = await wechatOrder(t, A, 'lamp', 1, 'shipped')
  const lines = [{ skuId: 'lamp', quantity: 1 }]
  const both = await Promise.all(
    [0, 1, 2, 3].map(() => t.callAs(A, 'aftersale.submit', submitInput(id, { lines }))),
  )
  expect(both.filter((r) => r.ok)).toHaveLength(1)
  expect(both.filter((r) => !r.ok).map(code)).toEqual([
    'AFTERSALE_LINE_OPEN',
    'AFTERSALE_LINE_OPEN',
    'AFTERSALE_LINE_OPEN',
  ])
  const asId = (both.find((r) => r.ok) as { data: AftersaleView }).data.id
  const approvals = await Promise.all(
    Array.from({ length: 10 }, () => admin(t, 'admin.aftersales.approve', { aftersaleId: asId })),
  )
  expect(approvals.filter((r) => r.ok)).toHaveLength(1)
  await t.emu.pay.flush()
  // the sandbox's refund callback again and again
  for (let i = 0; i < 3; i++)
    await t.invoke(
      'payNotify',
      { outRefundNo: request(asId).refundNo, refundStatus: 'SUCCESS', outTradeNo },
      { source: 'wx_paycallback' },
    )
  expect(t.emu.pay.order(outTradeNo)?.refunds).toHaveLength(1)
  expect(t.find('refunds', { aftersaleId: asId })).toHaveLength(1)
  expect(request(asId).status).toBe('refunded')
  expect(request(asId).timeline.filter((e: { status: string }) => e.status === 'refunded')).toHaveLength(1)
  const payment = t.find<{ amount: number; refunded: number }>('payments', { _id: outTradeNo })[0]!
  expect(payment.refunded).toBeLessThanOrEqual(payment.amount)
})
