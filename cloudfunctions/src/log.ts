/** One JSON line per event, so CloudBase's log search and the emulator's console can filter them. */
export function log(event: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ event, ...fields }))
}
