import { getCloud } from '../cloud'
import { nonce, payTime } from '../order/ids'
import { log } from '../log'

/**
 * The only code that talks to cloudPay. Business failures (`resultCode: 'FAIL'`) resolve, not reject
 * (PROTOCOL §10), so every call reads `returnCode`/`resultCode`/`errCodeDes` explicitly.
 */
type Pay = Record<string, (p: Record<string, unknown>) => Promise<Record<string, unknown>>>

const pay = (): Pay => (getCloud() as unknown as { cloudPay: Pay }).cloudPay
const envId = (): string => process.env.TCB_ENV || process.env.SCF_NAMESPACE || 'local-env'

export const PAY_CALLBACK_FUNCTION = 'payNotify'

export interface UnifiedOrderResult {
  prepayId: string
  payment: Record<string, string>
}

export async function unifiedOrder(p: {
  outTradeNo: string
  body: string
  totalFee: number
  expireAt: number
  subMchId: string
  ip?: string
  /** the callback function (default payNotify; recharges name rechargeNotify) */
  functionName?: string
  /** attach: the number the payer knows (the order number), echoed back by queries and callbacks */
  attach?: string
}): Promise<UnifiedOrderResult> {
  const res = await pay().unifiedOrder({
    body: truncateBytes(p.body || '商城订单', 120),
    outTradeNo: p.outTradeNo,
    ...(p.attach ? { attach: truncateBytes(p.attach, 127) } : {}),
    spbillCreateIp: p.ip || '127.0.0.1',
    subMchId: p.subMchId,
    totalFee: p.totalFee,
    envId: envId(),
    functionName: p.functionName ?? PAY_CALLBACK_FUNCTION,
    nonceStr: nonce(),
    tradeType: 'JSAPI',
    timeExpire: payTime(p.expireAt),
  })
  if (res.returnCode !== 'SUCCESS' || res.resultCode !== 'SUCCESS' || !res.payment) {
    log('pay.unifiedOrder.fail', {
      outTradeNo: p.outTradeNo,
      returnMsg: res.returnMsg,
      errCodeDes: res.errCodeDes,
    })
    throw new Error(`unifiedOrder failed: ${String(res.errCodeDes ?? res.returnMsg ?? 'unknown')}`)
  }
  return { prepayId: String(res.prepayId ?? ''), payment: res.payment as Record<string, string> }
}

export interface QueryResult {
  tradeState: string
  totalFee: number
  transactionId?: string
  timeEnd?: string
}

export async function queryOrder(outTradeNo: string, subMchId: string): Promise<QueryResult> {
  const res = await pay().queryOrder({ outTradeNo, subMchId, nonceStr: nonce() })
  if (res.returnCode !== 'SUCCESS') throw new Error(`queryOrder failed: ${String(res.returnMsg)}`)
  if (res.resultCode !== 'SUCCESS') {
    // the SDK overwrites errCode with 0 on business failures: only errCodeDes tells what happened
    const desc = `${String(res.errCodeDes ?? '')} ${String(res.returnMsg ?? '')}`
    return { tradeState: /ORDERNOTEXIST|不存在/.test(desc) ? 'NOTEXIST' : 'UNKNOWN', totalFee: 0 }
  }
  return {
    tradeState: String(res.tradeState ?? ''),
    totalFee: Number(res.totalFee ?? 0),
    transactionId: res.transactionId ? String(res.transactionId) : undefined,
    timeEnd: res.timeEnd ? String(res.timeEnd) : undefined,
  }
}

/** 'closed', 'paid' (ORDERPAID: never release stock then), or 'retry' (too early or a transient error). */
export async function closeOrder(outTradeNo: string, subMchId: string): Promise<'closed' | 'paid' | 'retry'> {
  try {
    const res = await pay().closeOrder({ outTradeNo, subMchId, nonceStr: nonce() })
    if (res.returnCode === 'SUCCESS' && res.resultCode === 'SUCCESS') return 'closed'
    const desc = `${String(res.errCode ?? '')} ${String(res.errCodeDes ?? '')} ${String(res.returnMsg ?? '')}`
    if (/ORDERPAID|已支付/.test(desc)) return 'paid'
    if (/ORDERCLOSED|已关闭|ORDERNOTEXIST|不存在/.test(desc)) return 'closed'
    return 'retry'
  } catch (e) {
    log('pay.closeOrder.error', { outTradeNo, error: String(e) })
    return 'retry'
  }
}

export async function refund(p: {
  outTradeNo: string
  outRefundNo: string
  totalFee: number
  refundFee: number
  subMchId: string
}): Promise<{ accepted: boolean; message?: string }> {
  const res = await pay().refund({
    out_trade_no: p.outTradeNo,
    out_refund_no: p.outRefundNo,
    total_fee: p.totalFee,
    refund_fee: p.refundFee,
    envId: envId(),
    functionName: PAY_CALLBACK_FUNCTION,
    sub_mch_id: p.subMchId,
    nonce_str: nonce(),
  })
  if (res.returnCode === 'SUCCESS' && res.resultCode === 'SUCCESS') return { accepted: true }
  return { accepted: false, message: String(res.errCodeDes ?? res.returnMsg ?? 'refund failed') }
}

export interface RefundQuery {
  /** SUCCESS, PROCESSING, CHANGE, REFUNDCLOSE, FAIL, or NOTEXIST when WeChat has no such refund */
  status: string
  refundId?: string
}

/**
 * One refund's state by out_refund_no. The answer numbers its refunds (out_refund_no_0, refund_status_0 ...,
 * camel-cased by the SDK): find ours by number rather than trusting position.
 */
export async function queryRefund(outRefundNo: string, subMchId: string): Promise<RefundQuery> {
  const res = await pay().queryRefund({ outRefundNo, subMchId, nonceStr: nonce() })
  if (res.returnCode !== 'SUCCESS') throw new Error(`queryRefund failed: ${String(res.returnMsg)}`)
  if (res.resultCode !== 'SUCCESS') {
    const desc = `${String(res.errCodeDes ?? '')} ${String(res.returnMsg ?? '')}`
    if (/REFUNDNOTEXIST|查询失败|不存在/.test(desc)) return { status: 'NOTEXIST' }
    throw new Error(`queryRefund failed: ${desc}`)
  }
  const flat = new Map(Object.entries(res).map(([k, v]) => [k.replace(/_/g, '').toLowerCase(), v]))
  for (let i = 0; i < 50; i++) {
    const no = flat.get(`outrefundno${i}`)
    if (no === undefined) break
    if (no !== outRefundNo) continue
    const refundId = flat.get(`refundid${i}`)
    return {
      status: String(flat.get(`refundstatus${i}`) ?? ''),
      refundId: refundId ? String(refundId) : undefined,
    }
  }
  return { status: 'NOTEXIST' }
}

function truncateBytes(s: string, max: number): string {
  let out = ''
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > max) break
    out += ch
  }
  return out
}
