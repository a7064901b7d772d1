import { View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, call } from '../../../api'
import { OrderCard } from '../../../components/order/OrderCard'
import { PaySheet } from '../../../components/order/PaySheet'
import { checkoutPath, orderDetailPath } from '../../../components/order/paths'
import type { OrderCounts, OrderListItem } from '../../../components/order/types'
import { openPath } from '../../../lib/nav'
import { Button, confirm, Empty, Loading, Screen, Skeleton, Tabs, Tag, toast } from '../../../ui'
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
type Page = { items: OrderListItem[]; cursor: string | null }
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
  const [counts, setCounts] = useState<OrderCounts | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [paying, setPaying] = useState<OrderListItem | null>(null)
  const generation = useRef(0)
  const tab: TabKey = ORDER_LIST_TABS[active].key

  const fetchFirst = useCallback(
    async (quiet = false) => {
      const mine = ++generation.current
      if (!quiet) setLoad({ state: 'loading' })
      // the badges are a hint: a failed count leaves the tabs without numbers, never the list empty
      void call('order.counts', {}).then(
        (c) => mine === generation.current && setCounts(c),
        () => undefined,
      )
      try {
        const page = await call('order.list', { tab, pageSize: PAGE_SIZE })
        if (mine === generation.current) setLoad({ state: 'ready', page })
      } catch (e) {
        if (mine === generation.current) setLoad({ state: 'error', error: asApiError(e) })
      }
    },
    [tab],
  )

  useEffect(() => {
    void fetchFirst()
  }, [fetchFirst])

  const firstShow = useRef(true)
  useDidShow(() => {
    // back from an order page: statuses may have moved
    if (firstShow.current) firstShow.current = false
    else void fetchFirst(true)
  })

  /** A card's button: ask when it cannot be undone, then let the server decide and show the new state. */
  const act = async (o: OrderListItem, question: string, run: () => Promise<unknown>, done: string) => {
    if (busy) return
    if (!(await confirm({ title: '提示', message: question }))) return
    setBusy(o.id)
    try {
      await run()
      toast(done, 'success')
    } catch (e) {
      toast(asApiError(e).message)
    } finally {
      setBusy(null)
      void fetchFirst(true)
    }
  }
  const buttons = (o: OrderListItem) => {
    const b: JSX.Element[] = []
    const loading = busy === o.id
    if (o.can.cancel)
      b.push(
        <Button
          key="cancel"
          round
          size="small"
          loading={loading}
          onClick={() =>
            void act(o, '确定取消这个订单吗？', () => call('order.cancel', { orderId: o.id }), '订单已取消')
          }
        >
          取消订单
        </Button>,
      )
    if (o.can.buyAgain)
      b.push(
        <Button key="again" round size="small" onClick={() => openPath(checkoutPath({ orderId: o.id }))}>
          再次购买
        </Button>,
      )
    if (o.can.confirmReceipt)
      b.push(
        <Button
          key="receive"
          type="danger"
          round
          size="small"
          loading={loading}
          onClick={() =>
            void act(
              o,
              '确认已收到商品吗？',
              () => call('order.confirmReceipt', { orderId: o.id }),
              '已确认收货',
            )
          }
        >
          确认收货
        </Button>,
      )
    if (o.can.pay)
      b.push(
        <Button key="pay" type="danger" round size="small" onClick={() => setPaying(o)}>
          去支付
        </Button>,
      )
    return b.length ? b : null
  }
  const badges = ORDER_LIST_TABS.map((t) =>
    counts && t.key in counts ? counts[t.key as keyof OrderCounts] : undefined,
  )

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
  usePullDownRefresh(() => {
    void fetchFirst(true).finally(() => Taro.stopPullDownRefresh())
  })

  return (
    <Screen className="order-list">
      <Tabs tabs={ORDER_LIST_TABS.map((t) => t.title)} badges={badges} active={active} onChange={setActive} />
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
            <OrderCard
              key={o.id}
              order={o}
              onOpen={(id) => openPath(orderDetailPath(id))}
              tag={
                o.aftersaleLabel ? (
                  <View className="order-list__aftersale">
                    <Tag type="warning">{o.aftersaleLabel}</Tag>
                  </View>
                ) : null
              }
            >
              {buttons(o)}
            </OrderCard>
          ))}
          <View className="order-list__footer" onClick={() => void loadMore()}>
            {more ? <Loading size="16px">加载中</Loading> : load.page.cursor ? '加载更多' : '没有更多了'}
          </View>
        </View>
      )}
      {paying ? (
        <PaySheet
          show
          orderId={paying.id}
          payable={paying.totals.payable}
          onClose={() => setPaying(null)}
          onDone={() => {
            setPaying(null)
            void fetchFirst(true)
          }}
        />
      ) : null}
    </Screen>
  )
}
