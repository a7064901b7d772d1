import type { MyReview, ReviewableLine } from '@mall/contract'
import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { ApiError, call } from '../../../api'
import { usePaged } from '../../../components/catalog/usePaged'
import { Empty, Screen, Skeleton, Tabs } from '../../../ui'
import { MyReviewItem } from './MyReviews'
import { ReviewForm } from './ReviewForm'
import './index.css'

type Load =
  { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; lines: ReviewableLine[] }

/**
 * 评价晒单: `?orderId=&skuId=` opens that line's form (or an order's lines with only orderId); without them
 * every received line still waiting for a review. 我的评价 lists what the shopper wrote, with replies.
 */
export default function ReviewPage() {
  const { params } = useRouter()
  const orderId = params.orderId || undefined
  const skuId = params.skuId || undefined
  const [tab, setTab] = useState(0)
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const mine = usePaged<MyReview>((cursor) =>
    call('review.mine', { pageSize: 10, ...(cursor ? { cursor } : {}) }),
  )
  const reloadMine = mine.reload

  const fetchPending = useCallback(async () => {
    try {
      const { items } = await call('review.pending', orderId ? { orderId } : {})
      setLoad({ state: 'ready', lines: skuId ? items.filter((l) => l.skuId === skuId) : items })
    } catch (e) {
      setLoad({ state: 'error', error: e instanceof ApiError ? e : new ApiError('INTERNAL') })
    }
  }, [orderId, skuId])
  useEffect(() => {
    void fetchPending()
  }, [fetchPending])
  useEffect(() => {
    if (tab === 1) void reloadMine()
  }, [tab, reloadMine])

  const done = (line: ReviewableLine) => {
    if (load.state !== 'ready') return
    const rest = load.lines.filter((l) => l.orderId !== line.orderId || l.skuId !== line.skuId)
    setLoad({ state: 'ready', lines: rest })
    if (rest.length === 0) setTab(1)
  }

  return (
    <Screen className="rv-page">
      <Tabs tabs={['待评价', '我的评价']} active={tab} onChange={setTab} />
      {tab === 0 ? (
        load.state === 'loading' ? (
          <Skeleton loading rows={5} title />
        ) : load.state === 'error' ? (
          <Empty image="error" description={load.error.message} />
        ) : load.lines.length === 0 ? (
          <Empty description="没有待评价的商品" />
        ) : (
          load.lines.map((l) => (
            <ReviewForm key={`${l.orderId}_${l.skuId}`} line={l} onDone={() => done(l)} />
          ))
        )
      ) : mine.items.length === 0 && !mine.loading ? (
        <Empty description={mine.error ? mine.error.message : '还没有写过评价'} />
      ) : (
        <View>
          {mine.items.map((r) => (
            <MyReviewItem key={r.id} review={r} />
          ))}
          {mine.loading ? (
            <View className="rv-more">加载中…</View>
          ) : mine.cursor !== null ? (
            <View className="rv-more" onClick={() => void mine.loadMore()}>
              加载更多
            </View>
          ) : null}
        </View>
      )}
    </Screen>
  )
}
