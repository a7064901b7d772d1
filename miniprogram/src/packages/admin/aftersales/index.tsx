import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { AFTERSALE_QUEUE_TABS, type AdminAftersaleRow, type AftersaleQueueTab } from '@mall/contract'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, call } from '../../../api'
import { formatPrice } from '../../../lib/money'
import { openPath } from '../../../lib/nav'
import { formatTime } from '../../../lib/time'
import { Button, Empty, Screen, Skeleton, Tabs, toast } from '../../../ui'
import { timeLeft } from '../../aftersale/shared/due'
import { statusTone } from '../../aftersale/shared/status'
import { TAB_LABELS, adminAftersaleDetailPath, tabTitles } from './tabs'
import './index.css'

type Page = { items: AdminAftersaleRow[]; cursor: string | null }
type Load = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; page: Page }

const PAGE_SIZE = 20
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

/** The merchant's after-sales queue: one tab per step someone is waiting on, with counts. */
export default function AdminAftersales() {
  const [active, setActive] = useState(0)
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [counts, setCounts] = useState<Record<AftersaleQueueTab, number> | null>(null)
  const [more, setMore] = useState(false)
  const generation = useRef(0)
  const tab = AFTERSALE_QUEUE_TABS[active]!

  const fetchFirst = useCallback(async () => {
    const mine = ++generation.current
    setLoad({ state: 'loading' })
    try {
      const res = await call('admin.aftersales.list', { tab, pageSize: PAGE_SIZE })
      if (mine !== generation.current) return
      setCounts(res.counts)
      setLoad({ state: 'ready', page: { items: res.items, cursor: res.cursor } })
    } catch (e) {
      if (mine === generation.current) setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [tab])
  useEffect(() => {
    void fetchFirst()
  }, [fetchFirst])
  const firstShow = useRef(true)
  useDidShow(() => {
    // back from a request the merchant just handled
    if (firstShow.current) firstShow.current = false
    else void fetchFirst()
  })

  const loadMore = async () => {
    if (load.state !== 'ready' || !load.page.cursor || more) return
    const mine = generation.current
    setMore(true)
    try {
      const next = await call('admin.aftersales.list', { tab, pageSize: PAGE_SIZE, cursor: load.page.cursor })
      if (mine !== generation.current) return
      setCounts(next.counts)
      setLoad({ state: 'ready', page: { items: [...load.page.items, ...next.items], cursor: next.cursor } })
    } catch (e) {
      toast(asApiError(e).message)
    } finally {
      setMore(false)
    }
  }

  return (
    <Screen className="admin-as">
      <Tabs tabs={tabTitles(counts)} active={active} onChange={setActive} />
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
        <Empty description={`暂无${TAB_LABELS[tab]}的售后单`} />
      ) : (
        <View>
          {load.page.items.map((a) => (
            <View
              key={a.id}
              className="admin-as__row"
              onClick={() => openPath(adminAftersaleDetailPath(a.id))}
            >
              <View className="admin-as__head">
                <Text className="admin-as__no">{a.aftersaleNo}</Text>
                <Text className={`admin-as__status admin-as__status--${statusTone(a.status)}`}>
                  {a.statusLabel}
                </Text>
              </View>
              <View className="admin-as__main">
                <Text className={`admin-as__type admin-as__type--${a.type}`}>{a.typeLabel}</Text>
                <Text className="admin-as__amount">{formatPrice(a.amount)}</Text>
              </View>
              <View className="admin-as__meta">原因：{a.reason}</View>
              <View className="admin-as__meta">
                {a.lines.map((l) => `${l.title} x${l.quantity}`).join('，')}
              </View>
              <View className="admin-as__foot">
                <Text>申请于 {formatTime(a.createdAt)}</Text>
                {a.dueAt !== null ? <Text className="admin-as__due">{timeLeft(a.dueAt)}</Text> : null}
              </View>
            </View>
          ))}
          <View className="admin-as__more" onClick={() => void loadMore()}>
            {more ? '加载中…' : load.page.cursor ? '加载更多' : '没有更多了'}
          </View>
        </View>
      )}
    </Screen>
  )
}
