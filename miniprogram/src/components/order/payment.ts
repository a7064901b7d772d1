import Taro from '@tarojs/taro'
import { call } from '../../api'
import { isWeapp, orderDetailPath } from './paths'

// The server's default subscribe templates (order settings: templates.paid / templates.shipped).
export const SUBSCRIBE_TEMPLATES = ['tpl_order_paid', 'tpl_order_shipped']

// the h5 build's gateway base ('' = same origin), injected by the build like the h5 transport reads it
const gatewayBase = (): string => (typeof MALL_GATEWAY_URL === 'string' ? MALL_GATEWAY_URL : '')

export type PayOutcome = 'paid' | 'unpaid' | 'redirected'

/** The h5 page the emulator cashier sends the shopper back to (it appends payResult=ok|cancel|fail). */
export function cashierReturnUrl(orderId: string): string {
  const { origin, pathname } = window.location
  return `${origin}${pathname}#${orderDetailPath(orderId)}`
}

/**
 * WeChat Pay. Must run inside the pay tap: on weapp the subscribe prompt and requestPayment need the gesture;
 * on h5 the browser goes to the emulator cashier and comes back to the order page. The result is always
 * what the server says (pay.query), never what the client saw.
 */
export async function payWechat(orderId: string): Promise<PayOutcome> {
  if (isWeapp()) {
    // asked before any await so WeChat still sees the tap
    await Taro.requestSubscribeMessage({ tmplIds: SUBSCRIBE_TEMPLATES } as never).catch(() => undefined)
  }
  const r = await call('pay.wechat', { orderId })
  if (!isWeapp()) {
    if (!r.cashierPath) throw new Error('当前环境不支持微信支付，请使用余额支付')
    window.location.href = `${gatewayBase()}${r.cashierPath}&redirect=${encodeURIComponent(cashierReturnUrl(orderId))}`
    return 'redirected'
  }
  await Taro.requestPayment({ ...r.payment, signType: r.payment.signType } as never).catch(() => undefined)
  const q = await call('pay.query', { orderId })
  return q.paid ? 'paid' : 'unpaid'
}

export async function payBalance(orderId: string): Promise<PayOutcome> {
  const r = await call('pay.balance', { orderId })
  return r.status === 'awaitingPayment' ? 'unpaid' : 'paid'
}
