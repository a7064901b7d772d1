/** Formats milliseconds with the vant tokens DD, HH, mm, ss (the largest token present absorbs overflow). */
export function formatDuration(ms: number, format: string): string {
  let left = Math.max(0, Math.floor(ms / 1000))
  const pad = (n: number) => String(n).padStart(2, '0')
  const units: [string, number][] = [
    ['DD', 86400],
    ['HH', 3600],
    ['mm', 60],
    ['ss', 1],
  ]
  let out = format
  for (const [token, seconds] of units) {
    if (!out.includes(token)) continue
    const value = Math.floor(left / seconds)
    left -= value * seconds
    out = out.replace(token, pad(value))
  }
  return out
}
