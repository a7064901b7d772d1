import { Text, View } from '@tarojs/components'
import type { WithdrawalConfirm, WithdrawalOptions, WithdrawalView } from '@mall/contract'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, call } from '../../../api'
import { isWeapp } from '../../../components/order/paths'
import { newRequestId } from '../../../components/order/requestId'
import { formatYuan } from '../../../lib/money'
import { formatTime } from '../../../lib/time'
import { Button, confirm, Empty, Field, Screen, Skeleton, toast } from '../../../ui'
import './index.css'

type Load =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError }
  | { state: 'ready'; options: WithdrawalOptions; items: WithdrawalView[]; cursor: string | null }
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))
// the answer may not have reached us: the same requestId must be sent again, never a second withdrawal
const UNSURE = new Set(['NETWORK', 'FUNCTION_FAILED', 'INTERNAL', 'CONFLICT'])
const PAGE_PATH = '/packages/wallet/withdraw/index'

// the h5 build's gateway base ('' = same origin), as the order payment reads it
const gatewayBase = (): string => (typeof MALL_GATEWAY_URL === 'string' ? MALL_GATEWAY_URL : '')

/** '12.3' -> 1230 fen; null when it is not an amount with at most two decimals. */
function parseYuan(s: string): number | null {
  const m = /^(\d{1,7})(?:\.(\d{0,2}))?$/.exec(s.trim())
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}

/** h5: the emulator's confirm page came back with ?transferResult=...; read it once and drop it. */
function takeTransferResult(): string | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return null
  const search = new URLSearchParams(window.location.search)
  const r = search.get('transferResult')
  if (r === null) return null
  search.delete('transferResult')
  const rest = search.toString()
  window.history.replaceState(
    null,
    '',
    `${window.location.pathname}${rest ? `?${rest}` : ''}${window.location.hash}`,
  )
  return r
}

interface MerchantTransferApi {
  requestMerchantTransfer?: (o: {
    mchId: string
    appId: string
    package: string
    openId?: string
    success?: () => void
    fail?: (e: { errMsg?: string }) => void
  }) => void
}

/** weapp: WeChat's own confirm sheet (base library 3.3.0+); resolves whether the shopper confirmed. */
function requestMerchantTransfer(c: WithdrawalConfirm): Promise<boolean> {
  const wxApi = (globalThis as { wx?: MerchantTransferApi }).wx
  if (!wxApi?.requestMerchantTransfer) return Promise.reject(new Error('请升级微信到最新版本后再确认收款'))
  return new Promise((resolve) =>
    wxApi.requestMerchantTransfer!({
      mchId: c.mchId,
      appId: c.appId,
      package: c.package,
      openId: c.openId,
      success: () => resolve(true),
      fail: () => resolve(false),
    }),
  )
}

/**
 * Withdraw the withdrawable part of the wallet (recharged principal, never the bonus): ask, finance
 * approves, then confirm the receipt in WeChat (确认收款). Whether the money arrived is always what the
 * server says, never what the client saw.
 */
