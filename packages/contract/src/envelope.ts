import { errorMessage, type ErrorCode } from './errors'

/** Every action answers this, on every transport. A failure is a value, never a stack trace. */
export type Envelope<T> =
  { ok: true; data: T } | { ok: false; code: ErrorCode; message: string; details?: unknown }

export const okEnvelope = <T>(data: T): Envelope<T> => ({ ok: true, data })

export const failEnvelope = (code: ErrorCode, message?: string, details?: unknown): Envelope<never> =>
  details === undefined
    ? { ok: false, code, message: message ?? errorMessage(code) }
    : { ok: false, code, message: message ?? errorMessage(code), details }
