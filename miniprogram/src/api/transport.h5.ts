import {
  errorMessage,
  isErrorCode,
  type ActionEvent,
  type ErrorCode,
  type FunctionName,
} from '@mall/contract'
import { devIdentity } from './devIdentity'
import { ApiError } from './errors'

/** The local gateway's base URL; '' means the page's own origin. */
export const gatewayUrl = (): string => (typeof MALL_GATEWAY_URL === 'string' ? MALL_GATEWAY_URL : '')

// The gateway's own refusals (before any function runs) use codes outside the contract.
const GATEWAY_CODES: Record<string, ErrorCode> = {
  FUNCTION_NOT_FOUND: 'FUNCTION_FAILED',
  BAD_IDENTITY: 'UNAUTHENTICATED',
  BAD_JSON: 'INVALID_INPUT',
  BAD_REQUEST: 'INVALID_INPUT',
  PAYLOAD_TOO_LARGE: 'INVALID_INPUT',
  TOO_DEEP: 'INVALID_INPUT',
  UNSUPPORTED_MEDIA_TYPE: 'INVALID_INPUT',
  FORBIDDEN_ORIGIN: 'FORBIDDEN',
}

/** POSTs the event to the emulator's HTTP gateway and returns the function's envelope (not yet unwrapped). */
export async function send(fn: FunctionName, event: ActionEvent): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  let res: Response
  try {
    const openid = (await devIdentity(gatewayUrl()))?.openid
    if (openid) headers['x-mall-dev-openid'] = openid
    res = await fetch(`${gatewayUrl()}/functions/${fn}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(event),
    })
  } catch {
    throw new ApiError('NETWORK')
  }
  let body: unknown
  try {
    body = await res.json()
  } catch {
    // not JSON: a proxy page, an HTML 404, a cut connection
    throw new ApiError(res.status >= 500 || res.status === 404 ? 'FUNCTION_FAILED' : 'INTERNAL')
  }
  const env = body as { ok?: unknown; code?: unknown } | null
  if (env && env.ok === false && !isErrorCode(env.code)) {
    const code =
      GATEWAY_CODES[String(env.code)] ??
      (res.status >= 500 || res.status === 404 ? 'FUNCTION_FAILED' : 'INTERNAL')
    return { ok: false, code, message: errorMessage(code) }
  }
  return body
}
