import { getDb, identify } from '../cloud'
import { now } from '../clock'
import { byId } from '../db'
import { log } from '../log'
import { openNotification } from './client'
import { advanceWithdrawal } from './flow'
import type { WithdrawalDoc } from './model'

/** CloudBase HTTP access service: the integration request and response of an HTTP-triggered function. */
export interface HttpEvent {
  path?: string
  httpMethod?: string
  headers?: Record<string, string | undefined>
  body?: string
  isBase64Encoded?: boolean
}
export interface HttpAnswer {
  statusCode: number
  headers: Record<string, string>
  body: string
}

const answer = (statusCode: number, code?: string, message?: string): HttpAnswer => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: code ? JSON.stringify({ code, message }) : '',
})

/**
 * The transfer bills' result notification (MCHTRANSFER.BILL.FINISHED), reached through the HTTP access
 * service. The body is only a hint: it must carry WeChat's signature (else 401, nothing read), and even
 * then the bill is queried again and only WeChat's answer is applied. 200 = handled (WeChat stops); 5xx =
 * try again later (the cron poller finishes the bill anyway).
 */
export async function handleTransferNotify(event: unknown): Promise<HttpAnswer> {
  // A mini-program calling the function directly carries an OPENID: never a notification.
  if (identify().openid) return answer(403, 'FORBIDDEN', 'not a notification')
  const e = (event && typeof event === 'object' ? event : {}) as HttpEvent
  const headers: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(e.headers ?? {}))
    headers[k.toLowerCase()] = typeof v === 'string' ? v : undefined
  const body =
    typeof e.body === 'string'
      ? e.isBase64Encoded
        ? Buffer.from(e.body, 'base64').toString('utf8')
        : e.body
      : ''
  const n = openNotification(headers, body)
  if (!n) {
    log('transfer.notify.rejected', { reason: 'signature or resource did not verify' })
    return answer(401, 'SIGN_ERROR', '签名验证失败')
  }
  try {
    const db = getDb()
    const w = await byId<WithdrawalDoc>(db.collection('withdrawals'), n.outBillNo)
    if (!w) {
      log('transfer.notify.unknown', { outBillNo: n.outBillNo })
      return answer(200)
    }
    const after = await advanceWithdrawal(db, w._id, now())
    log('transfer.notify', { id: w._id, state: n.state, status: after?.status ?? null })
    // Not final yet by WeChat's own answer (or the query failed): let WeChat come back.
    if (after && (after.status === 'approved' || after.status === 'paying') && after.lastError)
      return answer(500, 'FAIL', 'retry later')
    return answer(200)
  } catch (err) {
    log('transfer.notify.error', { error: String((err as Error)?.stack ?? err) })
    return answer(500, 'FAIL', 'temporary failure')
  }
}
