import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { call } from '../../../api'
import type { AdminOrderRow } from '../../../components/order/types'
import { formatPrice } from '../../../lib/money'
import { openPath } from '../../../lib/nav'
import { Button, Empty, Screen, toast } from '../../../ui'
import { LoadState } from '../shared/LoadState'
import { useCursorList } from '../shared/load'
import { ShipForm } from './ShipForm'
import './index.css'

/** The other merchant pages, linked from the title (their folders under packages/admin). */
const AREAS = [
  ['aftersales', '售后处理'],
  ['reviews', '评价管理'],
  ['steps', '待办步骤 / 死信'],
  ['recharge', '充值套餐'],
  ['members', '会员管理'],
  ['levels', '会员等级'],
  ['withdrawals', '提现审核'],
] as const

// Hidden merchant area: opened by path only; every action is checked server-side (FORBIDDEN otherwise).
export default function AdminOrders() {
  const [shipping, setShipping] = useState<AdminOrderRow | null>(null)
  const fetchPage = useCallback(
    (cursor?: string) => call('admin.orders.list', { pageSize: 20, ...(cursor ? { cursor } : {}) }),
    [],
  )
  const list = useCursorList(fetchPage)
  const { load } = list

  if (load.state !== 'ready') {
    return (
      <Screen className="admin">
        <LoadState load={load} onRetry={() => void list.reload()} />
      </Screen>
    )
  }

  const page = load.data
  return (
    <Screen className="admin">
      <View className="admin__title">
        待发货订单
        <View>
          {AREAS.map(([path, label], i) => (
            <Text
              key={path}
              className="admin__link"
              onClick={() => openPath(`/packages/admin/${path}/index`)}
            >
              {i > 0 ? ' · ' : ''}
              {label}
            </Text>
          ))}
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
        <View className="admin__more" onClick={() => void list.loadMore()}>
          {list.more ? '加载中…' : '加载更多'}
        </View>
      ) : null}
      {shipping ? (
        <ShipForm
          order={shipping}
          onClose={() => setShipping(null)}
          onShipped={() => {
            setShipping(null)
            toast('已发货', 'success')
            list.removeWhere((x) => x.id === shipping.id)
          }}
        />
      ) : null}
    </Screen>
  )
}
