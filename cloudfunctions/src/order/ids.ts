import { createHash, randomBytes } from 'node:crypto'

/**
 * The order id is derived from (openid, requestId): the same submit from the same shopper always lands on the
 * same document, and the database's unique `_id` makes the 2nd..50th parallel insert fail. 25 characters, so it
 * is also a valid cloudPay outTradeNo (<= 32, [0-9a-zA-Z_-]).
 */
export const orderIdFor = (openid: string, requestId: string): string =>
  'o' + createHash('sha256').update(`${openid}\u0000${requestId}`).digest('hex').slice(0, 24)

/** A human-readable order number: China-time timestamp + 6 digits taken from the id. */
export function orderNoFor(orderId: string, at: number): string {
  const digits = String(parseInt(orderId.slice(1, 9), 16) % 1_000_000).padStart(6, '0')
  return (
    chinaTime(at)
      .replace(/[^0-9]/g, '')
      .slice(0, 14) + digits
  )
}

/** 'yyyy-MM-ddTHH:mm:ss' in UTC+8 (WeChat Pay's timeExpire is China time). */
export function chinaTime(at: number): string {
  return new Date(at + 8 * 3600_000).toISOString().slice(0, 19)
}

/** cloudPay's yyyyMMddHHmmss. */
export const payTime = (at: number): string => chinaTime(at).replace(/[^0-9]/g, '')

export const nonce = (): string => randomBytes(12).toString('hex')

export const newId = (prefix: string): string => prefix + randomBytes(10).toString('hex')
