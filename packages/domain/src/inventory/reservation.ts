import { toOrderLines } from '../order/lines'
import { fail, type DomainError } from '../result/errors'
import { ok, type Result } from '../result/result'

/**
 * Stock held for an order, as data. reserved -> committed (paid) | released (cancelled before payment)
 * | expired (payment timeout); committed -> restocked (paid, then cancelled before shipping). Stock
 * goes back only on the one transition out of `reserved` or `committed`, so a second release, a
 * release after expiry or an expiry after commit is refused: "release exactly once" is a property of
 * the state, enforced by the caller's compare-and-set on `status`.
 */
export type ReservationStatus = 'reserved' | 'committed' | 'released' | 'expired' | 'restocked'

export interface ReservationLine {
  readonly skuId: string
  readonly quantity: number
}

export interface Reservation {
  readonly id: string
  readonly orderId: string
  readonly lines: readonly ReservationLine[]
  readonly status: ReservationStatus
  readonly createdAt: number
  readonly expiresAt: number
  readonly settledAt?: number
  readonly reason?: string
}

/** Stock to apply per SKU: negative takes stock, positive gives it back. */
export interface StockMovement {
  readonly skuId: string
  readonly delta: number
}

export interface ReservationChange {
  readonly from: ReservationStatus | null
  readonly reservation: Reservation
  readonly movements: readonly StockMovement[]
}

const movements = (lines: readonly ReservationLine[], sign: 1 | -1): StockMovement[] =>
  lines.map((l) => ({ skuId: l.skuId, delta: sign * l.quantity }))

const wrongState = (r: Reservation, action: string): Result<never, DomainError> =>
  fail('RESERVATION_STATE_INVALID', `cannot ${action} a reservation that is ${r.status}`, {
    id: r.id,
    status: r.status,
  })

export interface ReserveInput {
  readonly id: string
  readonly orderId: string
  readonly lines: readonly ReservationLine[]
  readonly now: number
  /** How long the stock is held unpaid (the order payment timeout). */
  readonly ttlMs: number
}

export const reserve = (input: ReserveInput): Result<ReservationChange, DomainError> => {
  if (!input.id || !input.orderId) return fail('INVALID_INPUT', 'reservation needs an id and an order id')
  if (!(input.ttlMs > 0) || !Number.isFinite(input.now)) return fail('INVALID_INPUT', 'invalid now or ttl')
  const lines = toOrderLines(input.lines)
  if (!lines.ok) return lines
  const reservation: Reservation = {
    id: input.id,
    orderId: input.orderId,
    lines: lines.value.map((l) => ({ skuId: l.skuId, quantity: l.quantity })),
    status: 'reserved',
    createdAt: input.now,
    expiresAt: input.now + input.ttlMs,
  }
  return ok({ from: null, reservation, movements: movements(reservation.lines, -1) })
}

/** Payment confirmed: the held stock is sold. Allowed even past expiresAt while nothing released it. */
export const commit = (r: Reservation, now: number): Result<ReservationChange, DomainError> =>
  r.status !== 'reserved'
    ? wrongState(r, 'commit')
    : ok({ from: r.status, reservation: { ...r, status: 'committed', settledAt: now }, movements: [] })

/** Cancelled before payment: the stock goes back once. */
export const release = (
  r: Reservation,
  now: number,
  reason: string,
): Result<ReservationChange, DomainError> =>
  r.status !== 'reserved'
    ? wrongState(r, 'release')
    : ok({
        from: r.status,
        reservation: { ...r, status: 'released', settledAt: now, reason },
        movements: movements(r.lines, 1),
      })

/** Payment timeout: only once due, and the stock goes back once. */
export const expire = (r: Reservation, now: number): Result<ReservationChange, DomainError> => {
  if (r.status !== 'reserved') return wrongState(r, 'expire')
  if (now < r.expiresAt)
    return fail('RESERVATION_STATE_INVALID', 'reservation not due yet', { id: r.id, expiresAt: r.expiresAt })
  return ok({
    from: r.status,
    reservation: { ...r, status: 'expired', settledAt: now, reason: 'timeout' },
    movements: movements(r.lines, 1),
  })
}

/** Paid, then cancelled before shipping: the sold stock goes back once. */
export const restock = (
  r: Reservation,
  now: number,
  reason: string,
): Result<ReservationChange, DomainError> =>
  r.status !== 'committed'
    ? wrongState(r, 'restock')
    : ok({
        from: r.status,
        reservation: { ...r, status: 'restocked', settledAt: now, reason },
        movements: movements(r.lines, 1),
      })

/**
 * Pre-check against a stock snapshot (for a clear message listing every short SKU). The real guard is
 * the conditional decrement (`stock >= n`) in the repository.
 */
export const checkStock = (
  stock: Readonly<Record<string, number>>,
  lines: readonly ReservationLine[],
): Result<true, DomainError> => {
  const available = (skuId: string): number =>
    Object.prototype.hasOwnProperty.call(stock, skuId) && Number.isSafeInteger(stock[skuId])
      ? stock[skuId]!
      : 0
  const short = lines
    .filter((l) => !(available(l.skuId) >= l.quantity))
    .map((l) => ({ skuId: l.skuId, wanted: l.quantity, available: available(l.skuId) }))
  return short.length === 0 ? ok(true) : fail('OUT_OF_STOCK', `short on ${short.length} sku(s)`, { short })
}
