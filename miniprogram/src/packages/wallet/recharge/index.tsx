import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { RechargePackageView, RechargeView } from '@mall/contract'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, call } from '../../../api'
import { newRequestId } from '../../../components/order/requestId'
import { isWeapp } from '../../../components/order/paths'
import { formatYuan } from '../../../lib/money'
import { Button, Empty, Screen, Skeleton, toast } from '../../../ui'
import { rechargePath, walletPath } from '../shared/paths'
import './index.css'

type Load =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError }
  | { state: 'ready'; items: RechargePackageView[] }
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))
// the answer may not have reached us: the same requestId must be used again, never a new recharge
const UNSURE = new Set(['NETWORK', 'FUNCTION_FAILED', 'INTERNAL', 'CONFLICT', 'PAYMENT_FAILED'])

// the h5 build's gateway base ('' = same origin), as the order payment reads it
const gatewayBase = (): string => (typeof MALL_GATEWAY_URL === 'string' ? MALL_GATEWAY_URL : '')

/** h5: the emulator cashier came back with ?payResult=...; drop it from the address (the server decides). */
function dropPayResult(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return
  const search = new URLSearchParams(window.location.search)
  if (!search.has('payResult')) return
  search.delete('payResult')
  const rest = search.toString()
  window.history.replaceState(
    null,
    '',
    `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`,
  )
}

const limitText = (p: RechargePackageView) =>
  p.remaining === null
    ? '不限次数'
    : p.remaining > 0
      ? `每人限${p.perMemberLimit}次，还可${p.remaining}次`
      : '已达购买上限'

/**
 * Recharge packages (pay X, get Y bonus), paid by WeChat Pay. The result is always what the server says
 * (wallet.recharge.status asks WeChat Pay), never what the client saw.
 */
export default function RechargePage() {
  const { params } = useRouter()
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [picked, setPicked] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<RechargeView | null>(null)
  const requestId = useRef(newRequestId())

  const fetchPackages = useCallback(async () => {
    try {
      const { items } = await call('wallet.recharge.packages', {})
      setLoad({ state: 'ready', items })
      setPicked((cur) => cur ?? items.find((p) => p.remaining !== 0)?.id ?? null)
    } catch (e) {
      setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [])

  const checkStatus = useCallback(async (id: string) => {
    try {
      const r = await call('wallet.recharge.status', { id })
      setResult(r)
      if (r.status === 'paid') toast('充值成功', 'success')
      return r
    } catch (e) {
      toast(asApiError(e).message)
      return null
    }
  }, [])

  useEffect(() => {
    void fetchPackages()
    // back from the h5 cashier with the recharge id
    if (params.id) {
      dropPayResult()
      void checkStatus(params.id)
    }
  }, [fetchPackages, checkStatus, params.id])

  const pay = async () => {
    if (!picked || busy) return
    setBusy(true)
    try {
      const r = await call('wallet.recharge.create', { packageId: picked, requestId: requestId.current })
      // a new purchase next time, whatever happens to this one
      requestId.current = newRequestId()
      if (r.status !== 'pending' || !r.payment) {
        setResult(r)
        return
      }
      if (!isWeapp()) {
        if (!r.cashierPath) throw new Error('当前环境不支持微信支付')
        const { origin, pathname } = window.location
        const back = `${origin}${pathname}#${rechargePath(r.id)}`
        window.location.href = `${gatewayBase()}${r.cashierPath}&redirect=${encodeURIComponent(back)}`
        return
      }
      await Taro.requestPayment({ ...r.payment, signType: r.payment.signType } as never).catch(
        () => undefined,
      )
      const after = await checkStatus(r.id)
      if (after?.status === 'paid') void fetchPackages()
      else if (after?.status === 'pending') toast('支付未完成，可稍后在钱包中查看')
    } catch (e) {
      const err = asApiError(e)
      if (!UNSURE.has(err.code)) requestId.current = newRequestId()
      toast(e instanceof ApiError ? err.message : (e as Error).message || err.message)
    } finally {
      setBusy(false)
    }
  }

  if (load.state === 'loading') {
    return (
      <Screen className="recharge">
        <Skeleton loading rows={6} title />
      </Screen>
    )
  }
  if (load.state === 'error') {
    return (
      <Screen className="recharge">
        <Empty image="network" description={load.error.message}>
          <Button type="danger" round size="small" onClick={() => void fetchPackages()}>
            重新加载
          </Button>
        </Empty>
      </Screen>
    )
  }
  return (
    <Screen className="recharge">
      {result ? (
        <View className={`recharge__result recharge__result--${result.status}`}>
          <Text>
            {result.title}：{result.statusLabel}
          </Text>
          {result.status === 'pending' ? (
            <Text className="recharge__result-link" onClick={() => void checkStatus(result.id)}>
              刷新
            </Text>
          ) : (
            <Text className="recharge__result-link" onClick={() => Taro.redirectTo({ url: walletPath() })}>
              查看钱包
            </Text>
          )}
        </View>
      ) : null}
      {load.items.length === 0 ? (
        <Empty description="暂无充值套餐" />
      ) : (
        <View className="recharge__grid">
          {load.items.map((p) => {
            const soldOut = p.remaining === 0
            return (
              <View
                key={p.id}
                className={`recharge-pkg${picked === p.id ? ' recharge-pkg--picked' : ''}${soldOut ? ' recharge-pkg--off' : ''}`}
                onClick={() => !soldOut && setPicked(p.id)}
              >
                <Text className="recharge-pkg__pay">充 ¥{formatYuan(p.payFen)}</Text>
                {p.bonusFen > 0 ? (
                  <Text className="recharge-pkg__bonus">送 ¥{formatYuan(p.bonusFen)}</Text>
                ) : null}
                <Text className="recharge-pkg__title">{p.title}</Text>
                <Text className="recharge-pkg__limit">{limitText(p)}</Text>
              </View>
            )
          })}
        </View>
      )}
      <View className="recharge__rules">
        <Text>充值说明</Text>
        <Text>1. 充值金额（本金）可随时提现；赠送金只能用于购物，不可提现。</Text>
        <Text>2. 余额付款时先扣本金，最后使用赠送金；订单退款按原路退回本金和赠送金。</Text>
        <Text>3. 支付成功后即时到账；如长时间未到账，请在钱包中刷新。</Text>
      </View>
      <View className="recharge__bar">
        <Button type="danger" round block loading={busy} disabled={!picked} onClick={() => void pay()}>
          立即充值
        </Button>
      </View>
    </Screen>
  )
}
