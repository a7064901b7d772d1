import {
  aftersaleStatusLabels,
  checkRefundAmount,
  transitionAftersale,
  unwrap,
  type AftersaleLike,
} from '../src'

const T0 = 1_800_000_000_000
const H = 3_600_000
const req = (over: Partial<AftersaleLike> = {}): AftersaleLike => ({
  status: 'requested',
  type: 'returnAndRefund',
  amount: 5990,
  requestedAt: T0,
  ...over,
})

describe('after-sales machine', () => {
  it('return and refund: approve, ship back, receive, refund', () => {
    const a = unwrap(transitionAftersale(req(), 'approve', { now: T0 + H, actor: 'merchant' }))
    expect(a).toMatchObject({
      to: 'approved',
      timelineEntry: { text: '商家已同意，请寄回商品并填写快递单号' },
    })
    const approved = req({ status: 'approved', approvedAt: T0 + H })
    expect(transitionAftersale(approved, 'refund', { now: T0, actor: 'system' })).toMatchObject({
      ok: false,
      error: { code: 'AFTERSALE_STATE_INVALID' },
    })
    expect(transitionAftersale(approved, 'shipBack', { now: T0, actor: 'shopper' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    const s = unwrap(
      transitionAftersale(approved, 'shipBack', {
        now: T0 + 2 * H,
        actor: 'shopper',
        tracking: { carrier: '中通', trackingNo: 'ZT1' },
      }),
    )
    expect(s).toMatchObject({ to: 'returning', timelineEntry: { text: '您已寄回商品（中通 ZT1）' } })
    expect(
      unwrap(
        transitionAftersale(req({ status: 'returning' }), 'confirmReturn', { now: T0, actor: 'merchant' }),
      ).to,
    ).toBe('received')
    const done = unwrap(
      transitionAftersale(req({ status: 'received' }), 'refund', { now: T0, actor: 'system' }),
    )
    expect(done).toMatchObject({ to: 'refunded', timelineEntry: { text: '退款成功，¥59.90已原路退回' } })
  })

  it('refund only goes straight from approved to refunded, and ships nothing', () => {
    const approved = req({ status: 'approved', type: 'refundOnly' })
    expect(unwrap(transitionAftersale(approved, 'refund', { now: T0, actor: 'system' })).to).toBe('refunded')
    expect(
      transitionAftersale(approved, 'shipBack', {
        now: T0,
        actor: 'shopper',
        tracking: { carrier: 'x', trackingNo: 'y' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'AFTERSALE_STATE_INVALID' } })
  })

  it('auto-approves only after the merchant had time, rejects only with a reason', () => {
    expect(transitionAftersale(req(), 'autoApprove', { now: T0 + 47 * H, actor: 'system' }).ok).toBe(false)
    expect(
      unwrap(
        transitionAftersale(req({ type: 'refundOnly' }), 'autoApprove', {
          now: T0 + 48 * H,
          actor: 'system',
        }),
      ).timelineEntry.text,
    ).toBe('商家未及时处理，系统已自动同意，退款处理中')
    expect(transitionAftersale(req(), 'reject', { now: T0, actor: 'merchant' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(
      unwrap(transitionAftersale(req(), 'reject', { now: T0, actor: 'merchant', reason: '商品已使用' }))
        .timelineEntry.text,
    ).toBe('商家已拒绝（原因：商品已使用）')
    expect(transitionAftersale(req(), 'approve', { now: T0, actor: 'shopper' })).toMatchObject({
      ok: false,
      error: { code: 'AFTERSALE_STATE_INVALID' },
    })
  })

  it('closes on withdrawal or when the return is not sent in time; final states accept nothing', () => {
    expect(unwrap(transitionAftersale(req(), 'withdraw', { now: T0, actor: 'shopper' })).to).toBe('closed')
    const approved = req({ status: 'approved', approvedAt: T0 })
    expect(transitionAftersale(approved, 'expire', { now: T0 + 7 * 24 * H - 1, actor: 'system' }).ok).toBe(
      false,
    )
    expect(
      unwrap(transitionAftersale(approved, 'expire', { now: T0 + 7 * 24 * H, actor: 'system' })).to,
    ).toBe('closed')
    for (const status of ['rejected', 'refunded', 'closed'] as const) {
      expect(transitionAftersale(req({ status }), 'withdraw', { now: T0, actor: 'shopper' }).ok).toBe(false)
    }
    expect(Object.keys(aftersaleStatusLabels)).toHaveLength(7)
  })

  it('caps the refund at what was paid minus what was refunded', () => {
    expect(checkRefundAmount(5000, 8000, 3000)).toEqual({ ok: true, value: 5000 })
    expect(checkRefundAmount(5001, 8000, 3000)).toMatchObject({
      ok: false,
      error: { code: 'AMOUNT_MISMATCH', details: { max: 5000 } },
    })
    expect(checkRefundAmount(0, 8000, 0)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})
