import {
  availableOrderEvents,
  defaultOrderTiming,
  orderEventActors,
  orderStatusLabel,
  orderStatuses,
  orderTransitions,
  toOrderLines,
  transition,
  unwrap,
  type OrderEvent,
  type OrderLike,
  type TransitionContext,
} from '../src'
import { check, forAll } from './prop'

const T0 = Date.UTC(2026, 10, 25, 0, 0, 0)
const MIN = 60_000
const DAY = 86_400_000
const allEvents = Object.keys(orderEventActors) as OrderEvent[]

const order = (over: Partial<OrderLike> = {}): OrderLike => ({
  status: 'awaitingPayment',
  payable: 12300,
  createdAt: T0,
  ...over,
})
const sys = (now: number, extra: Partial<TransitionContext> = {}): TransitionContext => ({
  now,
  actor: 'system',
  ...extra,
})

describe('order transition table', () => {
  it('labels every status in Chinese', () => {
    expect(orderStatuses.map(orderStatusLabel)).toEqual([
      '待付款',
      '待发货',
      '待收货',
      '已收货',
      '已完成',
      '已取消',
      '已关闭',
      '退款中',
      '已退款',
    ])
  })

  it('refuses every pair missing from the table with ORDER_STATE_INVALID', () => {
    for (const status of orderStatuses) {
      for (const event of allEvents) {
        if (orderTransitions[status][event]) continue
        const r = transition(order({ status }), event, {
          now: T0 + DAY * 30,
          actor: orderEventActors[event][0]!,
        })
        expect(r).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_INVALID' } })
      }
    }
  })

  it('refuses an event from the wrong actor', () => {
    expect(transition(order(), 'pay', { now: T0, actor: 'shopper', paidAmount: 12300 })).toMatchObject({
      ok: false,
      error: { code: 'ORDER_STATE_INVALID', details: { actor: 'shopper' } },
    })
    expect(
      transition(order({ status: 'paid', paidAt: T0 }), 'ship', { now: T0, actor: 'shopper' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ORDER_STATE_INVALID' },
    })
    expect(availableOrderEvents('paid', 'shopper')).toEqual(['cancel'])
    expect(availableOrderEvents('paid', 'merchant')).toEqual(['ship', 'merchantCancel'])
    expect(availableOrderEvents('completed', 'system')).toEqual(['refundedInFull'])
    expect(availableOrderEvents('completed', 'shopper')).toEqual([])
  })
})

describe('order lifecycle', () => {
  it('runs the happy path with timeline texts and patches', () => {
    const paid = unwrap(
      transition(order(), 'pay', sys(T0 + MIN, { paidAmount: 12300, paymentMethod: 'wechat' })),
    )
    expect(paid).toEqual({
      from: 'awaitingPayment',
      to: 'paid',
      patch: { paidAt: T0 + MIN, paymentMethod: 'wechat' },
      timelineEntry: {
        at: T0 + MIN,
        from: 'awaitingPayment',
        status: 'paid',
        event: 'pay',
        actor: 'system',
        text: '已通过微信支付付款¥123.00',
      },
    })
    const shipped = unwrap(
      transition(order({ status: 'paid', paidAt: T0 + MIN }), 'ship', {
        now: T0 + DAY,
        actor: 'merchant',
        shipment: { carrier: ' 顺丰速运 ', trackingNo: 'SF1234567' },
      }),
    )
    expect(shipped.to).toBe('shipped')
    expect(shipped.patch.shipment).toEqual({ carrier: '顺丰速运', trackingNo: 'SF1234567' })
    expect(shipped.timelineEntry.text).toBe('商家已发货（顺丰速运 SF1234567）')
    const received = unwrap(
      transition(order({ status: 'shipped', shippedAt: T0 + DAY }), 'confirmReceipt', {
        now: T0 + 2 * DAY,
        actor: 'shopper',
      }),
    )
    expect(received.timelineEntry.text).toBe('您已确认收货')
    const early = transition(
      order({ status: 'received', receivedAt: T0 + 2 * DAY }),
      'complete',
      sys(T0 + 3 * DAY),
    )
    expect(early).toMatchObject({ ok: false, error: { code: 'ORDER_STATE_INVALID' } })
    const done = unwrap(
      transition(order({ status: 'received', receivedAt: T0 + 2 * DAY }), 'complete', sys(T0 + 9 * DAY)),
    )
    expect(done).toMatchObject({ to: 'completed', timelineEntry: { text: '订单已完成' } })
  })

  it('checks the paid amount against the order', () => {
    expect(transition(order(), 'pay', sys(T0, { paidAmount: 12299 }))).toMatchObject({
      ok: false,
      error: { code: 'AMOUNT_MISMATCH', details: { paid: 12299, payable: 12300 } },
    })
    expect(transition(order(), 'pay', sys(T0))).toMatchObject({
      ok: false,
      error: { code: 'AMOUNT_MISMATCH' },
    })
    const balance = unwrap(
      transition(order(), 'pay', sys(T0, { paidAmount: 12300, paymentMethod: 'balance' })),
    )
    expect(balance.timelineEntry.text).toBe('已使用余额支付¥123.00')
  })

  it('cancels unpaid orders at any time, recording who and why', () => {
    const byShopper = unwrap(
      transition(order(), 'cancel', { now: T0 + 1, actor: 'shopper', reason: '不想要了' }),
    )
    expect(byShopper).toMatchObject({
      to: 'cancelled',
      patch: { cancelledBy: 'shopper', cancelReason: '不想要了', cancelledAt: T0 + 1 },
      timelineEntry: { text: '您已取消订单（原因：不想要了）' },
    })
    const byMerchant = unwrap(transition(order(), 'merchantCancel', { now: T0 + 1, actor: 'merchant' }))
    expect(byMerchant).toMatchObject({
      to: 'cancelled',
      patch: { cancelledBy: 'merchant' },
      timelineEntry: { text: '商家已取消订单' },
    })
  })

  it('cancels paid-not-shipped orders only within the window, then refunds', () => {
    const paid = order({ status: 'paid', paidAt: T0 })
    const inside = unwrap(transition(paid, 'cancel', { now: T0 + 30 * MIN, actor: 'shopper' }))
    expect(inside).toMatchObject({ to: 'refunding', timelineEntry: { text: '您已取消订单，退款处理中' } })
    expect(transition(paid, 'cancel', { now: T0 + 30 * MIN + 1, actor: 'shopper' })).toMatchObject({
      ok: false,
      error: { code: 'CANCEL_WINDOW_CLOSED' },
    })
    expect(
      transition(paid, 'cancel', { now: T0 + 2 * DAY, actor: 'shopper', config: { cancelWindowMs: 3 * DAY } })
        .ok,
    ).toBe(true)
    // The merchant is not bound by the shopper's window.
    expect(unwrap(transition(paid, 'merchantCancel', { now: T0 + 5 * DAY, actor: 'merchant' })).to).toBe(
      'refunding',
    )
    const refunded = unwrap(transition(order({ status: 'refunding' }), 'refundSucceeded', sys(T0)))
    expect(refunded).toMatchObject({ to: 'refunded', timelineEntry: { text: '退款成功，¥123.00已原路退回' } })
  })

  it('closes unpaid orders only after the payment timeout', () => {
    expect(transition(order(), 'timeout', sys(T0 + defaultOrderTiming.payTimeoutMs - 1))).toMatchObject({
      ok: false,
      error: { code: 'ORDER_STATE_INVALID' },
    })
    expect(unwrap(transition(order(), 'timeout', sys(T0 + 15 * MIN)))).toMatchObject({
      to: 'closed',
      patch: { closedAt: T0 + 15 * MIN },
      timelineEntry: { text: '订单超时未支付，已自动关闭' },
    })
  })

  it('handles a payment that arrives after the order ended: refund, or revive a timed-out order', () => {
    const late = unwrap(transition(order({ status: 'closed' }), 'pay', sys(T0 + DAY, { paidAmount: 12300 })))
    expect(late).toMatchObject({
      to: 'refunding',
      timelineEntry: { text: '已通过微信支付付款¥123.00，订单已关闭，款项将原路退回' },
    })
    expect(unwrap(transition(order({ status: 'cancelled' }), 'pay', sys(T0, { paidAmount: 12300 }))).to).toBe(
      'refunding',
    )
    const revived = unwrap(transition(order({ status: 'closed' }), 'revive', sys(T0, { paidAmount: 12300 })))
    expect(revived).toMatchObject({
      to: 'paid',
      timelineEntry: { text: '已通过微信支付付款¥123.00，订单已恢复' },
    })
    expect(transition(order({ status: 'cancelled' }), 'revive', sys(T0, { paidAmount: 12300 })).ok).toBe(
      false,
    )
  })

  it('auto-confirms receipt only after the configured time', () => {
    const shipped = order({ status: 'shipped', shippedAt: T0 })
    expect(transition(shipped, 'autoConfirm', sys(T0 + 10 * DAY - 1)).ok).toBe(false)
    expect(unwrap(transition(shipped, 'autoConfirm', sys(T0 + 10 * DAY))).timelineEntry.text).toBe(
      '已超过收货期限，系统自动确认收货',
    )
    expect(
      transition(order({ status: 'paid', paidAt: T0 }), 'confirmReceipt', { now: T0, actor: 'shopper' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'ORDER_STATE_INVALID' },
    })
  })

  it('needs a carrier and tracking number to ship', () => {
    const paid = order({ status: 'paid', paidAt: T0 })
    for (const shipment of [
      undefined,
      { carrier: '', trackingNo: 'x' },
      { carrier: 'SF', trackingNo: '  ' },
    ]) {
      expect(
        transition(paid, 'ship', { now: T0, actor: 'merchant', ...(shipment ? { shipment } : {}) }),
      ).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      })
    }
  })

  it('random event sequences only ever follow the table', () => {
    forAll(
      (r) => Array.from({ length: 12 }, () => ({ event: r.pick(allEvents), dt: r.int(0, 3) * DAY })),
      (steps) => {
        let o: OrderLike = order()
        let now = T0
        for (const { event, dt } of steps) {
          now += dt
          const actor = orderEventActors[event][0]!
          const r = transition(o, event, {
            now,
            actor,
            paidAmount: o.payable,
            shipment: { carrier: 'SF', trackingNo: '1' },
            config: { cancelWindowMs: DAY },
          })
          if (!r.ok) continue
          check(orderTransitions[o.status][event] === r.value.to, 'target from the table')
          check(
            r.value.timelineEntry.text.length > 0 && r.value.timelineEntry.status === r.value.to,
            'timeline entry',
          )
          o = { ...o, ...r.value.patch, status: r.value.to } as OrderLike
        }
      },
      { runs: 1000 },
    )
  })
})

