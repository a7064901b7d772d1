import { Text, View } from '@tarojs/components'
import { useDidShow, useReachBottom } from '@tarojs/taro'
import type { WalletFilter, WalletView } from '@mall/contract'
import { useCallback, useRef, useState } from 'react'
import { ApiError, call } from '../../../api'
import { formatPrice, formatYuan } from '../../../lib/money'
import { openPath } from '../../../lib/nav'
import { formatTime } from '../../../lib/time'
import { Button, Empty, Screen, Skeleton, Tabs } from '../../../ui'
import { rechargePath, withdrawPath } from '../shared/paths'
import './index.css'

const FILTERS: Array<{ filter: WalletFilter; title: string }> = [
  { filter: 'all', title: '全部' },
  { filter: 'recharge', title: '充值' },
  { filter: 'pay', title: '消费' },
  { filter: 'refund', title: '退款' },
  { filter: 'withdraw', title: '提现' },
]
const PAGE_SIZE = 20

type Load = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; view: WalletView }
const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

const signed = (fen: number) => `${fen > 0 ? '+' : '-'}${formatYuan(Math.abs(fen))}`

/**
 * The wallet: the balance and its parts (withdrawable principal, bonus that is spent last and never
 * withdrawn, money held by open withdrawals) and the ledger history, filtered by kind, newest first.
 */
export default function WalletPage() {
  const [tab, setTab] = useState(0)
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [more, setMore] = useState(false)
  const tabRef = useRef(0)

  const fetchFirst = useCallback(async (index: number) => {
    tabRef.current = index
    try {
      const view = await call('user.wallet', { limit: PAGE_SIZE, filter: FILTERS[index]!.filter })
      if (tabRef.current === index) setLoad({ state: 'ready', view })
    } catch (e) {
      if (tabRef.current === index) setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [])
  // every show: back from a recharge or a payment, the balance moved
  useDidShow(() => void fetchFirst(tabRef.current))

  const switchTab = (i: number) => {
    setTab(i)
    setLoad({ state: 'loading' })
    void fetchFirst(i)
  }

  const loadMore = async () => {
    if (load.state !== 'ready' || !load.view.cursor || more) return
    setMore(true)
    const index = tabRef.current
    try {
      const next = await call('user.wallet', {
        limit: PAGE_SIZE,
        filter: FILTERS[index]!.filter,
        cursor: load.view.cursor,
      })
      if (tabRef.current === index)
        setLoad({
          state: 'ready',
          view: { ...next, entries: [...load.view.entries, ...next.entries] },
        })
    } catch {
      // the footer stays, so the shopper can scroll again
    } finally {
      setMore(false)
    }
  }
  useReachBottom(() => void loadMore())

  if (load.state === 'error') {
    return (
      <Screen className="wallet">
        <Empty image="network" description={load.error.message}>
          <Button type="danger" round size="small" onClick={() => void fetchFirst(tab)}>
            重新加载
          </Button>
        </Empty>
      </Screen>
    )
  }
  const view = load.state === 'ready' ? load.view : null
  return (
    <Screen className="wallet">
      <View className="wallet__card">
        <Text className="wallet__caption">账户余额（元）</Text>
        <Text className="wallet__balance">{view ? formatYuan(view.balance) : '--'}</Text>
        <View className="wallet__parts">
          <View className="wallet__part">
            <Text className="wallet__part-value">{view ? formatYuan(view.withdrawable) : '--'}</Text>
            <Text className="wallet__part-label">可提现</Text>
          </View>
          <View className="wallet__part">
            <Text className="wallet__part-value">{view ? formatYuan(view.bonus) : '--'}</Text>
            <Text className="wallet__part-label">赠送金</Text>
          </View>
          <View className="wallet__part">
            <Text className="wallet__part-value">{view ? formatYuan(view.frozen) : '--'}</Text>
            <Text className="wallet__part-label">提现中</Text>
          </View>
        </View>
        <View className="wallet__actions">
          <Button round size="small" onClick={() => openPath(withdrawPath())}>
            提现
          </Button>
          <Button type="danger" round size="small" onClick={() => openPath(rechargePath())}>
            充值
          </Button>
        </View>
        <Text className="wallet__hint">付款时先用充值本金，赠送金最后使用；赠送金不可提现。</Text>
      </View>
      <Tabs tabs={FILTERS.map((f) => f.title)} active={tab} onChange={switchTab} />
      {!view ? (
        <Skeleton loading rows={6} title />
      ) : view.entries.length === 0 ? (
        <Empty description="暂无记录" />
      ) : (
        <View className="wallet__list">
          {view.entries.map((e) => (
            <View key={e.id} className="wallet-entry">
              <View className="wallet-entry__main">
                <Text className="wallet-entry__label">{e.label}</Text>
                <Text className="wallet-entry__time">{formatTime(e.at)}</Text>
              </View>
              <View className="wallet-entry__side">
                <Text className={`wallet-entry__amount${e.amount > 0 ? ' wallet-entry__amount--in' : ''}`}>
                  {signed(e.amount)}
                </Text>
                {e.bonusAmount !== 0 && e.kind !== 'bonus' ? (
                  <Text className="wallet-entry__bonus">含赠送金 {formatPrice(Math.abs(e.bonusAmount))}</Text>
                ) : null}
                {e.balanceAfter !== undefined ? (
                  <Text className="wallet-entry__after">余额 {formatYuan(e.balanceAfter)}</Text>
                ) : null}
              </View>
            </View>
          ))}
          <View className="wallet__more" onClick={() => void loadMore()}>
            {view.cursor ? (more ? '加载中…' : '加载更多') : '没有更多了'}
          </View>
        </View>
      )}
    </Screen>
  )
}
