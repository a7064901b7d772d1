/**
 * The functions' notion of "now". In CloudBase it is the real time; the local emulator lets tests and the
 * dev console move time forward and tells each invocation how far through MALL_CLOCK_OFFSET_MS.
 */
export const now = (): number => Date.now() + clockOffsetMs()

export const nowDate = (): Date => new Date(now())

function clockOffsetMs(): number {
  const raw = process.env.MALL_CLOCK_OFFSET_MS
  const offset = raw ? Number(raw) : 0
  return Number.isFinite(offset) ? offset : 0
}
