import { errorMessage, isErrorCode, type ErrorCode } from '@mall/contract'

/** Every failure a page can see: a contract error code plus the Chinese message to show. */
export class ApiError extends Error {
  readonly code: ErrorCode
  constructor(code: ErrorCode, message?: string) {
    super(message || errorMessage(code))
    this.name = 'ApiError'
    this.code = code
  }
}

/** Turns whatever a transport received into the data or an ApiError (never a raw stack). */
export function unwrapEnvelope(body: unknown): unknown {
  if (body && typeof body === 'object' && 'ok' in body) {
    const env = body as { ok: unknown; data?: unknown; code?: unknown; message?: unknown }
    if (env.ok === true) return env.data
    if (env.ok === false) {
      const code = isErrorCode(env.code) ? env.code : 'INTERNAL'
      throw new ApiError(code, typeof env.message === 'string' && code === env.code ? env.message : undefined)
    }
  }
  throw new ApiError('INTERNAL')
}