describe('toOrderLines', () => {
  it('merges duplicate SKUs keeping order and the first extra fields', () => {
    const r = toOrderLines([
      { skuId: 'a', quantity: 1, from: 'cart' },
      { skuId: 'b', quantity: 2, from: 'cart' },
      { skuId: 'a', quantity: 3, from: 'again' },
    ])
    expect(r).toEqual({
      ok: true,
      value: [
        { skuId: 'a', quantity: 4, from: 'cart' },
        { skuId: 'b', quantity: 2, from: 'cart' },
      ],
    })
  })
  it('refuses bad quantities, empty carts and over-merged lines', () => {
    for (const quantity of [0, -1, 1.5, 1000, NaN, '2' as unknown as number]) {
      expect(toOrderLines([{ skuId: 'a', quantity }])).toMatchObject({
        ok: false,
        error: { code: 'QUANTITY_INVALID' },
      })
    }
    expect(toOrderLines([])).toMatchObject({ ok: false, error: { code: 'CART_EMPTY' } })
    expect(toOrderLines([{ skuId: '', quantity: 1 }])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(
      toOrderLines([
        { skuId: 'a', quantity: 500 },
        { skuId: 'a', quantity: 500 },
      ]),
    ).toMatchObject({
      ok: false,
      error: { code: 'QUANTITY_INVALID', details: { skuId: 'a', quantity: 1000 } },
    })
    expect(toOrderLines([{ skuId: 'a', quantity: 999 }]).ok).toBe(true)
  })
  it('does not change its input', () => {
    const items = [
      { skuId: 'a', quantity: 1 },
      { skuId: 'a', quantity: 2 },
    ]
    toOrderLines(items)
    expect(items).toEqual([
      { skuId: 'a', quantity: 1 },
      { skuId: 'a', quantity: 2 },
    ])
  })
})