export default function WithdrawPage() {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [amount, setAmount] = useState('')
  const [busy, setBusy] = useState<string | null>(null)
  const requestId = useRef(newRequestId())

  const fetchAll = useCallback(async () => {
    try {
      const [options, list] = await Promise.all([call('withdrawal.options', {}), call('withdrawal.list', {})])
      setLoad({ state: 'ready', options, items: list.items, cursor: list.cursor })
    } catch (e) {
      setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [])

  useEffect(() => {
    const back = takeTransferResult()
    if (back === 'ok') toast('已确认收款，到账结果以微信通知为准', 'success')
    else if (back === 'cancel') toast('尚未确认收款，可在24小时内再次确认')
    void fetchAll()
  }, [fetchAll])

  const submit = async () => {
    if (load.state !== 'ready' || busy) return
    const fen = parseYuan(amount)
    const o = load.options
    if (fen === null || fen <= 0) return toast('请输入正确的提现金额')
    if (fen < o.minFen) return toast(`最低提现 ¥${formatYuan(o.minFen)}`)
    if (fen > o.withdrawable) return toast('提现金额超过可提现余额')
    setBusy('request')
    try {
      await call('withdrawal.request', { amountFen: fen, requestId: requestId.current })
      requestId.current = newRequestId()
      setAmount('')
      toast('提现申请已提交，等待审核', 'success')
      await fetchAll()
    } catch (e) {
      const err = asApiError(e)
      if (!UNSURE.has(err.code)) requestId.current = newRequestId()
      toast(err.message)
    } finally {
      setBusy(null)
    }
  }

  const receive = async (w: WithdrawalView) => {
    if (busy) return
    setBusy(w.id)
    try {
      const c = await call('withdrawal.confirm', { id: w.id })
      if (!isWeapp()) {
        if (!c.confirmUrl) throw new Error('当前环境不支持确认收款，请在微信小程序中操作')
        const { origin, pathname } = window.location
        const back = `${origin}${pathname}#${PAGE_PATH}`
        window.location.href = `${gatewayBase()}${c.confirmUrl}&redirect=${encodeURIComponent(back)}`
        return
      }
      const confirmed = await requestMerchantTransfer(c)
      toast(confirmed ? '已确认收款，到账结果以微信通知为准' : '尚未确认收款，可在24小时内再次确认')
      await fetchAll()
    } catch (e) {
      toast(e instanceof ApiError ? e.message : (e as Error).message || '操作失败')
    } finally {
      setBusy(null)
    }
  }

  const cancel = async (w: WithdrawalView) => {
    if (busy) return
    const yes = await confirm({
      title: '撤回提现',
      message: `撤回后 ¥${formatYuan(w.amount)} 将退回余额`,
      confirmText: '撤回',
    })
    if (!yes) return
    setBusy(w.id)
    try {
      await call('withdrawal.cancel', { id: w.id })
      toast('已撤回，金额已退回余额')
      await fetchAll()
    } catch (e) {
      toast(asApiError(e).message)
    } finally {
      setBusy(null)
    }
  }

  const more = async () => {
    if (load.state !== 'ready' || !load.cursor || busy) return
    setBusy('more')
    try {
      const next = await call('withdrawal.list', { cursor: load.cursor })
      setLoad({ ...load, items: [...load.items, ...next.items], cursor: next.cursor })
    } catch (e) {
      toast(asApiError(e).message)
    } finally {
      setBusy(null)
    }
  }

  if (load.state === 'loading')
    return (
      <Screen className="withdraw">
        <Skeleton loading rows={6} title />
      </Screen>
    )
  if (load.state === 'error')
    return (
      <Screen className="withdraw">
        <Empty image="network" description={load.error.message}>
          <Button type="danger" round size="small" onClick={() => void fetchAll()}>
            重新加载
          </Button>
        </Empty>
      </Screen>
    )

  const o = load.options
  return (
    <Screen className="withdraw">
      <View className="withdraw__card">
        <Text className="withdraw__avail">可提现金额（元）</Text>
        <View className="withdraw__avail-num">{formatYuan(o.withdrawable)}</View>
        <Text className="withdraw__hint">
          余额 ¥{formatYuan(o.balance)}，其中赠送金 ¥{formatYuan(o.bonus)} 不可提现
          {o.frozen > 0 ? `；提现中 ¥${formatYuan(o.frozen)}` : ''}
        </Text>
        <Field
          label="提现金额"
          type="digit"
          value={amount}
          placeholder={`最低 ¥${formatYuan(o.minFen)}`}
          onChange={setAmount}
        />
        <Text className="withdraw__hint">
          单笔最多 ¥{formatYuan(Math.min(o.maxFen, o.withdrawable))}，每日最多 {o.dailyCount} 笔、¥
          {formatYuan(o.dailyMaxFen)}（今日已申请 {o.todayCount} 笔）
          <Text
            className="withdraw__all"
            onClick={() => setAmount(formatYuan(Math.min(o.maxFen, o.withdrawable)))}
          >
            全部提现
          </Text>
        </Text>
        <View className="withdraw__actions">
          <Button
            type="danger"
            round
            block
            loading={busy === 'request'}
            disabled={o.withdrawable < o.minFen}
            onClick={() => void submit()}
          >
            申请提现
          </Button>
        </View>
        <Text className="withdraw__hint">
          审核通过后，请在24小时内点击“确认收款”，金额将转入微信零钱；逾期未确认将自动退回余额。
        </Text>
      </View>

      <View className="withdraw__section">提现记录</View>
      {load.items.length === 0 ? (
        <Empty description="暂无提现记录" />
      ) : (
        load.items.map((w) => (
          <View key={w.id} className="withdraw-item">
            <View className="withdraw-item__head">
              <Text className="withdraw-item__amount">¥{formatYuan(w.amount)}</Text>
              <Text
                className={`withdraw-item__status${w.status === 'paid' ? ' withdraw-item__status--paid' : ''}`}
              >
                {w.statusLabel}
              </Text>
            </View>
            <View className="withdraw-item__meta">申请时间 {formatTime(w.createdAt)}</View>
            {w.rejectReason ? <View className="withdraw-item__meta">驳回原因：{w.rejectReason}</View> : null}
            {w.returnReason ? (
              <View className="withdraw-item__meta">退回原因：{w.returnReason}，金额已退回余额</View>
            ) : null}
            {w.confirmBy ? (
              <View className="withdraw-item__meta">请在 {formatTime(w.confirmBy)} 前确认收款</View>
            ) : null}
            {w.canConfirm || w.canCancel ? (
              <View className="withdraw-item__buttons">
                {w.canCancel ? (
                  <Button round size="small" loading={busy === w.id} onClick={() => void cancel(w)}>
                    撤回申请
                  </Button>
                ) : null}
                {w.canConfirm ? (
                  <Button
                    type="danger"
                    round
                    size="small"
                    loading={busy === w.id}
                    onClick={() => void receive(w)}
                  >
                    确认收款
                  </Button>
                ) : null}
              </View>
            ) : null}
          </View>
        ))
      )}
      {load.cursor ? (
        <View className="withdraw__more" onClick={() => void more()}>
          {busy === 'more' ? '加载中…' : '加载更多'}
        </View>
      ) : null}
    </Screen>
  )
}
