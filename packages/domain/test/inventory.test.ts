import { checkStock, commit, expire, release, reserve, restock, unwrap, type Reservation } from '../src'
import { check, forAll } from './prop'

const T0 = 1_800_000_000_000
const TTL = 15 * 60_000
const held = (): Reservation =>
  unwrap(
    reserve({
      id: 'r1',
      orderId: 'o1',
      lines: [
        { skuId: 'a', quantity: 2 },
        { skuId: 'b', quantity: 1 },
        { skuId: 'a', quantity: 1 },
      ],
      now: T0,
      ttlMs: TTL,
    }),
  ).reservation

describe('stock reservation', () => {
  it('reserves merged lines and takes the stock', () => {
    const r = unwrap(
      reserve({
        id: 'r1',
        orderId: 'o1',
        lines: [
          { skuId: 'a', quantity: 2 },
          { skuId: 'a', quantity: 1 },
        ],
        now: T0,
        ttlMs: TTL,
      }),
    )
    expect(r).toEqual({
      from: null,
      reservation: {
        id: 'r1',
        orderId: 'o1',
        lines: [{ skuId: 'a', quantity: 3 }],
        status: 'reserved',
        createdAt: T0,
        expiresAt: T0 + TTL,
      },
      movements: [{ skuId: 'a', delta: -3 }],
    })
  })

  it('refuses bad reservations', () => {
    expect(
      reserve({ id: 'r', orderId: 'o', lines: [{ skuId: 'a', quantity: 0 }], now: T0, ttlMs: TTL }),
    ).toMatchObject({
      ok: false,
      error: { code: 'QUANTITY_INVALID' },
    })
    expect(reserve({ id: 'r', orderId: 'o', lines: [], now: T0, ttlMs: TTL })).toMatchObject({
      ok: false,
      error: { code: 'CART_EMPTY' },
    })
    expect(
      reserve({ id: '', orderId: 'o', lines: [{ skuId: 'a', quantity: 1 }], now: T0, ttlMs: TTL }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(
      reserve({ id: 'r', orderId: 'o', lines: [{ skuId: 'a', quantity: 1 }], now: T0, ttlMs: 0 }).ok,
    ).toBe(false)
  })

  it('gives stock back exactly once on release', () => {
    const r = held()
    const released = unwrap(release(r, T0 + 1, 'cancelled'))
    expect(released.movements).toEqual([
      { skuId: 'a', delta: 3 },
      { skuId: 'b', delta: 1 },
    ])
    expect(released.reservation).toMatchObject({ status: 'released', settledAt: T0 + 1, reason: 'cancelled' })
    for (const again of [
      release(released.reservation, T0 + 2, 'again'),
      expire(released.reservation, T0 + TTL),
      commit(released.reservation, T0 + 2),
      restock(released.reservation, T0 + 2, 'x'),
    ]) {
      expect(again).toMatchObject({
        ok: false,
        error: { code: 'RESERVATION_STATE_INVALID', details: { status: 'released' } },
      })
    }
    // the original record is untouched
    expect(r.status).toBe('reserved')
  })

  it('expires only when due', () => {
    const r = held()
    expect(expire(r, T0 + TTL - 1)).toMatchObject({ ok: false, error: { code: 'RESERVATION_STATE_INVALID' } })
    const e = unwrap(expire(r, T0 + TTL))
    expect(e.reservation).toMatchObject({ status: 'expired', reason: 'timeout' })
    expect(e.movements.map((m) => m.delta)).toEqual([3, 1])
    expect(release(e.reservation, T0 + TTL, 'late').ok).toBe(false)
  })

  it('commits on payment (even late, while not released) and restocks once after a paid cancel', () => {
    const c = unwrap(commit(held(), T0 + TTL + 5))
    expect(c).toMatchObject({ from: 'reserved', reservation: { status: 'committed' }, movements: [] })
    expect(expire(c.reservation, T0 + 2 * TTL).ok).toBe(false)
    expect(release(c.reservation, T0 + 2 * TTL, 'x').ok).toBe(false)
    const back = unwrap(restock(c.reservation, T0 + 2 * TTL, 'paid order cancelled'))
    expect(back.movements.map((m) => m.delta)).toEqual([3, 1])
    expect(restock(back.reservation, T0 + 3 * TTL, 'again').ok).toBe(false)
  })

  it('whatever the sequence, the stock returned never exceeds the stock taken', () => {
    const ops = ['commit', 'release', 'expire', 'restock'] as const
    forAll(
      (r) => Array.from({ length: 8 }, () => ({ op: r.pick(ops), dt: r.int(0, TTL) })),
      (steps) => {
        const start = unwrap(
          reserve({ id: 'r', orderId: 'o', lines: [{ skuId: 'a', quantity: 5 }], now: T0, ttlMs: TTL }),
        )
        let stock = start.movements[0]!.delta
        let res = start.reservation
        let now = T0
        for (const { op, dt } of steps) {
          now += dt
          const out =
            op === 'commit'
              ? commit(res, now)
              : op === 'expire'
                ? expire(res, now)
                : op === 'release'
                  ? release(res, now, 'x')
                  : restock(res, now, 'x')
          if (!out.ok) continue
          res = out.value.reservation
          for (const m of out.value.movements) stock += m.delta
        }
        check(stock === -5 || stock === 0, 'stock is either held/sold once or returned once')
        check(
          stock === 0 ? res.status !== 'reserved' && res.status !== 'committed' : true,
          'returned only when settled',
        )
      },
    )
  })

  it('pre-checks stock and lists every short SKU', () => {
    expect(checkStock({ a: 5, b: 1 }, [{ skuId: 'a', quantity: 5 }])).toEqual({ ok: true, value: true })
    expect(
      checkStock({ a: 5, b: 1 }, [
        { skuId: 'a', quantity: 6 },
        { skuId: 'b', quantity: 1 },
        { skuId: 'constructor', quantity: 1 },
      ]),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'OUT_OF_STOCK',
        details: {
          short: [
            { skuId: 'a', wanted: 6, available: 5 },
            { skuId: 'constructor', wanted: 1, available: 0 },
          ],
        },
      },
    })
  })
})
