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
    (typeof (c as CursorState).k === 'number' || typeof (c as CursorState).k === 'string') &&
    typeof (c as CursorState).i === 'string' &&
    ID.test((c as CursorState).i) &&
    ((c as CursorState).x === undefined ||
      (Array.isArray((c as CursorState).x) &&
        (c as CursorState).x!.length <= 20 &&
        (c as CursorState).x!.every((x) => typeof x === 'string' && ID.test(x))))
  if (!ok) return fail('INVALID_INPUT', 'cursor: 分页参数无效')
  return c as CursorState
}
