import { err, type Err } from './result'

/**
 * Stable codes of expected domain failures. They mirror packages/contract's error catalogue, which holds
 * the Chinese message shown to shoppers; `message` here is a developer-facing detail.
 */
export const domainErrorCodes = [
  'INVALID_INPUT',
  'CONFLICT',
  'DUPLICATE_REQUEST',
  'SKU_NOT_FOUND',
  'SKU_OFF_SHELF',
  'OUT_OF_STOCK',
  'PRICE_CHANGED',
  'QUANTITY_INVALID',
  'CART_EMPTY',
  'ADDRESS_REQUIRED',
  'COUPON_NOT_APPLICABLE',
  'COUPON_EXPIRED',
  'COUPON_USED',
  'POINTS_INSUFFICIENT',
  'AMOUNT_MISMATCH',
  'ORDER_STATE_INVALID',
  'CANCEL_WINDOW_CLOSED',
  'PAYMENT_CLOSED',
  'BALANCE_INSUFFICIENT',
  'RESERVATION_STATE_INVALID',
  'AFTERSALE_STATE_INVALID',
  'AFTERSALE_LINE_OPEN',
  'AFTERSALE_AMOUNT_EXCEEDED',
  'GROUP_STATE_INVALID',
] as const

export type DomainErrorCode = (typeof domainErrorCodes)[number]

export interface DomainError {
  readonly code: DomainErrorCode
  readonly message?: string
  readonly details?: Readonly<Record<string, unknown>>
}

export const domainError = (
  code: DomainErrorCode,
  message?: string,
  details?: Record<string, unknown>,
): DomainError => {
  const e: { code: DomainErrorCode; message?: string; details?: Record<string, unknown> } = { code }
  if (message !== undefined) e.message = message
  if (details !== undefined) e.details = details
  return e
}

/** Shorthand for `err(domainError(...))`. */
export const fail = (
  code: DomainErrorCode,
  message?: string,
  details?: Record<string, unknown>,
): Err<DomainError> => err(domainError(code, message, details))

export const isDomainErrorCode = (code: unknown): code is DomainErrorCode =>
  typeof code === 'string' && (domainErrorCodes as readonly string[]).indexOf(code) >= 0
