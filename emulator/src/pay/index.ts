/**
 * cloudPay sandbox (PROTOCOL §10): action `wx.wxPayApi` (multipart, `requestData` = snake_case JSON),
 * answered as `application/json` WITHOUT charset (with the charset wx rejects every success).
 * Business failures are `result_code: FAIL` values; CloudBase-level problems are `{code, message}`.
 * Trades persist in `<dir>/cloudpay-trades.json`; callbacks follow WeChat's retry schedule on the Clock.
 */
import { CloudbaseError } from '../core/errors'
import type { Clock, EmulatorModule, FunctionInvoker } from '../core/types'
import { createPayApi, PayFail } from './api'
import { createCallbackEngine, DEFAULT_SWITCHES, type PaySwitches } from './callbacks'
import { payEvent, refundEvent } from './events'
import { payRoutes } from './routes'
import { openStore, type Trade } from './store'

export type { PaySwitches } from './callbacks'
export { RETRY_SCHEDULE_MS } from './callbacks'
export type { Trade, TradeState, RefundRecord, Delivery } from './store'

export interface CloudPayOptions {
  dir: string
  clock: Clock
  invoker: FunctionInvoker
  envId: string
  appid: string
  publicUrl: () => string
  log?: (line: string) => void
  /** Sub-merchant numbers bound to the env; default: any 10-digit number. */
  subMchIds?: string[]
  /** Who pays when unifiedOrder's caller is unknown (no WX_API_TOKEN identity). */
  defaultOpenid?: string
}

export interface CloudPaySandbox {
  module: EmulatorModule
  orders(): Trade[]
  order(outTradeNo: string): Trade | undefined
  /** Marks the trade paid (as the cashier's 确认支付 does) and schedules the payment callback. */
  pay(outTradeNo: string): Trade
  /** The shopper's payment failed (PAYERROR; no callback: WeChat calls back only on success). */
  fail(outTradeNo: string): Trade
  /** Full or partial refund from the console (sends the refund callback when the trade asked for one). */
  refund(outTradeNo: string, refundFee?: number, functionName?: string): Trade
  setSwitches(s: Partial<PaySwitches>): PaySwitches
  switches(): PaySwitches
  /** Runs the callback attempts that are due now (by the emulator clock) and waits for them. */
  flush(): Promise<void>
  stop(): void
}

export function createCloudPay(opts: CloudPayOptions): CloudPaySandbox {
  const log = opts.log ?? (() => {})
  const store = openStore(opts.dir, log)
  let sw: PaySwitches = { ...DEFAULT_SWITCHES }

  const engine = createCallbackEngine({
    store,
    clock: opts.clock,
    invoker: opts.invoker,
    switches: () => sw,
    event: (t, d) => (d.kind === 'pay' ? payEvent(t, opts.clock.now()) : refundEvent(t, d)),
    log,
  })

  const payApi = createPayApi(opts, store, engine, log)

  // ---- in-process API -------------------------------------------------------------------------------
  const mustTrade = (outTradeNo: string): Trade => {
    const t = store.trades.get(outTradeNo)
    if (!t) throw new CloudbaseError('INVALID_PARAM', `no sandbox trade ${outTradeNo}`)
    return t
  }
  const asCloudbase = <T>(fn: () => T): T => {
    try {
      return fn()
    } catch (e) {
      if (e instanceof PayFail) throw new CloudbaseError(e.errCode, e.des)
      throw e
    }
  }

  const sandbox: Omit<CloudPaySandbox, 'module'> = {
    orders: () => [...store.trades.values()].sort((a, b) => b.createdAt - a.createdAt),
    order: (no) => store.trades.get(no),
    pay: (no) =>
      asCloudbase(() => {
        const t = mustTrade(no)
        payApi.markPaid(t)
        return t
      }),
    fail: (no) =>
      asCloudbase(() => {
        const t = mustTrade(no)
        if (t.state !== 'NOTPAY' && t.state !== 'PAYERROR')
          throw new PayFail('TRADE_STATE_ERROR', `订单状态为 ${t.state}，不能置为支付失败`)
        t.state = 'PAYERROR'
        store.save()
        return t
      }),
    refund: (no, refundFee, functionName) =>
      asCloudbase(() => {
        const t = mustTrade(no)
        const left = t.totalFee - t.refunds.reduce((s, r) => s + r.refundFee, 0)
        const p: Record<string, unknown> = {
          sub_mch_id: t.subMchId,
          out_trade_no: no,
          out_refund_no: `CONSOLE${opts.clock.now()}${t.refunds.length}`,
          total_fee: t.totalFee,
          refund_fee: refundFee ?? left,
          env_id: opts.envId,
        }
        if (functionName) p.function_name = functionName
        payApi.call('refund', p, { action: 'wx.wxPayApi', envName: opts.envId, body: {}, headers: {} })
        return t
      }),
    setSwitches(s) {
      const next = { ...sw }
      if (s.deliverTimes !== undefined) {
        if (!Number.isInteger(s.deliverTimes) || s.deliverTimes < 1 || s.deliverTimes > 10)
          throw new CloudbaseError('INVALID_PARAM', 'deliverTimes must be an integer 1..10')
        next.deliverTimes = s.deliverTimes
      }
      if (s.delayMs !== undefined) {
        if (typeof s.delayMs !== 'number' || !Number.isFinite(s.delayMs) || s.delayMs < 0)
          throw new CloudbaseError('INVALID_PARAM', 'delayMs must be a number >= 0')
        next.delayMs = s.delayMs
      }
      for (const k of ['concurrent', 'drop'] as const) {
        if (s[k] === undefined) continue
        if (typeof s[k] !== 'boolean') throw new CloudbaseError('INVALID_PARAM', `${k} must be a boolean`)
        next[k] = s[k]
      }
      sw = next
      log(`[pay] switches ${JSON.stringify(sw)}`)
      return { ...sw }
    },
    switches: () => ({ ...sw }),
    flush: () => engine.flush(),
    stop: () => {
      engine.stop()
      store.close()
    },
  }

  const module: EmulatorModule = {
    name: 'cloudpay',
    actions: { 'wx.wxPayApi': (req) => payApi.handle(req) },
    routes: payRoutes(store, payApi, sandbox),
    stop: () => sandbox.stop(),
  }

  return { module, ...sandbox }
}
