import {
  aftersaleDue,
  aftersaleEffects,
  aftersaleOffer,
  allocateRefund,
  proportionalPoints,
  transitionAftersale,
  unitsShare,
  unwrap,
  type AftersaleLike,
  type RefundableOrder,
} from '../src'
import { forAll } from './prop'

const T0 = 1_800_000_000_000
const H = 3_600_000
const D = 24 * H
const req = (over: Partial<AftersaleLike> = {}): AftersaleLike => ({
  status: 'requested',
  type: 'returnAndRefund',
  amount: 5990,
  requestedAt: T0,
  ...over,
})

describe('after-sales machine', () => {
  it('return and refund: approve, ship back, receive, refund', () => {
    expect(unwrap(transitionAftersale(req(), 'approve', { now: T0 + H, actor: 'merchant' }))).toMatchObject({
      to: 'awaitingReturn',
      timelineEntry: { text: '商家已同意，请寄回商品并填写快递单号' },
    })
    const waiting = req({ status: 'awaitingReturn', approvedAt: T0 + H })
    const tracking = { carrier: '顺丰速运', trackingNo: 'SF123456' }
    expect(
      unwrap(transitionAftersale(waiting, 'shipBack', { now: T0 + 2 * H, actor: 'shopper', tracking })).to,
    ).toBe('returning')
    const returning = req({ status: 'returning', shippedBackAt: T0 + 2 * H })
    expect(
      unwrap(transitionAftersale(returning, 'confirmReturn', { now: T0 + D, actor: 'merchant' })).to,
    ).toBe('refunding')
    expect(
      unwrap(
        transitionAftersale(req({ status: 'refunding' }), 'refundSucceeded', { now: T0, actor: 'system' }),
      ).timelineEntry.text,
    ).toBe('退款成功，¥59.90已原路退回')
  })

  it('refund-only goes to the refund on approval, and is auto-approved only after 48 h', () => {
    const r = req({ type: 'refundOnly' })
    expect(unwrap(transitionAftersale(r, 'approve', { now: T0, actor: 'merchant' })).to).toBe('refunding')
    expect(transitionAftersale(r, 'autoApprove', { now: T0 + 47 * H, actor: 'system' })).toMatchObject({
      ok: false,
    })
    expect(unwrap(transitionAftersale(r, 'autoApprove', { now: T0 + 48 * H, actor: 'system' })).to).toBe(
      'refunding',
    )
    // a return is never auto-approved, and ships nothing back when refund-only
    expect(transitionAftersale(req(), 'autoApprove', { now: T0 + 99 * D, actor: 'system' })).toMatchObject({
      ok: false,
      error: { code: 'AFTERSALE_STATE_INVALID' },
    })
  })

  it('checks actors, reasons and tracking numbers', () => {
    expect(transitionAftersale(req(), 'approve', { now: T0, actor: 'shopper' })).toMatchObject({ ok: false })
    expect(transitionAftersale(req(), 'reject', { now: T0, actor: 'merchant', reason: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    const waiting = req({ status: 'awaitingReturn', approvedAt: T0 })
    expect(
      transitionAftersale(waiting, 'shipBack', {
        now: T0,
        actor: 'shopper',
        tracking: { carrier: 'x', trackingNo: '' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    for (const s of ['refunded', 'rejected', 'closed'] as const)
      expect(
        transitionAftersale(req({ status: s }), 'withdraw', { now: T0, actor: 'shopper' }),
      ).toMatchObject({
        ok: false,
      })
  })

  it('closes a return without tracking after 7 days; auto-receives only when configured', () => {
    const waiting = req({ status: 'awaitingReturn', approvedAt: T0 })
    expect(transitionAftersale(waiting, 'expire', { now: T0 + 7 * D - 1, actor: 'system' })).toMatchObject({
      ok: false,
    })
    expect(unwrap(transitionAftersale(waiting, 'expire', { now: T0 + 7 * D, actor: 'system' })).to).toBe(
      'closed',
    )
    const returning = req({ status: 'returning', shippedBackAt: T0 })
    expect(
      transitionAftersale(returning, 'autoConfirmReturn', { now: T0 + 99 * D, actor: 'system' }),
    ).toMatchObject({
      ok: false,
    })
    const config = { autoReceiveMs: 10 * D }
    expect(aftersaleDue(returning, config)).toMatchObject({ at: T0 + 10 * D, event: 'autoConfirmReturn' })
    expect(aftersaleDue(returning)).toBeNull()
    expect(
      unwrap(
        transitionAftersale(returning, 'autoConfirmReturn', { now: T0 + 10 * D, actor: 'system', config }),
      ).to,
    ).toBe('refunding')
    expect(aftersaleDue(req({ type: 'refundOnly' }))).toMatchObject({ at: T0 + 48 * H, event: 'autoApprove' })
  })

  it('declares its effects as data', () => {
    const only = { type: 'refundOnly' } as const
    const ret = { type: 'returnAndRefund' } as const
    expect(aftersaleEffects(only, 'approve', 'refunding', { orderShipped: false })).toEqual([
      'releaseHeld',
      'refundPayment',
      'notify',
    ])
    expect(aftersaleEffects(only, 'approve', 'refunding', { orderShipped: true })).toEqual([
      'refundPayment',
      'notify',
    ])
    expect(aftersaleEffects(ret, 'confirmReturn', 'refunding', { orderShipped: true })).toEqual([
      'restock',
      'refundPayment',
      'notify',
    ])
    expect(aftersaleEffects(ret, 'refundSucceeded', 'refunded', { orderShipped: true })).toContain(
      'closeOrderIfRefunded',
    )
    expect(aftersaleEffects(ret, 'reject', 'rejected', { orderShipped: true })).toEqual(['notify'])
  })
})

const order = (over: Partial<RefundableOrder> = {}): RefundableOrder => ({
  lines: [
    { skuId: 'a', quantity: 3, payable: 1000, refundedQuantity: 0, refundedAmount: 0, open: false },
    { skuId: 'b', quantity: 1, payable: 2999, refundedQuantity: 0, refundedAmount: 0, open: false },
  ],
  shipping: 800,
  shippingRefunded: false,
  shipped: false,
  ...over,
})

describe('after-sales offer', () => {
  it('offers the paid share of the units, with shipping only for the last units of an unshipped order', () => {
    expect(unwrap(aftersaleOffer(order(), [{ skuId: 'a', quantity: 1 }]))).toMatchObject({
      max: 333,
      shipping: 0,
    })
    expect(
      unwrap(
        aftersaleOffer(order(), [
          { skuId: 'a', quantity: 3 },
          { skuId: 'b', quantity: 1 },
        ]),
      ),
    ).toMatchObject({
      goods: 3999,
      shipping: 800,
      max: 4799,
    })
    expect(
      unwrap(
        aftersaleOffer(order({ shipped: true }), [
          { skuId: 'a', quantity: 3 },
          { skuId: 'b', quantity: 1 },
        ]),
      ).shipping,
    ).toBe(0)
  })

  it('counts units cumulatively and subtracts what the line already got back', () => {
    const after = order({
      lines: [
        { skuId: 'a', quantity: 3, payable: 1000, refundedQuantity: 1, refundedAmount: 333, open: false },
        { skuId: 'b', quantity: 1, payable: 2999, refundedQuantity: 1, refundedAmount: 2999, open: false },
      ],
    })
    // 2 more units of a: share(3) − 333 = 667; they are the last units, so shipping comes too
    expect(unwrap(aftersaleOffer(after, [{ skuId: 'a', quantity: 2 }]))).toMatchObject({
      goods: 667,
      shipping: 800,
    })
    expect(aftersaleOffer(after, [{ skuId: 'b', quantity: 1 }])).toMatchObject({
      error: { code: 'QUANTITY_INVALID' },
    })
  })

  it('refuses an open line, a foreign line, a duplicate and more than the offer', () => {
    const open = order({
      lines: [{ skuId: 'a', quantity: 1, payable: 100, refundedQuantity: 0, refundedAmount: 0, open: true }],
    })
    expect(aftersaleOffer(open, [{ skuId: 'a', quantity: 1 }])).toMatchObject({
      error: { code: 'AFTERSALE_LINE_OPEN' },
    })
    expect(aftersaleOffer(order(), [{ skuId: 'z', quantity: 1 }])).toMatchObject({
      error: { code: 'INVALID_INPUT' },
    })
    expect(
      aftersaleOffer(order(), [
        { skuId: 'a', quantity: 1 },
        { skuId: 'a', quantity: 1 },
      ]),
    ).toMatchObject({ error: { code: 'INVALID_INPUT' } })
    const offer = unwrap(aftersaleOffer(order(), [{ skuId: 'a', quantity: 1 }]))
    expect(allocateRefund(offer, 334)).toMatchObject({ error: { code: 'AFTERSALE_AMOUNT_EXCEEDED' } })
    expect(unwrap(allocateRefund(offer, 200)).lines[0]?.amount).toBe(200)
  })

  it('property: however a line is split over requests and amounts, refunds never exceed what was paid', () => {
    forAll(
      (r) => {
        const lines = Array.from({ length: r.int(1, 4) }, (_, i) => ({
          skuId: `s${i}`,
          quantity: r.int(1, 6),
          payable: r.int(0, 50_000),
        }))
        return { lines, shipping: r.int(0, 1500), shipped: r.bool(0.3), seed: r.int(0, 1e9), full: r.bool() }
      },
      (c) => {
        const state = c.lines.map((l) => ({ ...l, refundedQuantity: 0, refundedAmount: 0, open: false }))
        let shippingRefunded = false
        let total = 0
        let k = c.seed
        // random requests until every unit is refunded
        while (state.some((l) => l.refundedQuantity < l.quantity)) {
          const pending = state.filter((l) => l.refundedQuantity < l.quantity)
          const l = pending[k++ % pending.length]!
          const q = 1 + (k++ % (l.quantity - l.refundedQuantity))
          const offer = unwrap(
            aftersaleOffer({ lines: state, shipping: c.shipping, shippingRefunded, shipped: c.shipped }, [
              { skuId: l.skuId, quantity: q },
            ]),
          )
          const asked = c.full || offer.max === 0 ? offer.max : 1 + (k++ % offer.max)
          if (asked === 0) {
            l.refundedQuantity += q
            continue
          }
          const alloc = unwrap(allocateRefund(offer, asked))
          expect(alloc.lines.reduce((s, x) => s + x.amount, 0) + alloc.shipping).toBe(asked)
          l.refundedQuantity += q
          l.refundedAmount += alloc.lines[0]!.amount
          if (offer.shipping > 0) shippingRefunded = true
          total += asked
          expect(l.refundedAmount).toBeLessThanOrEqual(l.payable)
        }
        const paid = c.lines.reduce((s, l) => s + l.payable, 0) + (c.shipped ? 0 : c.shipping)
        expect(total).toBeLessThanOrEqual(c.lines.reduce((s, l) => s + l.payable, 0) + c.shipping)
        if (c.full) expect(total).toBe(c.shipped ? paid : paid)
      },
      { runs: 500 },
    )
  })

  it('shares units so that they sum to the line, and moves points in proportion', () => {
    expect([1, 2, 3].map((k) => unitsShare(1000, 3, k))).toEqual([333, 666, 1000])
    expect(proportionalPoints(500, 333, 1000, 0)).toBe(166)
    expect(proportionalPoints(500, 1000, 1000, 166)).toBe(334)
    expect(proportionalPoints(0, 1000, 1000, 0)).toBe(0)
  })
})
