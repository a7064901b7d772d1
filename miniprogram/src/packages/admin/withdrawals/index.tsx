import { Text, View } from '@tarojs/components'
import { WITHDRAWAL_QUEUE_TABS, type AdminWithdrawalRow } from '@mall/contract'
import { useCallback, useState } from 'react'
import { call } from '../../../api'
import { formatPrice } from '../../../lib/money'
import { formatTime } from '../../../lib/time'
import { Button, confirm, Empty, Field, Screen, Tabs, toast } from '../../../ui'
import { LoadState } from '../shared/LoadState'
import { toastError, useCursorList } from '../shared/load'
import './index.css'

// the last tab: rejected, cancelled by the member, or returned after a failed or expired bill
const TAB_LABELS = ['待审核', '已通过', '待收款', '已到账', '已关闭']
const PAGE_SIZE = 20

type Action = readonly [text: string, onClick: () => void]

/** A row's two buttons: the plain one, then the red one that runs (and spins while it does). */
function Buttons({ back, forward, loading }: { back: Action; forward: Action; loading: boolean }) {
  return (
    <View className="admin-wd__buttons">
      <Button round size="small" onClick={back[1]}>
        {back[0]}
      </Button>
      <Button type="danger" round size="small" loading={loading} onClick={forward[1]}>
        {forward[0]}
      </Button>
    </View>
  )
}

/**
 * The finance queue of withdrawals (role finance or owner): approve (the transfer bill is created at once;
 * the shopper then confirms the receipt in WeChat) or reject with a reason (the money returns at once).
 */
export default function AdminWithdrawals() {
  const [active, setActive] = useState(0)
  const [busy, setBusy] = useState<string | null>(null)
  const [rejecting, setRejecting] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const status = WITHDRAWAL_QUEUE_TABS[active]!
  const fetchPage = useCallback(
    (cursor?: string) =>
      call('admin.withdrawals.list', { status, pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    [status],
  )
  const list = useCursorList(fetchPage)
  const { load } = list

  /** One row's action at a time (and none while the next page loads); the list is read again after. */
  const act = async (w: AdminWithdrawalRow, work: () => Promise<void>) => {
    setBusy(w.id)
    try {
      await work()
      await list.reload()
    } catch (e) {
      toastError(e)
    } finally {
      setBusy(null)
    }
  }

  const approve = async (w: AdminWithdrawalRow) => {
    if (busy || list.more) return
    const yes = await confirm({
      title: '通过提现',
      message: `确认向 ${w.nickname ?? '该会员'} 转账 ${formatPrice(w.amount)}？通过后将创建微信转账单，会员确认收款后到账。`,
      confirmText: '通过',
    })
    if (!yes) return
    await act(w, async () => {
      const r = await call('admin.withdrawals.approve', { id: w.id })
      toast(r.lastError ? `已通过，转账单稍后自动重试：${r.lastError}` : '已通过，等待会员确认收款')
    })
  }

  const reject = async (w: AdminWithdrawalRow) => {
    if (busy || list.more) return
    if (!reason.trim()) return toast('请填写驳回原因')
    await act(w, async () => {
      await call('admin.withdrawals.reject', { id: w.id, reason: reason.trim() })
      toast('已驳回，金额已退回会员余额')
      setRejecting(null)
      setReason('')
    })
  }

  return (
    <Screen className="admin">
      <View className="admin-wd__title">提现审核</View>
      <Tabs tabs={TAB_LABELS} active={active} onChange={(i) => setActive(i)} />
      {load.state !== 'ready' ? (
        <LoadState load={load} onRetry={() => void list.reload()} />
      ) : load.data.items.length === 0 ? (
        <Empty description="暂无提现申请" />
      ) : (
        load.data.items.map((w) => (
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
                  <Buttons
                    back={['取消', () => setRejecting(null)]}
                    forward={['确认驳回', () => void reject(w)]}
                    loading={busy === w.id}
                  />
                </View>
              ) : (
                <Buttons
                  back={['驳回', () => (setRejecting(w.id), setReason(''))]}
                  forward={['通过', () => void approve(w)]}
                  loading={busy === w.id}
                />
              )
            ) : null}
          </View>
        ))
      )}
      {load.state === 'ready' && load.data.cursor ? (
        <View className="admin-wd__more" onClick={() => !busy && void list.loadMore()}>
          {list.more ? '加载中…' : '加载更多'}
        </View>
      ) : null}
    </Screen>
  )
}
