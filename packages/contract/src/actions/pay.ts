import * as v from 'valibot'
import { Id } from '../common'
import { action } from '../define'
import type { OrderStatus } from './order'

/** The parameters of `Taro.requestPayment` as cloudPay returns them. */
export interface WechatPaymentParams {
  appId?: string
  timeStamp: string
  nonceStr: string
  package: string
  signType: string
  paySign: string
}

const OrderRef = v.strictObject({ orderId: Id })

export const payActions = {
  /**
   * Creates (or reuses) the WeChat Pay order. On the local emulator `cashierPath` is also set: the h5 build
   * opens `<gateway>${cashierPath}` instead of calling requestPayment.
   */
  'pay.wechat': action<{
    outTradeNo: string
    totalFee: number
    payment: WechatPaymentParams
    cashierPath?: string
  }>()({ fn: 'shop', audience: 'shopper', input: OrderRef }),
  /** Pays from the wallet, atomically with the order. */
  'pay.balance': action<{ status: OrderStatus; balance: number }>()({
    fn: 'shop',
    audience: 'shopper',
    input: OrderRef,
  }),
  /** Asks WeChat (through the server) after requestPayment returns; never trusts the client's result. */
  'pay.query': action<{ status: OrderStatus; paid: boolean }>()({
    fn: 'shop',
    audience: 'shopper',
    input: OrderRef,
  }),
}
