/**
 * CloudBase timer triggers use a 7-field cron: `sec min hour day month weekday year`.
 * Supported per field: `*`, `?`, numbers, `a-b`, lists `a,b`, steps `* /n` and `a-b/n`, month and weekday names.
 * CloudBase evaluates them in China time (UTC+8, no DST), which is the default offset here.
 */
export interface Cron {
  source: string
  sec: Set<number>
  min: Set<number>
  hour: Set<number>
  day: Set<number>
  month: Set<number>
  weekday: Set<number>
  year: Set<number> | null
  dayAny: boolean
  weekdayAny: boolean
}

export const CHINA_TZ_OFFSET_MS = 8 * 3600_000

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

function parseValue(raw: string, names: string[] | undefined, base: number): number {
  const upper = raw.toUpperCase()
  const named = names ? names.indexOf(upper) : -1
  if (named >= 0) return named + base
  if (!/^\d+$/.test(raw)) throw new Error(`bad cron value "${raw}"`)
  return Number(raw)
}

function parseField(field: string, lo: number, hi: number, names?: string[], base = 0): Set<number> {
  const out = new Set<number>()
  for (const part of field.split(',')) {
    const [range, stepRaw] = part.split('/')
    const step = stepRaw === undefined ? 1 : Number(stepRaw)
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad cron step in "${part}"`)
    let from: number
    let to: number
    if (range === '*' || range === '?') {
      from = lo
      to = hi
    } else if (range.includes('-')) {
      const [a, b] = range.split('-')
      from = parseValue(a, names, base)
      to = parseValue(b, names, base)
    } else {
      from = parseValue(range, names, base)
      to = stepRaw === undefined ? from : hi
    }
    if (from < lo || to > hi || from > to)
      throw new Error(`cron value out of range in "${part}" (${lo}-${hi})`)
    for (let v = from; v <= to; v += step) out.add(v)
  }
  return out
}

export function parseCron(source: string): Cron {
  const fields = source.trim().split(/\s+/)
  if (fields.length !== 7)
    throw new Error(`cron "${source}" must have 7 fields: sec min hour day month weekday year`)
  const [sec, min, hour, day, month, weekday, year] = fields
  const weekdays = parseField(weekday, 0, 7, DAYS)
  if (weekdays.has(7)) weekdays.add(0) // 7 is Sunday too
  return {
    source,
    sec: parseField(sec, 0, 59),
    min: parseField(min, 0, 59),
    hour: parseField(hour, 0, 23),
    day: parseField(day, 1, 31),
    month: parseField(month, 1, 12, MONTHS, 1),
    weekday: weekdays,
    year: year === '*' || year === '?' ? null : parseField(year, 1970, 2199),
    dayAny: day === '*' || day === '?',
    weekdayAny: weekday === '*' || weekday === '?',
  }
}

function dayMatches(c: Cron, d: Date): boolean {
  const byDay = c.day.has(d.getUTCDate())
  const byWeekday = c.weekday.has(d.getUTCDay())
  if (c.dayAny && c.weekdayAny) return true
  if (c.dayAny) return byWeekday
  if (c.weekdayAny) return byDay
  return byDay || byWeekday // classic cron: either restriction matches
}

/** The first firing time strictly after `afterMs` (epoch ms), or null if there is none within ~5 years. */
export function nextFire(c: Cron, afterMs: number, tzOffsetMs = CHINA_TZ_OFFSET_MS): number | null {
  // Work on a Date whose UTC fields show the wall clock of the trigger's time zone.
  const d = new Date(Math.floor(afterMs / 1000) * 1000 + 1000 + tzOffsetMs)
  const limitYear = d.getUTCFullYear() + 5
  while (d.getUTCFullYear() <= limitYear) {
    if (c.year && !c.year.has(d.getUTCFullYear())) {
      d.setUTCFullYear(d.getUTCFullYear() + 1, 0, 1)
      d.setUTCHours(0, 0, 0)
      continue
    }
    if (!c.month.has(d.getUTCMonth() + 1)) {
      d.setUTCMonth(d.getUTCMonth() + 1, 1)
      d.setUTCHours(0, 0, 0)
      continue
    }
    if (!dayMatches(c, d)) {
      d.setUTCDate(d.getUTCDate() + 1)
      d.setUTCHours(0, 0, 0)
      continue
    }
    if (!c.hour.has(d.getUTCHours())) {
      d.setUTCHours(d.getUTCHours() + 1, 0, 0)
      continue
    }
    if (!c.min.has(d.getUTCMinutes())) {
      d.setUTCMinutes(d.getUTCMinutes() + 1, 0)
      continue
    }
    if (!c.sec.has(d.getUTCSeconds())) {
      d.setUTCSeconds(d.getUTCSeconds() + 1)
      continue
    }
    return d.getTime() - tzOffsetMs
  }
  return null
}
