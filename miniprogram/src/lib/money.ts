// TODO(domain): switch to formatPrice from '@mall/domain' once packages/domain/src/money lands; same output.

/** 1999 -> '19.99' (integer fen in, yuan string out; display only). */
export function formatYuan(fen: number): string {
  if (!Number.isInteger(fen)) throw new TypeError(`fen must be an integer, got ${fen}`)
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** 1999 -> '¥19.99' */
export const formatPrice = (fen: number): string => `¥${formatYuan(fen)}`
