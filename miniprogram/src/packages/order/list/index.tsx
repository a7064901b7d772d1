import { View } from '@tarojs/components'
import { useDidShow, useReachBottom, useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, call } from '../../../api'
import { OrderCard } from '../../../components/order/OrderCard'
import { orderDetailPath } from '../../../components/order/paths'
import type { OrderSummary } from '../../../components/order/types'
import { openPath } from '../../../lib/nav'
import { Button, Empty, Loading, Screen, Skeleton, Tabs, Tag } from '../../../ui'
import { aftersaleListPath } from '../../aftersale/shared/paths'
import './index.css'

/** Tab keys are the contract's order.list tabs; `status=` in the URL takes the same keys. */
export const ORDER_LIST_TABS = [
  { key: 'all', title: '全部' },
  { key: 'awaitingPayment', title: '待付款' },
  { key: 'paid', title: '待发货' },
  { key: 'shipped', title: '待收货' },
  { key: 'received', title: '已完成' },
] as const

type TabKey = (typeof ORDER_LIST_TABS)[number]['key']
type Page = { items: OrderSummary[]; cursor: string | null }
type Load = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; page: Page }

const PAGE_SIZE = 10
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

export default function OrderList() {
  const { params } = useRouter()
  const [active, setActive] = useState(
    Math.max(
      0,
      ORDER_LIST_TABS.findIndex((t) => t.key === params.status),
    ),
  )
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [more, setMore] = useState(false)
  const generation = useRef(0)
  const tab: TabKey = ORDER_LIST_TABS[active].key

  const fetchFirst = useCallback(async () => {
    const mine = ++generation.current
    setLoad({ state: 'loading' })
    try {
      const page = await call('order.list', { tab, pageSize: PAGE_SIZE })
      if (mine === generation.current) setLoad({ state: 'ready', page })
    } catch (e) {
      if (mine === generation.current) setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [tab])

  useEffect(() => {
    void fetchFirst()
  }, [fetchFirst])

  const firstShow = useRef(true)
  useDidShow(() => {
    // back from an order page: statuses may have moved
    if (firstShow.current) firstShow.current = false
    else void fetchFirst()
  })

  const loadMore = async () => {
    if (load.state !== 'ready' || !load.page.cursor || more) return
    const mine = generation.current
    setMore(true)
    try {
      const next = await call('order.list', { tab, pageSize: PAGE_SIZE, cursor: load.page.cursor })
      if (mine === generation.current)
        setLoad({ state: 'ready', page: { items: [...load.page.items, ...next.items], cursor: next.cursor } })
    } catch {
      // the footer stays, so the shopper can scroll again
    } finally {
      setMore(false)
    }
  }
  useReachBottom(() => void loadMore())

  return (
    <Screen className="order-list">
      <Tabs tabs={ORDER_LIST_TABS.map((t) => t.title)} active={active} onChange={setActive} />
      {/* the 我的 tab is in the tight main package: the after-sales list is reached from here */}
      <View className="order-list__aftersales" onClick={() => openPath(aftersaleListPath())}>
        退款/售后 ›
      </View>
      {load.state === 'loading' ? (
        <Skeleton loading rows={6} title />
      ) : load.state === 'error' ? (
        <Empty image="network" description={load.error.message}>
          <Button type="danger" round size="small" onClick={() => void fetchFirst()}>
            重新加载
          </Button>
        </Empty>
      ) : load.page.items.length === 0 ? (
        <Empty description={`暂无${active === 0 ? '' : ORDER_LIST_TABS[active].title}订单`}>
          <Button round size="small" onClick={() => openPath('/pages/home/index')}>
            去逛逛
          </Button>
        </Empty>
      ) : (
        <View>
          {load.page.items.map((o) => (
            <View key={o.id} className="order-list__item">
              <OrderCard order={o} onOpen={(id) => openPath(orderDetailPath(id))} />
              {/* the shared card knows nothing of after-sales: the tag sits over its footer */}
              {o.aftersaleLabel ? (
                <View className="order-list__aftersale" onClick={() => openPath(orderDetailPath(o.id))}>
                  <Tag type="warning">{o.aftersaleLabel}</Tag>
                </View>
              ) : null}
            </View>
          ))}
          <View className="order-list__footer" onClick={() => void loadMore()}>
            {more ? <Loading size="16px">加载中</Loading> : load.page.cursor ? '加载更多' : '没有更多了'}
          </View>
        </View>
      )}
    </Screen>
  )
}
