const pad = (n: number) => String(n).padStart(2, '0')

/** yyyy-MM-dd HH:mm:ss in the device's time zone. */
export const formatTime = (ms: number): string => {
  const d = new Date(ms)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}
