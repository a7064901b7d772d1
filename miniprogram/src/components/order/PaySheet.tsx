import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { ApiError, call } from '../../api'
import { formatPrice } from '../../lib/money'
import { Button, Popup, toast } from '../../ui'
import { payBalance, payWechat, type PayOutcome } from './payment'
import './order.css'

interface Props {
  show: boolean
  orderId: string
  /** fen, the order's payable as the server computed it */
  payable: number
  onClose: () => void
  /** after the server answered; 'redirected' never arrives (the page is leaving for the cashier) */
  onDone: (outcome: Exclude<PayOutcome, 'redirected'>) => void
}

/** Choose 微信支付 or 余额支付 for an order; errors are shown with the server's message. */
export function PaySheet({ show, orderId, payable, onClose, onDone }: Props) {
  const [busy, setBusy] = useState<'wechat' | 'balance' | null>(null)
  // the balance as the server has it, so 余额支付 says what it will take from (null: not known yet)
  const [balance, setBalance] = useState<number | null>(null)
  useEffect(() => {
    if (!show) return
    let live = true
    call('user.wallet', { limit: 1 }).then(
      (w) => live && setBalance(w.balance),
      () => live && setBalance(null),
    )
    return () => {
      live = false
    }
  }, [show])
  const short = balance !== null && balance < payable
  const pay = async (method: 'wechat' | 'balance') => {
    if (busy) return
    setBusy(method)
    try {
      const outcome = method === 'wechat' ? await payWechat(orderId) : await payBalance(orderId)
      if (outcome === 'redirected') return
      if (outcome === 'paid') toast('支付成功', 'success')
      else toast('支付未完成')
      onDone(outcome)
    } catch (e) {
      toast(e instanceof ApiError || e instanceof Error ? e.message : '支付失败')
    } finally {
      setBusy(null)
    }
  }
  return (
    <Popup show={show} position="bottom" round closeable onClose={onClose}>
      <View className="pay-sheet">
        <View className="pay-sheet__title">选择支付方式</View>
        <View className="pay-sheet__amount">
          <Text>{formatPrice(payable)}</Text>
        </View>
        <View className="pay-sheet__buttons">
          <Button type="primary" block round loading={busy === 'wechat'} onClick={() => void pay('wechat')}>
            微信支付
          </Button>
          <Button
            type="warning"
            block
            round
            disabled={short}
            loading={busy === 'balance'}
            onClick={() => void pay('balance')}
          >
            余额支付
          </Button>
        </View>
        {balance === null ? null : (
          <View className={`pay-sheet__balance${short ? ' pay-sheet__balance--short' : ''}`}>
            钱包余额 {formatPrice(balance)}
            {short ? '，不足以支付本单' : ''}
          </View>
        )}
      </View>
    </Popup>
  )
}
