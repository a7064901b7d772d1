import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { AFTERSALE_QUEUE_TABS, type AftersaleQueueTab } from '@mall/contract'
import { useCallback, useRef, useState } from 'react'
import { call } from '../../../api'
import { formatPrice } from '../../../lib/money'
import { openPath } from '../../../lib/nav'
import { formatTime } from '../../../lib/time'
import { Empty, Screen, Tabs } from '../../../ui'
import { timeLeft } from '../../aftersale/shared/due'
import { statusTone } from '../../aftersale/shared/status'
import { LoadState } from '../shared/LoadState'
import { useCursorList } from '../shared/load'
import { TAB_LABELS, adminAftersaleDetailPath, tabTitles } from './tabs'
import './index.css'

const PAGE_SIZE = 20

/** The merchant's after-sales queue: one tab per step someone is waiting on, with counts. */
export default function AdminAftersales() {
  const [active, setActive] = useState(0)
  const [counts, setCounts] = useState<Record<AftersaleQueueTab, number> | null>(null)
  const tab = AFTERSALE_QUEUE_TABS[active]!
  const fetchPage = useCallback(
    (cursor?: string) =>
      call('admin.aftersales.list', { tab, pageSize: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    [tab],
  )
  const list = useCursorList(fetchPage, (page) => setCounts(page.counts))
  const { load } = list
  const firstShow = useRef(true)
  useDidShow(() => {
    // back from a request the merchant just handled
    if (firstShow.current) firstShow.current = false
    else void list.reload()
  })

  return (
    <Screen className="admin-as">
      <Tabs tabs={tabTitles(counts)} active={active} onChange={setActive} />
      {load.state !== 'ready' ? (
        <LoadState load={load} onRetry={() => void list.reload()} />
      ) : load.data.items.length === 0 ? (
        <Empty description={`暂无${TAB_LABELS[tab]}的售后单`} />
      ) : (
        <View>
          {load.data.items.map((a) => (
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
          <View className="admin-as__more" onClick={() => void list.loadMore()}>
            {list.more ? '加载中…' : load.data.cursor ? '加载更多' : '没有更多了'}
          </View>
        </View>
      )}
    </Screen>
  )
}
