import type { ErrorCode } from '@mall/contract'

/** An expected failure raised inside a handler; the router turns it into `{ok:false, code, message}`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? code)
    this.name = 'AppError'
  }
}

export const fail = (code: ErrorCode, message?: string, details?: unknown): never => {
  throw new AppError(code, message, details)
}
