/**
 * Points expire at the end of the calendar year after the one they were earned in, in China time
 * (UTC+8): points earned on 2026-03-05 are good through 2027-12-31 and gone from 2028-01-01 00:00 +08:00.
 * `expiresAt` is that first instant they are no longer valid.
 */
export const CHINA_OFFSET_MS = 8 * 3_600_000

/** The calendar year of an instant in China time. */
export const chinaYear = (at: number): number => new Date(at + CHINA_OFFSET_MS).getUTCFullYear()

/** The first instant of a calendar year in China time. */
export const chinaYearStart = (year: number): number => Date.UTC(year, 0, 1) - CHINA_OFFSET_MS

/** When points earned at `earnedAt` stop being valid. */
export const pointsExpiryAt = (earnedAt: number): number => chinaYearStart(chinaYear(earnedAt) + 2)

/** The year whose points expire at `expiresAt` (the inverse of pointsExpiryAt). */
export const earnYearOfExpiry = (expiresAt: number): number => chinaYear(expiresAt) - 2

/** 'YYYY-MM-DD' of the last valid day (China time) for points expiring at `expiresAt`. */
export const lastValidDay = (expiresAt: number): string =>
  new Date(expiresAt - 1 + CHINA_OFFSET_MS).toISOString().slice(0, 10)

export interface PointsCredit {
  /** positive points posted */
  amount: number
  at: number
  /** set on credits that expire (earned points) */
  expiresAt?: number
}

/**
 * FIFO expiry: points are spent oldest first, so what is left of everything credited up to the end of
 * year Y is `balance − credits posted after Y` (never below 0), and of that, the newest part is year Y's
 * own expiring credits: expire `min(earned in Y, max(0, balance − credits after Y))`. Credits without an
 * expiry (opening balances, spent points given back) count as credits but never expire themselves.
 */
export function fifoExpiry(balance: number, credits: readonly PointsCredit[], year: number): number {
  const after = chinaYearStart(year + 1)
  const expiresAt = chinaYearStart(year + 2)
  let earnedInYear = 0
  let later = 0
  for (const c of credits) {
    if (c.amount <= 0) continue
    if (c.at >= after) later += c.amount
    else if (c.expiresAt === expiresAt) earnedInYear += c.amount
  }
  return Math.max(0, Math.min(earnedInYear, balance - later))
}

/**
 * What will expire when, as the points page shows it: for each year with expiring credits not yet
 * expired at `now`, what FIFO would expire if nothing else happened. Earliest first, amounts above 0 only.
 */
export function expirySchedule(
  balance: number,
  credits: readonly PointsCredit[],
  now: number,
): Array<{ expiresAt: number; amount: number }> {
  const years = new Set<number>()
  for (const c of credits)
    if (c.amount > 0 && c.expiresAt !== undefined && c.expiresAt > now)
      years.add(earnYearOfExpiry(c.expiresAt))
  return [...years]
    .sort((a, b) => a - b)
    .map((y) => ({ expiresAt: chinaYearStart(y + 2), amount: fifoExpiry(balance, credits, y) }))
    .filter((e) => e.amount > 0)
}
