import { Text, View } from '@tarojs/components'
import { WITHDRAWAL_QUEUE_TABS, type AdminWithdrawalRow } from '@mall/contract'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, call } from '../../../api'
import { formatPrice } from '../../../lib/money'
import { formatTime } from '../../../lib/time'
import { Button, confirm, Empty, Field, Screen, Skeleton, Tabs, toast } from '../../../ui'
import './index.css'

type Page = { items: AdminWithdrawalRow[]; cursor: string | null }
type Load = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; page: Page }

const TAB_LABELS = ['待审核', '已通过', '待收款', '已到账', '已驳回/退回']
const PAGE_SIZE = 20
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

/**
 * The finance queue of withdrawals (role finance or owner): approve (the transfer bill is created at once;
 * the shopper then confirms the receipt in WeChat) or reject with a reason (the money returns at once).
 */
export default function AdminWithdrawals() {
  const [active, setActive] = useState(0)
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [busy, setBusy] = useState<string | null>(null)
  const [rejecting, setRejecting] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const generation = useRef(0)
  const status = WITHDRAWAL_QUEUE_TABS[active]!

  const fetchFirst = useCallback(async () => {
    const mine = ++generation.current
    setLoad({ state: 'loading' })
    try {
      const res = await call('admin.withdrawals.list', { status, pageSize: PAGE_SIZE })
      if (mine === generation.current) setLoad({ state: 'ready', page: res })
    } catch (e) {
      if (mine === generation.current) setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [status])
  useEffect(() => {
    void fetchFirst()
  }, [fetchFirst])

  const loadMore = async () => {
    if (load.state !== 'ready' || !load.page.cursor || busy) return
    const mine = generation.current
    setBusy('more')
    try {
      const next = await call('admin.withdrawals.list', {
        status,
        pageSize: PAGE_SIZE,
        cursor: load.page.cursor,
      })
      if (mine === generation.current)
        setLoad({ state: 'ready', page: { items: [...load.page.items, ...next.items], cursor: next.cursor } })
    } catch (e) {
      toast(asApiError(e).message)
    } finally {
      setBusy(null)
    }
  }

  const approve = async (w: AdminWithdrawalRow) => {
    if (busy) return
    const yes = await confirm({
      title: '通过提现',
      message: `确认向 ${w.nickname ?? '该会员'} 转账 ${formatPrice(w.amount)}？通过后将创建微信转账单，会员确认收款后到账。`,
      confirmText: '通过',
    })
    if (!yes) return
    setBusy(w.id)
    try {
      const r = await call('admin.withdrawals.approve', { id: w.id })
      toast(r.lastError ? `已通过，转账单稍后自动重试：${r.lastError}` : '已通过，等待会员确认收款')
      await fetchFirst()
    } catch (e) {
      toast(asApiError(e).message)
    } finally {
      setBusy(null)
    }
  }

  const reject = async (w: AdminWithdrawalRow) => {
    if (busy) return
    if (!reason.trim()) return toast('请填写驳回原因')
    setBusy(w.id)
    try {
      await call('admin.withdrawals.reject', { id: w.id, reason: reason.trim() })
      toast('已驳回，金额已退回会员余额')
      setRejecting(null)
      setReason('')
      await fetchFirst()
    } catch (e) {
      toast(asApiError(e).message)
    } finally {
      setBusy(null)
    }
  }

  return (
    <Screen className="admin">
      <View className="admin-wd__title">提现审核</View>
      <Tabs tabs={TAB_LABELS} active={active} onChange={(i) => setActive(i)} />
      {load.state === 'loading' ? (
        <Skeleton loading rows={6} title />
      ) : load.state === 'error' ? (
        <Empty image="error" description={load.error.message}>
          {load.error.code === 'FORBIDDEN' ? null : (
            <Button type="danger" round size="small" onClick={() => void fetchFirst()}>
              重新加载
            </Button>
          )}
        </Empty>
      ) : load.page.items.length === 0 ? (
        <Empty description="暂无提现申请" />
      ) : (
        load.page.items.map((w) => (
          <View key={w.id} className="admin-wd">
            <View className="admin-wd__head">
              <Text>{w.nickname ?? w.openid}</Text>
              <Text className="admin-wd__amount">{formatPrice(w.amount)}</Text>
            </View>
            <View className="admin-wd__meta">
              {w.statusLabel} · 申请于 {formatTime(w.createdAt)}
            </View>
            <View className="admin-wd__meta">提现单号 {w.id}</View>
            {w.approvedAt ? <View className="admin-wd__meta">审核于 {formatTime(w.approvedAt)}</View> : null}
            {w.billState ? <View className="admin-wd__meta">微信转账单状态 {w.billState}</View> : null}
            {w.rejectReason ? <View className="admin-wd__meta">驳回原因：{w.rejectReason}</View> : null}
            {w.returnReason ? <View className="admin-wd__meta">退回原因：{w.returnReason}</View> : null}
            {w.lastError && (w.status === 'approved' || w.status === 'paying') ? (
              <View className="admin-wd__error">转账接口异常（将自动重试）：{w.lastError}</View>
            ) : null}
            {w.status === 'pending' ? (
              rejecting === w.id ? (
                <View className="admin-wd__reason">
                  <Field
                    label="驳回原因"
                    value={reason}
                    placeholder="会员可以看到"
                    maxlength={100}
                    onChange={setReason}
                  />
                  <View className="admin-wd__buttons">
                    <Button round size="small" onClick={() => setRejecting(null)}>
                      取消
                    </Button>
                    <Button
                      type="danger"
                      round
                      size="small"
                      loading={busy === w.id}
                      onClick={() => void reject(w)}
                    >
                      确认驳回
                    </Button>
                  </View>
                </View>
              ) : (
                <View className="admin-wd__buttons">
                  <Button round size="small" onClick={() => (setRejecting(w.id), setReason(''))}>
                    驳回
                  </Button>
                  <Button
                    type="danger"
                    round
                    size="small"
                    loading={busy === w.id}
                    onClick={() => void approve(w)}
                  >
                    通过
                  </Button>
                </View>
              )
            ) : null}
          </View>
        ))
      )}
      {load.state === 'ready' && load.page.cursor ? (
        <View className="admin-wd__more" onClick={() => void loadMore()}>
          {busy === 'more' ? '加载中…' : '加载更多'}
        </View>
      ) : null}
    </Screen>
  )
}
