/**
 * Opaque, stable cursors: the sort key of the last item plus its _id (ties broken by _id), base64url JSON.
 * A cursor that does not decode to the expected shape is bad input, never a crash or an injection.
 */
import { fail } from '../errors'

export type CursorKey = string | number

export interface CursorState {
  /** which ordering the cursor belongs to */
  o: string
  /** sort key of the last item */
  k: CursorKey
  /** _id of the last item */
  i: string
  /** extra ids already shown (home feed head) */
  x?: string[]
}

export const encodeCursor = (c: CursorState): string => Buffer.from(JSON.stringify(c)).toString('base64url')

const ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * Numeric sort keys are fen, counts or epoch milliseconds: non-negative integers no later than the last
 * valid Date (8.64e15 ms, below 2^53), so `new Date(k)` and the query stay well-formed whatever a client sends.
 */
export const MAX_CURSOR_KEY = 8_640_000_000_000_000

export const isCursorKey = (k: unknown): k is number =>
  typeof k === 'number' && Number.isSafeInteger(k) && k >= 0 && k <= MAX_CURSOR_KEY

/** `<epoch ms>_<id>` (order lists): the last row's time and id, or bad input. */
export function decodeTimeIdCursor(raw: string): { at: number; id: string } {
  const m = /^(\d{1,16})_([A-Za-z0-9_-]{1,64})$/.exec(raw)
  const at = m ? Number(m[1]) : NaN
  if (!m || !isCursorKey(at)) return fail('INVALID_INPUT', 'cursor 无效')
  return { at, id: m[2]! }
}

export function decodeCursor(raw: string, ordering: string): CursorState {
  let c: unknown
  try {
    c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
  } catch {
    return fail('INVALID_INPUT', 'cursor: 分页参数无效')
  }
  const ok =
    typeof c === 'object' &&
    c !== null &&
    (c as CursorState).o === ordering &&
    (isCursorKey((c as CursorState).k) ||
      (typeof (c as CursorState).k === 'string' && ((c as CursorState).k as string).length <= 256)) &&
    typeof (c as CursorState).i === 'string' &&
    ID.test((c as CursorState).i) &&
    ((c as CursorState).x === undefined ||
      (Array.isArray((c as CursorState).x) &&
        (c as CursorState).x!.length <= 20 &&
        (c as CursorState).x!.every((x) => typeof x === 'string' && ID.test(x))))
  if (!ok) return fail('INVALID_INPUT', 'cursor: 分页参数无效')
  return c as CursorState
}
