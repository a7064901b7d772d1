import { billTime, nonce, payTime } from './format'
import type { Delivery, Trade } from './store'

type Params = Record<string, unknown>

export const MCH_ID = '1900000000'

/** The payment notification as cloudPay hands it to the callback function (camelCase v2 fields). */
export const payEvent = (t: Trade, now: number): Params => {
  const e: Params = {
    returnCode: 'SUCCESS',
    appid: t.appid,
    mchId: MCH_ID,
    subAppid: t.appid,
    subMchId: t.subMchId,
    nonceStr: nonce(),
    resultCode: 'SUCCESS',
    openid: t.openid,
    isSubscribe: 'N',
    subOpenid: t.openid,
    subIsSubscribe: 'N',
    tradeType: t.tradeType,
    bankType: 'OTHERS',
    totalFee: t.totalFee,
    feeType: 'CNY',
    cashFee: t.totalFee,
    transactionId: t.transactionId,
    outTradeNo: t.outTradeNo,
    timeEnd: payTime(t.paidAt ?? now),
    userInfo: { appId: t.appid, openId: t.openid },
  }
  if (t.attach !== undefined) e.attach = t.attach
  return e
}

/** The refund notification: WeChat's decrypted `req_info`, camelCased. */
export const refundEvent = (t: Trade, d: Delivery): Params => {
  const r = t.refunds.find((x) => x.outRefundNo === d.outRefundNo)!
  const info = {
    transactionId: t.transactionId,
    outTradeNo: t.outTradeNo,
    refundId: r.refundId,
    outRefundNo: r.outRefundNo,
    totalFee: t.totalFee,
    settlementTotalFee: t.totalFee,
    refundFee: r.refundFee,
    settlementRefundFee: r.refundFee,
    refundStatus: r.status,
    successTime: billTime(r.createdAt),
    refundRecvAccout: '支付用户零钱',
    refundAccount: 'REFUND_SOURCE_RECHARGE_FUNDS',
    refundRequestSource: 'API',
  }
  // Refund notifications carry no attach. The decrypted req_info is given both nested and flat.
  return {
    returnCode: 'SUCCESS',
    appid: t.appid,
    mchId: MCH_ID,
    subAppid: t.appid,
    subMchId: t.subMchId,
    nonceStr: nonce(),
    reqInfo: info,
    ...info,
    userInfo: { appId: t.appid, openId: t.openid },
  }
}
