import { maskPhonesIn } from './pii/phone'

/**
 * One JSON line per event, so CloudBase's log search and the emulator's console can filter them. Any mobile
 * number in a line (an error message quoting input, a stack with a document in it) is masked first: logs are
 * kept by the platform and read by more people than the data.
 */
export function log(event: string, fields: Record<string, unknown>): void {
  console.log(maskPhonesIn(JSON.stringify({ event, ...fields })))
}
