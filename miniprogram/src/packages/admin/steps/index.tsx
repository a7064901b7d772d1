import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { ApiError, call } from '../../../api'
import type { AdminStepRow } from '../../../components/order/types'
import { formatTime } from '../../../lib/time'
import { Button, Empty, Screen, Skeleton, Tabs, toast } from '../../../ui'
import './index.css'

type Load =
  { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; items: AdminStepRow[] }
const STATUS = ['dead', 'pending'] as const
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

/**
 * The steps money and stock changes left to do (cloudfunctions/src/flow): dead letters with their last
 * error, and steps still pending. 重新执行 runs one again at once; every step is safe to repeat.
 */
export default function AdminSteps() {
  const [tab, setTab] = useState(0)
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [busy, setBusy] = useState<string | null>(null)

  const fetchList = useCallback(async (status: (typeof STATUS)[number]) => {
    setLoad({ state: 'loading' })
    try {
      setLoad({ state: 'ready', items: (await call('admin.steps.list', { status })).items })
    } catch (e) {
      setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [])
  useEffect(() => {
    void fetchList(STATUS[tab]!)
  }, [fetchList, tab])

  const replay = async (s: AdminStepRow) => {
    if (busy) return
    setBusy(s.id)
    try {
      const after = await call('admin.steps.replay', { stepId: s.id })
      toast(
        after.status === 'done' ? '已执行成功' : `仍未成功：${after.lastError ?? ''}`,
        after.status === 'done' ? 'success' : undefined,
      )
      if (load.state === 'ready')
        setLoad({
          state: 'ready',
          items: load.items.filter((x) => x.id !== s.id || after.status === STATUS[tab]),
        })
    } catch (e) {
      toast(asApiError(e).message)
    } finally {
      setBusy(null)
    }
  }

  return (
    <Screen className="admin">
      <Tabs tabs={['死信', '待执行']} active={tab} onChange={setTab} />
      {load.state === 'loading' ? (
        <Skeleton loading rows={6} title />
      ) : load.state === 'error' ? (
        <Empty image="error" description={load.error.message} />
      ) : load.items.length === 0 ? (
        <Empty description={tab === 0 ? '没有死信，所有步骤都已完成' : '没有待执行的步骤'} />
      ) : (
        load.items.map((s) => (
          <View key={s.id} className="admin-step">
            <View className="admin-step__head">
              <Text className="admin-step__kind">{s.kindLabel}</Text>
              <Text className="admin-step__attempts">已尝试 {s.attempts} 次</Text>
            </View>
            <View className="admin-step__meta">
              订单 {s.ref} · {s.flow}
            </View>
            <View className="admin-step__meta">写入于 {formatTime(s.createdAt)}</View>
            {s.lastError ? <View className="admin-step__error">{s.lastError}</View> : null}
            <View className="admin-step__foot">
              <Button type="danger" round size="small" loading={busy === s.id} onClick={() => void replay(s)}>
                重新执行
              </Button>
            </View>
          </View>
        ))
      )}
    </Screen>
  )
}
