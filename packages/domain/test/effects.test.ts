import { orderEffects, orderTransitions, type OrderEvent, type OrderStatus } from '../src'

const none = { hasCoupon: false, pointsUsed: 0 }
const all = { hasCoupon: true, pointsUsed: 100, paymentMethod: 'wechat' as const }

test('ending an unpaid order gives back stock, coupon and points; nothing else', () => {
  for (const e of ['cancel', 'merchantCancel'] as const)
    expect(orderEffects('awaitingPayment', e, 'cancelled', all)).toEqual([
      'releaseStock',
      'releaseCoupon',
      'returnPoints',
    ])
  expect(orderEffects('awaitingPayment', 'timeout', 'closed', none)).toEqual(['releaseStock'])
})

test('paid: the coupon becomes used and the shopper is told; paid then cancelled also refunds', () => {
  expect(orderEffects('awaitingPayment', 'pay', 'paid', all)).toEqual(['consumeCoupon', 'notifyPaid'])
  expect(orderEffects('awaitingPayment', 'pay', 'paid', none)).toEqual(['notifyPaid'])
  expect(orderEffects('paid', 'cancel', 'refunding', all)).toEqual([
    'releaseStock',
    'releaseCoupon',
    'returnPoints',
    'refundPayment',
  ])
})

test('a payment landing on an ended order only goes back: the holdings were released when it ended', () => {
  expect(orderEffects('closed', 'pay', 'refunding', all)).toEqual(['refundPayment'])
  expect(orderEffects('cancelled', 'pay', 'refunding', all)).toEqual(['refundPayment'])
})

test('shipping settles the held stock; only WeChat Pay orders upload shipping information', () => {
  expect(orderEffects('paid', 'ship', 'shipped', all)).toEqual([
    'settleStock',
    'uploadShipping',
    'notifyShipped',
  ])
  expect(orderEffects('paid', 'ship', 'shipped', { ...none, paymentMethod: 'balance' })).toEqual([
    'settleStock',
    'notifyShipped',
  ])
})

test('every transition of the table has a defined effect list, and releases happen only when an order ends', () => {
  for (const [from, row] of Object.entries(orderTransitions) as Array<
    [OrderStatus, Record<string, OrderStatus>]
  >)
    for (const [event, to] of Object.entries(row)) {
      const effects = orderEffects(from, event as OrderEvent, to, all)
      expect(Array.isArray(effects)).toBe(true)
      if (effects.includes('releaseStock')) expect(['cancelled', 'closed', 'refunding']).toContain(to)
      if (effects.includes('refundPayment')) expect(to).toBe('refunding')
    }
})

describe('refunded in full by after-sales', () => {
  it('gives a coupon back, and clears leftover stock markers of an order that never shipped', () => {
    const c = { hasCoupon: true, pointsUsed: 0 }
    expect(orderEffects('paid', 'refundedInFull', 'refunded', c)).toEqual(['settleStock', 'restoreCoupon'])
    expect(orderEffects('received', 'refundedInFull', 'refunded', { ...c, hasCoupon: false })).toEqual([])
  })
})
