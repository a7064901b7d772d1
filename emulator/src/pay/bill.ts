import { billDate, billTime, yuan } from './format'
import type { Trade } from './store'

const HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注'

const FEE_RATE = 0.006
const fee = (fen: number): number => Math.round(fen * FEE_RATE)

/**
 * WeChat's v2 bill text for one day (China time): every value prefixed with a backtick, amounts in yuan,
 * then a summary block. `billType` ALL | SUCCESS | REFUND. Returns undefined when the day has no rows.
 */
export function buildBill(
  trades: Trade[],
  mchId: string,
  date: string,
  billType: string,
): string | undefined {
  const rows: string[] = []
  let count = 0
  let settled = 0
  let refunded = 0
  let fees = 0
  let ordered = 0
  const row = (cells: Array<string | number>): string => cells.map((c) => `\`${c}`).join(',')
  for (const t of trades) {
    if (t.paidAt !== undefined && billDate(t.paidAt) === date && billType !== 'REFUND') {
      count++
      settled += t.totalFee
      ordered += t.totalFee
      fees += fee(t.totalFee)
      rows.push(
        row([
          billTime(t.paidAt),
          t.appid,
          mchId,
          t.subMchId,
          '',
          t.transactionId ?? '',
          t.outTradeNo,
          t.openid,
          t.tradeType,
          'SUCCESS',
          'OTHERS',
          'CNY',
          yuan(t.totalFee),
          '0.00',
          '0',
          '0',
          '0.00',
          '0.00',
          '',
          '',
          t.body,
          t.attach ?? '',
          yuan(fee(t.totalFee)),
          '0.60%',
          yuan(t.totalFee),
          '0.00',
          '',
        ]),
      )
    }
    if (billType === 'SUCCESS') continue
    for (const r of t.refunds) {
      if (billDate(r.createdAt) !== date) continue
      count++
      refunded += r.refundFee
      fees -= fee(r.refundFee)
      rows.push(
        row([
          billTime(r.createdAt),
          t.appid,
          mchId,
          t.subMchId,
          '',
          t.transactionId ?? '',
          t.outTradeNo,
          t.openid,
          t.tradeType,
          'REFUND',
          'OTHERS',
          'CNY',
          '0.00',
          '0.00',
          r.refundId,
          r.outRefundNo,
          yuan(r.refundFee),
          '0.00',
          'ORIGINAL',
          'SUCCESS',
          t.body,
          t.attach ?? '',
          yuan(-fee(r.refundFee)),
          '0.60%',
          '0.00',
          yuan(r.refundFee),
          '',
        ]),
      )
    }
  }
  if (rows.length === 0) return undefined
  return [
    HEADER,
    ...rows,
    '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额',
    row([count, yuan(settled), yuan(refunded), '0.00', yuan(fees), yuan(ordered), yuan(refunded)]),
  ].join('\r\n')
}
