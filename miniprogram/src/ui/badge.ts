/** What a badge shows: the count, or 99+ past 99 (as WeChat's own tab bar badge does). */
export const badgeText = (n: number): string => (n > 99 ? '99+' : String(n))
