import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { ApiError, call } from '../../../api'
import type { AdminOrderRow } from '../../../components/order/types'
import { formatPrice } from '../../../lib/money'
import { openPath } from '../../../lib/nav'
import { Button, Empty, Screen, Skeleton, toast } from '../../../ui'
import { ShipForm } from './ShipForm'
import './index.css'

type Page = { items: AdminOrderRow[]; cursor: string | null }
type Load = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; page: Page }

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

// Hidden merchant area: opened by path only; every action is checked server-side (FORBIDDEN otherwise).
export default function AdminOrders() {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [shipping, setShipping] = useState<AdminOrderRow | null>(null)
  const [more, setMore] = useState(false)

  const fetchFirst = useCallback(async () => {
    try {
      setLoad({ state: 'ready', page: await call('admin.orders.list', { pageSize: 20 }) })
    } catch (e) {
      setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [])
  useEffect(() => {
    void fetchFirst()
  }, [fetchFirst])

  const loadMore = async () => {
    if (load.state !== 'ready' || !load.page.cursor || more) return
    setMore(true)
    try {
      const next = await call('admin.orders.list', { pageSize: 20, cursor: load.page.cursor })
      setLoad({ state: 'ready', page: { items: [...load.page.items, ...next.items], cursor: next.cursor } })
    } catch (e) {
      toast(asApiError(e).message)
    } finally {
      setMore(false)
    }
  }

  if (load.state === 'loading') {
    return (
      <Screen className="admin">
        <Skeleton loading rows={6} title />
      </Screen>
    )
  }
  if (load.state === 'error') {
    return (
      <Screen className="admin">
        <Empty image="error" description={load.error.message}>
          {load.error.code === 'FORBIDDEN' ? null : (
            <Button type="danger" round size="small" onClick={() => void fetchFirst()}>
              重新加载
            </Button>
          )}
        </Empty>
      </Screen>
    )
  }

  const { page } = load
  return (
    <Screen className="admin">
      <View className="admin__title">
        待发货订单
        <View>
          <Text className="admin__link" onClick={() => openPath('/packages/admin/aftersales/index')}>
            售后处理
          </Text>
          <Text className="admin__link" onClick={() => openPath('/packages/admin/reviews/index')}>
            {' · '}评价管理
          </Text>
          <Text className="admin__link" onClick={() => openPath('/packages/admin/steps/index')}>
            {' · '}待办步骤 / 死信
          </Text>
          <Text className="admin__link" onClick={() => openPath('/packages/admin/recharge/index')}>
            {' · '}充值套餐
          </Text>
          <Text className="admin__link" onClick={() => openPath('/packages/admin/members/index')}>
            {' · '}会员管理
          </Text>
          <Text className="admin__link" onClick={() => openPath('/packages/admin/levels/index')}>
            {' · '}会员等级
          </Text>
          <Text className="admin__link" onClick={() => openPath('/packages/admin/withdrawals/index')}>
            {' · '}提现审核
          </Text>
        </View>
      </View>
      {page.items.length === 0 ? (
        <Empty description="暂无待发货订单" />
      ) : (
        page.items.map((o) => (
          <View key={o.id} className="admin-order">
            <View className="admin-order__head">
              <Text>订单号 {o.orderNo}</Text>
              <Text className="admin-order__status">{o.statusLabel}</Text>
            </View>
            <View className="admin-order__receiver">
              <Text>{o.receiver.name}</Text>
              <Text className="admin-order__phone">{o.receiver.phoneMasked}</Text>
              <Text className="admin-order__region">{o.receiver.region}</Text>
            </View>
            <View className="admin-order__lines">
              {o.lines.map((l) => (
                <View key={l.skuId} className="admin-order__line">
                  <Text className="admin-order__line-title">{l.title}</Text>
                  <Text> x{l.quantity}</Text>
                </View>
              ))}
            </View>
            <View className="admin-order__foot">
              <Text>实付 {formatPrice(o.totals.payable)}</Text>
              <Button type="danger" round size="small" onClick={() => setShipping(o)}>
                发货
              </Button>
            </View>
          </View>
        ))
      )}
      {page.cursor ? (
        <View className="admin__more" onClick={() => void loadMore()}>
          {more ? '加载中…' : '加载更多'}
        </View>
      ) : null}
      {shipping ? (
        <ShipForm
          order={shipping}
          onClose={() => setShipping(null)}
          onShipped={() => {
            setShipping(null)
            toast('已发货', 'success')
            setLoad({
              state: 'ready',
              page: { ...page, items: page.items.filter((x) => x.id !== shipping.id) },
            })
          }}
        />
      ) : null}
    </Screen>
  )
}
