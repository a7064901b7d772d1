const HOUR = 3_600_000
const DAY = 24 * HOUR

/**
 * "剩余 1天3小时" for a deadline days away: after-sales deadlines are counted in days, so a ticking
 * mm:ss countdown would only add noise (and a re-render every second).
 */
export function timeLeft(dueAt: number, now = Date.now()): string {
  const left = dueAt - now
  if (left <= 0) return '即将处理'
  const days = Math.floor(left / DAY)
  const hours = Math.floor((left % DAY) / HOUR)
  if (days > 0) return `剩余 ${days}天${hours > 0 ? `${hours}小时` : ''}`
  if (hours > 0) return `剩余 ${hours}小时`
  return `剩余 ${Math.max(1, Math.ceil(left / 60_000))}分钟`
}
