/**
 * The `wx.wxPayApi` wire API: snake_case JSON in, WeChat Pay v2-shaped JSON out (as plain `application/json`).
 */
import { randomBytes } from 'node:crypto'
import { CloudbaseError } from '../core/errors'
import type { ActionRequest, ActionResult } from '../core/types'
import { ApiOptions, decode } from '../openapi/proto'
import { buildBill } from './bill'
import type { CallbackEngine } from './callbacks'
import { MCH_ID } from './events'
import { billTime, digitsId, nonce, parsePayTime, payTime, prepayIdOf } from './format'
import type { PayStore, Trade } from './store'
import type { CloudPayOptions } from './index'

const CLOSE_MIN_AGE_MS = 5 * 60 * 1000
const MAX_REFUNDS = 50
const PAY_CT = 'application/json'

const TRADE_STATE_DESC: Record<Trade['state'], string> = {
  NOTPAY: '订单未支付',
  SUCCESS: '支付成功',
  CLOSED: '订单已关闭',
  REFUND: '订单发生过退款',
  PAYERROR: '支付失败(其他原因，如银行返回失败)',
}

export type Params = Record<string, unknown>

/** A WeChat Pay business failure: answered as `result_code: FAIL` (resolved by wx, not rejected). */
export class PayFail extends Error {
  constructor(
    readonly errCode: string,
    readonly des: string,
  ) {
    super(des)
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined)
const int = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined

function need(p: Params, key: string, max: number, re?: RegExp): string {
  const v = str(p[key])
  if (v === undefined) throw new PayFail('PARAM_ERROR', `缺少参数 ${key}`)
  if (v.length > max) throw new PayFail('PARAM_ERROR', `${key} 长度超过 ${max}`)
  if (re && !re.test(v)) throw new PayFail('PARAM_ERROR', `${key} 格式错误`)
  return v
}

function fen(p: Params, key: string): number {
  const v = int(p[key])
  if (v === undefined || v <= 0) throw new PayFail('PARAM_ERROR', `${key} 必须是正整数（分）`)
  return v
}

export interface PayApi {
  /** The `wx.wxPayApi` action. */
  handle(req: ActionRequest): ActionResult
  /** One API by name (the console's refund goes through the same rules). */
  call(apiName: string, p: Params, req: ActionRequest): Params
  /** Marks a trade paid and schedules its callback (console, tests: forced even after time_expire). */
  markPaid(t: Trade): void
  /** Whether the trade's time_expire has passed (the cashier refuses to pay then). */
  expired(t: Trade): boolean
}

export function createPayApi(
  opts: CloudPayOptions,
  store: PayStore,
  engine: CallbackEngine,
  log: (l: string) => void,
): PayApi {
  const base = (subMchId: string): Params => ({
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: opts.appid,
    mch_id: MCH_ID,
    sub_mch_id: subMchId,
    nonce_str: nonce(),
    sign: 'LOCALSIGN',
  })

  const checkSubMch = (p: Params): string => {
    const id = str(p.sub_mch_id)
    const bound = id !== undefined && (opts.subMchIds ? opts.subMchIds.includes(id) : /^\d{10}$/.test(id))
    if (!bound) throw new CloudbaseError('INVALID_PARAM', 'cloudpay: sub_mch_id not bound to env')
    return id!
  }

  const findTrade = (p: Params): Trade => {
    const byNo = str(p.out_trade_no)
    const byTx = str(p.transaction_id)
    if (!byNo && !byTx) throw new PayFail('PARAM_ERROR', 'out_trade_no 与 transaction_id 必须二选一')
    const t = byNo ? store.trades.get(byNo) : [...store.trades.values()].find((x) => x.transactionId === byTx)
    if (!t) throw new PayFail('ORDERNOTEXIST', '订单不存在')
    return t
  }

  function markPaid(t: Trade): void {
    if (t.state === 'SUCCESS' || t.state === 'REFUND') return
    if (t.state === 'CLOSED') throw new PayFail('ORDERCLOSED', '订单已关闭')
    t.state = 'SUCCESS'
    t.paidAt = opts.clock.now()
    t.transactionId = digitsId('4200000', t.paidAt)
    store.save()
    log(`[pay] ${t.outTradeNo} paid ¥${(t.totalFee / 100).toFixed(2)} by ${t.openid}`)
    engine.enqueue(t, { kind: 'pay', functionName: t.functionName })
  }

  const api: Record<string, (p: Params, req: ActionRequest) => Params> = {
    unifiedOrder(p, req) {
      const subMchId = checkSubMch(p)
      const envId = str(p.env_id)
      const functionName = str(p.function_name)
      if (!functionName) throw new CloudbaseError('INVALID_PARAM', 'cloudpay: function_name is required')
      if (envId !== opts.envId)
        throw new CloudbaseError(
          'INVALID_PARAM',
          `cloudpay: env_id ${String(envId)} is not this environment (${opts.envId})`,
        )
      const body = need(p, 'body', 128)
      const outTradeNo = need(p, 'out_trade_no', 32, /^[0-9A-Za-z_-]+$/)
      const totalFee = fen(p, 'total_fee')
      need(p, 'nonce_str', 32)
      const ip = need(p, 'spbill_create_ip', 64)
      const tradeType = str(p.trade_type) ?? 'JSAPI'
      const attach = str(p.attach)
      if (attach && attach.length > 127) throw new PayFail('PARAM_ERROR', 'attach 长度超过 127')
      const expireText = str(p.time_expire)
      const expireAt = expireText === undefined ? undefined : parsePayTime(expireText)
      if (expireText !== undefined && expireAt === undefined)
        throw new PayFail('PARAM_ERROR', 'time_expire 格式错误（yyyyMMddHHmmss，北京时间）')
      let t = store.trades.get(outTradeNo)
      if (t) {
        if (t.state === 'SUCCESS' || t.state === 'REFUND') throw new PayFail('ORDERPAID', '该订单已支付')
        if (t.state === 'CLOSED') throw new PayFail('ORDERCLOSED', '订单已关闭')
        if (t.totalFee !== totalFee || t.body !== body)
          throw new PayFail('INVALID_REQUEST', '201 商户订单号重复')
      } else {
        t = {
          outTradeNo,
          prepayId: prepayIdOf(),
          body,
          totalFee,
          subMchId,
          envId: opts.envId,
          functionName,
          tradeType,
          openid: req.caller?.openid ?? opts.defaultOpenid ?? 'o_local_openid_0001',
          appid: req.caller?.appid ?? opts.appid,
          spbillCreateIp: ip,
          state: 'NOTPAY',
          createdAt: opts.clock.now(),
          refunds: [],
          deliveries: [],
        }
        if (attach !== undefined) t.attach = attach
        if (expireAt !== undefined) t.expireAt = expireAt
        store.trades.set(outTradeNo, t)
        store.save()
        log(
          `[pay] unifiedOrder ${outTradeNo} ¥${(totalFee / 100).toFixed(2)} for ${t.openid} -> ${t.prepayId}`,
        )
      }
      return {
        ...base(subMchId),
        result_code: 'SUCCESS',
        trade_type: t.tradeType,
        prepay_id: t.prepayId,
        payment: {
          appId: t.appid,
          timeStamp: String(Math.floor(opts.clock.now() / 1000)),
          nonceStr: nonce(),
          package: `prepay_id=${t.prepayId}`,
          signType: 'MD5',
          paySign: 'LOCALPAYSIGN',
        },
      }
    },
    queryOrder(p) {
      const subMchId = checkSubMch(p)
      const t = findTrade(p)
      const out: Params = {
        ...base(subMchId),
        result_code: 'SUCCESS',
        out_trade_no: t.outTradeNo,
        trade_state: t.state,
        trade_state_desc: TRADE_STATE_DESC[t.state],
        total_fee: t.totalFee,
        fee_type: 'CNY',
        trade_type: t.tradeType,
        openid: t.openid,
      }
      if (t.attach !== undefined) out.attach = t.attach
      if (t.paidAt !== undefined) {
        Object.assign(out, {
          transaction_id: t.transactionId,
          cash_fee: t.totalFee,
          time_end: payTime(t.paidAt),
          is_subscribe: 'N',
          bank_type: 'OTHERS',
        })
      }
      return out
    },
    closeOrder(p) {
      const subMchId = checkSubMch(p)
      const t = findTrade(p)
      if (t.state === 'SUCCESS' || t.state === 'REFUND') throw new PayFail('ORDERPAID', '该订单已支付')
      if (t.state === 'CLOSED') throw new PayFail('ORDERCLOSED', '订单已关闭')
      if (opts.clock.now() - t.createdAt < CLOSE_MIN_AGE_MS)
        throw new PayFail('INVALID_REQUEST', '订单生成后不能马上调用关单接口，最短调用时间间隔为5分钟')
      t.state = 'CLOSED'
      t.closedAt = opts.clock.now()
      store.save()
      log(`[pay] ${t.outTradeNo} closed`)
      return { ...base(subMchId), result_code: 'SUCCESS' }
    },
    refund(p) {
      const subMchId = checkSubMch(p)
      const t = findTrade(p)
      const outRefundNo = need(p, 'out_refund_no', 64, /^[0-9A-Za-z_|*@-]+$/)
      const totalFee = fen(p, 'total_fee')
      const refundFee = fen(p, 'refund_fee')
      const existing = t.refunds.find((r) => r.outRefundNo === outRefundNo)
      if (existing) {
        if (existing.refundFee !== refundFee || existing.totalFee !== totalFee)
          throw new PayFail('INVALID_REQUEST', '订单金额或退款金额与之前请求不一致，请核实后再试')
        return refundAnswer(subMchId, t, existing)
      }
      if (t.state !== 'SUCCESS' && t.state !== 'REFUND')
        throw new PayFail('TRADE_STATE_ERROR', '订单状态错误')
      if (totalFee !== t.totalFee)
        throw new PayFail('INVALID_REQUEST', '订单金额或退款金额与之前请求不一致，请核实后再试')
      const already = t.refunds.reduce((s, r) => s + r.refundFee, 0)
      if (already + refundFee > t.totalFee)
        throw new PayFail('INVALID_REQUEST', '申请退款金额超过订单可退金额')
      if (t.refunds.length >= MAX_REFUNDS)
        throw new PayFail('INVALID_REQUEST', '部分退款次数超过上限（50次）')
      const functionName = str(p.function_name)
      if (functionName && str(p.env_id) !== opts.envId)
        throw new CloudbaseError(
          'INVALID_PARAM',
          `cloudpay: env_id ${String(p.env_id)} is not this environment (${opts.envId})`,
        )
      const r = {
        outRefundNo,
        refundId: digitsId('503000000', opts.clock.now()),
        refundFee,
        totalFee,
        createdAt: opts.clock.now(),
        status: 'SUCCESS' as const,
      }
      t.refunds.push(r)
      t.state = 'REFUND'
      store.save()
      log(`[pay] ${t.outTradeNo} refund ${outRefundNo} ¥${(refundFee / 100).toFixed(2)}`)
      if (functionName) engine.enqueue(t, { kind: 'refund', functionName, outRefundNo })
      return refundAnswer(subMchId, t, r)
    },
    queryRefund(p) {
      const subMchId = checkSubMch(p)
      let t: Trade
      if (str(p.out_refund_no) && !str(p.out_trade_no) && !str(p.transaction_id)) {
        const found = [...store.trades.values()].find((x) =>
          x.refunds.some((r) => r.outRefundNo === p.out_refund_no),
        )
        if (!found) throw new PayFail('REFUNDNOTEXIST', '退款订单查询失败')
        t = found
      } else t = findTrade(p)
      const refunds = str(p.out_refund_no)
        ? t.refunds.filter((r) => r.outRefundNo === p.out_refund_no)
        : t.refunds
      if (refunds.length === 0) throw new PayFail('REFUNDNOTEXIST', '退款订单查询失败')
      const out: Params = {
        ...base(subMchId),
        result_code: 'SUCCESS',
        transaction_id: t.transactionId,
        out_trade_no: t.outTradeNo,
        total_fee: t.totalFee,
        cash_fee: t.totalFee,
        refund_count: refunds.length,
      }
      // WeChat's v2 numbered fields (out_refund_no_0, refund_fee_0 ...).
      refunds.forEach((r, i) => {
        Object.assign(out, {
          [`out_refund_no_${i}`]: r.outRefundNo,
          [`refund_id_${i}`]: r.refundId,
          [`refund_fee_${i}`]: r.refundFee,
          [`refund_status_${i}`]: r.status,
          [`refund_success_time_${i}`]: billTime(r.createdAt),
          [`refund_recv_accout_${i}`]: '支付用户零钱',
        })
      })
      return out
    },
  }

  function refundAnswer(subMchId: string, t: Trade, r: Trade['refunds'][number]): Params {
    return {
      ...base(subMchId),
      result_code: 'SUCCESS',
      out_trade_no: t.outTradeNo,
      out_refund_no: r.outRefundNo,
      refund_id: r.refundId,
      refund_fee: r.refundFee,
      total_fee: t.totalFee,
      cash_fee: t.totalFee,
    }
  }

  const rawJson = (obj: unknown): ActionResult => ({ raw: JSON.stringify(obj), contentType: PAY_CT })

  function handle(req: ActionRequest): ActionResult {
    const apiName = typeof req.body.apiName === 'string' ? req.body.apiName : ''
    try {
      const dataPart = req.parts?.find((x) => x.name === 'requestData')
      const text = dataPart
        ? dataPart.value.toString('utf8')
        : typeof req.body.requestData === 'string'
          ? req.body.requestData
          : ''
      let p: Params
      try {
        const parsed: unknown = JSON.parse(text || '{}')
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object')
        p = parsed as Params
      } catch {
        throw new CloudbaseError('INVALID_PARAM', 'cloudpay: requestData is not a JSON object')
      }
      const optsPart = req.parts?.find((x) => x.name === 'apiOptions')
      if (optsPart && optsPart.value.length > 0) {
        const o = decode(ApiOptions, optsPart.value)
        if (typeof o.appid === 'string' && o.appid) p.sub_appid = o.appid
      }
      if (apiName === 'downloadBill') return downloadBill(p)
      const fn = api[apiName]
      if (!fn)
        throw new CloudbaseError(
          'INVALID_PARAM',
          `cloudpay: api ${apiName || '(none)'} is not supported by the emulator`,
        )
      try {
        return rawJson(fn(p, req))
      } catch (e) {
        if (!(e instanceof PayFail)) throw e
        return rawJson({
          ...base(str(p.sub_mch_id) ?? ''),
          result_code: 'FAIL',
          err_code: e.errCode,
          err_code_des: e.des,
        })
      }
    } catch (e) {
      // TCB-level errors go out as plain `application/json` too: that is what wx expects from this action.
      if (e instanceof CloudbaseError)
        return rawJson({ code: e.code, message: e.message, requestId: randomBytes(16).toString('hex') })
      throw e
    }
  }

  function downloadBill(p: Params): ActionResult {
    checkSubMch(p)
    const date = str(p.bill_date)
    if (!date || !/^\d{8}$/.test(date))
      return rawJson({ return_code: 'FAIL', return_msg: 'invalid bill_date' })
    const type = str(p.bill_type) ?? 'ALL'
    const text = buildBill([...store.trades.values()], MCH_ID, date, type)
    if (text === undefined)
      return rawJson({ return_code: 'FAIL', return_msg: 'No Bill Exist', error_code: '20002' })
    return { raw: text, contentType: 'text/plain; charset=utf-8' }
  }

  return {
    handle,
    call: (apiName, p, req) => {
      const fn = api[apiName]
      if (!fn)
        throw new CloudbaseError('INVALID_PARAM', `cloudpay: api ${apiName} is not supported by the emulator`)
      return fn(p, req)
    },
    markPaid,
    expired: (t) => t.expireAt !== undefined && opts.clock.now() > t.expireAt,
  }
}
