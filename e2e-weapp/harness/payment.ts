/**
 * wx.requestPayment against the emulator's WeChat Pay sandbox: the shopper confirms (the trade is paid and
 * its payment callback delivered before requestPayment answers), cancels, or the payment fails (PAYERROR).
 */
import type { Emulator } from '../../emulator/src'

export type PaymentMode = 'pay' | 'cancel' | 'fail'

type Obj = Record<string, unknown>

export async function completeTrade(
  emu: Emulator,
  params: Obj,
  mode: PaymentMode,
  openid?: string,
): Promise<Obj> {
  const prepayId = /^prepay_id=(.+)$/.exec(String(params.package ?? ''))?.[1]
  if (!prepayId || !params.paySign || !params.timeStamp || !params.nonceStr)
    throw new Error(
      `requestPayment called without the unifiedOrder payment fields: ${JSON.stringify(params)}`,
    )
  const trade = emu.pay.orders().find((t) => t.prepayId === prepayId)
  if (!trade) throw new Error(`no sandbox trade with prepay_id ${prepayId}`)
  if (openid && trade.openid !== openid)
    throw new Error(`the trade ${trade.outTradeNo} belongs to ${trade.openid}, not the paying user ${openid}`)
  if (mode === 'cancel') throw Object.assign(new Error('cancel'), { errMsg: 'requestPayment:fail cancel' })
  if (mode === 'fail') {
    emu.pay.fail(trade.outTradeNo)
    throw new Error('payment failed')
  }
  emu.pay.pay(trade.outTradeNo)
  // the payment callback reaches the function (payNotify) before the shopper's page asks pay.query
  await emu.pay.flush()
  return {}
}
