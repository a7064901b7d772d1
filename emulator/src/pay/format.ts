import { randomBytes } from 'node:crypto'

const CN_OFFSET_MS = 8 * 3600 * 1000

const pad = (n: number, w = 2): string => String(n).padStart(w, '0')

/** WeChat Pay times are China time, `yyyyMMddHHmmss`. */
export function payTime(ms: number): string {
  const d = new Date(ms + CN_OFFSET_MS)
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`
}

/** `yyyy-MM-dd HH:mm:ss`, China time (bills, refund success time). */
export function billTime(ms: number): string {
  const t = payTime(ms)
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)} ${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}`
}

/** `yyyyMMddHHmmss` China time -> epoch ms; undefined when malformed. */
export function parsePayTime(v: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(v)
  if (!m) return undefined
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number]
  const ms = Date.UTC(y, mo - 1, d, h, mi, se) - CN_OFFSET_MS
  return payTime(ms) === v ? ms : undefined
}

export const billDate = (ms: number): string => payTime(ms).slice(0, 8)

export const yuan = (fen: number): string => (fen / 100).toFixed(2)

export const nonce = (): string => randomBytes(8).toString('hex')

let seq = 0
/** Digits-only ids like WeChat's (transaction 42000..., refund 50300...): prefix + time + a counter. */
export function digitsId(prefix: string, nowMs: number): string {
  seq = (seq + 1) % 100000
  return `${prefix}${payTime(nowMs)}${pad(seq, 5)}${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`.slice(
    0,
    28,
  )
}

export const prepayIdOf = (): string => `wx${randomBytes(14).toString('hex')}`.slice(0, 32)

export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
