import type { PointsEntryView, PointsHistoryView } from '@mall/contract'
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { ApiError, call } from '../../../api'
import { ListFooter } from '../../../components/catalog/ProductGrid'
import { useReachBottom } from '../../../components/catalog/useReachBottom'
import { formatTime } from '../../../lib/time'
import { Button, Empty, Screen, Skeleton, toast } from '../../../ui'
import './index.css'

type Load =
  | { state: 'loading' }
  | { state: 'error'; error: ApiError }
  | { state: 'ready'; head: PointsHistoryView; entries: PointsEntryView[]; cursor: string | null }

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))
const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`)

/** The points balance, what expires when (FIFO), and the history from the points ledger. */
export default function Points() {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [more, setMore] = useState(false)
  const [moreError, setMoreError] = useState<string | null>(null)

  const fetchFirst = useCallback(async () => {
    try {
      const head = await call('loyalty.points', { pageSize: 20 })
      setLoad({ state: 'ready', head, entries: head.entries, cursor: head.cursor })
    } catch (e) {
      setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [])
  useDidShow(() => void fetchFirst())

  const loadMore = async () => {
    if (load.state !== 'ready' || !load.cursor || more) return
    setMore(true)
    setMoreError(null)
    try {
      const next = await call('loyalty.points', { pageSize: 20, cursor: load.cursor })
      setLoad({ ...load, entries: [...load.entries, ...next.entries], cursor: next.cursor })
    } catch (e) {
      setMoreError(asApiError(e).message)
      toast(asApiError(e).message)
    } finally {
      setMore(false)
    }
  }
  useReachBottom(() => void loadMore())

  if (load.state === 'loading')
    return (
      <Screen className="points">
        <Skeleton loading rows={6} title />
      </Screen>
    )
  if (load.state === 'error')
    return (
      <Screen className="points">
        <Empty image="network" description={load.error.message}>
          <Button type="danger" round size="small" onClick={() => void fetchFirst()}>
            重新加载
          </Button>
        </Empty>
      </Screen>
    )

  const { head, entries } = load
  return (
    <Screen className="points">
      <View className="points__card">
        <View className="points__label">可用积分</View>
        <View className="points__balance">{head.balance}</View>
        {head.expiring.length ? (
          head.expiring.map((x) => (
            <View key={x.expiresAt} className="points__expiring">
              {x.amount} 积分将于 {x.lastDay} 后过期
            </View>
          ))
        ) : (
          <View className="points__expiring">暂无即将过期的积分</View>
        )}
      </View>
      <View className="points__section">积分明细</View>
      {entries.length === 0 ? (
        <Empty description="还没有积分记录，完成订单即可获得积分" />
      ) : (
        <View className="points__list">
          {entries.map((e) => (
            <View key={e.id} className="points__row">
              <View className="points__row-main">
                <Text className="points__row-label">{e.label}</Text>
                <Text className="points__row-at">{formatTime(e.at)}</Text>
                {e.validUntil ? <Text className="points__row-at">有效期至 {e.validUntil}</Text> : null}
              </View>
              <Text className={`points__row-amount${e.amount > 0 ? ' points__row-amount--plus' : ''}`}>
                {signed(e.amount)}
              </Text>
            </View>
          ))}
          <ListFooter
            loading={more}
            error={moreError}
            hasMore={load.cursor !== null}
            count={entries.length}
            onMore={() => void loadMore()}
          />
        </View>
      )}
    </Screen>
  )
}
