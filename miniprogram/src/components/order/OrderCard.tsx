import type { OrderSummary } from './types'
import { Image, Text, View } from '@tarojs/components'
import { formatPrice } from '../../lib/money'
import './order.css'

export function OrderCard({ order, onOpen }: { order: OrderSummary; onOpen: (id: string) => void }) {
  const first = order.lines[0]
  return (
    <View className="order-card" onClick={() => onOpen(order.id)}>
      <View className="order-card__head">
        <Text className="order-card__no">订单号 {order.orderNo}</Text>
        <Text className={`order-card__status order-card__status--${order.status}`}>{order.statusLabel}</Text>
      </View>
      {order.lines.length === 1 && first ? (
        <View className="order-line">
          <Image className="order-line__image" src={first.image} mode="aspectFill" />
          <View className="order-line__info">
            <View className="order-line__title">{first.title}</View>
          </View>
        </View>
      ) : (
        <View className="order-card__thumbs">
          {order.lines.slice(0, 4).map((l) => (
            <Image key={l.skuId} className="order-line__image" src={l.image} mode="aspectFill" />
          ))}
        </View>
      )}
      <View className="order-card__foot">
        共 {order.itemCount} 件 实付{' '}
        <Text className="order-card__payable">{formatPrice(order.totals.payable)}</Text>
      </View>
    </View>
  )
}
