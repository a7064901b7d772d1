import { Image, Text, View } from '@tarojs/components'
import { useDidShow, useReachBottom, useRouter } from '@tarojs/taro'
import type { AftersaleSummary } from '@mall/contract'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, call } from '../../../api'
import { orderListPath } from '../../../components/order/paths'
import { formatPrice } from '../../../lib/money'
import { openPath } from '../../../lib/nav'
import { formatTime } from '../../../lib/time'
import { Button, Empty, Loading, Screen, Skeleton } from '../../../ui'
import { aftersaleDetailPath } from '../shared/paths'
import { statusTone } from '../shared/status'
import '../shared/aftersale.css'
import './index.css'

type Page = { items: AftersaleSummary[]; cursor: string | null }
type Load = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; page: Page }

const PAGE_SIZE = 10
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

/** Every request of the shopper, newest first; `?orderId=` narrows it to one order. */
export default function AftersaleList() {
  const { params } = useRouter()
  const orderId = params.orderId || undefined
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [more, setMore] = useState(false)

  const fetchFirst = useCallback(async () => {
    try {
      setLoad({ state: 'ready', page: await call('aftersale.list', { orderId, pageSize: PAGE_SIZE }) })
    } catch (e) {
      setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [orderId])
  useEffect(() => {
    void fetchFirst()
  }, [fetchFirst])
  const firstShow = useRef(true)
  useDidShow(() => {
    // back from a request: its status may have moved
    if (firstShow.current) firstShow.current = false
    else void fetchFirst()
  })

  const loadMore = async () => {
    if (load.state !== 'ready' || !load.page.cursor || more) return
    setMore(true)
    try {
      const next = await call('aftersale.list', { orderId, pageSize: PAGE_SIZE, cursor: load.page.cursor })
      setLoad({ state: 'ready', page: { items: [...load.page.items, ...next.items], cursor: next.cursor } })
    } catch {
      // the footer stays, so the shopper can scroll again
    } finally {
      setMore(false)
    }
  }
  useReachBottom(() => void loadMore())

  if (load.state === 'loading') {
    return (
      <Screen className="as-page">
        <Skeleton loading rows={6} title />
      </Screen>
    )
  }
  if (load.state === 'error') {
    return (
      <Screen className="as-page">
        <Empty image="network" description={load.error.message}>
          <Button type="danger" round size="small" onClick={() => void fetchFirst()}>
            重新加载
          </Button>
        </Empty>
      </Screen>
    )
  }
  if (load.page.items.length === 0) {
    return (
      <Screen className="as-page">
        <Empty description="暂无售后记录">
          <Button round size="small" onClick={() => openPath(orderListPath())}>
            查看订单
          </Button>
        </Empty>
      </Screen>
    )
  }
  return (
    <Screen className="as-page">
      {load.page.items.map((a) => (
        <View key={a.id} className="as-block as-card" onClick={() => openPath(aftersaleDetailPath(a.id))}>
          <View className="as-card__head">
            <Text className="as-card__no">{a.aftersaleNo}</Text>
            <Text className={`as-card__status as-card__status--${statusTone(a.status)}`}>
              {a.statusLabel}
            </Text>
          </View>
          <View className="as-card__body">
            <View className="as-card__thumbs">
              {a.lines.slice(0, 3).map((l) => (
                <Image key={l.skuId} className="as-card__thumb" src={l.image} mode="aspectFill" />
              ))}
            </View>
            <View className="as-card__info">
              <View className="as-card__title">
                {a.lines.length === 1
                  ? a.lines[0]!.title
                  : `${a.lines[0]?.title ?? ''} 等${a.lines.length}件商品`}
              </View>
              <View className="as-card__meta">
                {a.typeLabel} · {formatTime(a.createdAt)}
              </View>
            </View>
          </View>
          <View className="as-card__foot">
            退款金额 <Text className="as-amount">{formatPrice(a.amount)}</Text>
          </View>
        </View>
      ))}
      <View className="as-list__footer" onClick={() => void loadMore()}>
        {more ? <Loading size="16px">加载中</Loading> : load.page.cursor ? '加载更多' : '没有更多了'}
      </View>
    </Screen>
  )
}
