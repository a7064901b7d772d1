/** A CloudBase-level error: sent as HTTP 200 `{code, message, requestId}` (PROTOCOL §3.1). */
export class CloudbaseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'CloudbaseError'
  }
}

export const invalidParam = (message: string) => new CloudbaseError('INVALID_PARAM', message)
