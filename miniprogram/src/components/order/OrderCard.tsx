import type { OrderSummary } from './types'
import { Image, Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { formatPrice } from '../../lib/money'
import './order.css'

const specText = (specs: Record<string, string>) => Object.values(specs).join(' / ')

interface Props {
  order: OrderSummary
  onOpen: (id: string) => void
  /** beside the total, e.g. the after-sales state */
  tag?: ReactNode
  /** the card's buttons; a tap on them does not open the order */
  children?: ReactNode
}

export function OrderCard({ order, onOpen, tag, children }: Props) {
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
            {Object.keys(first.specs).length ? (
              <View className="order-line__spec">{specText(first.specs)}</View>
            ) : null}
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
        <View className="order-card__tag">{tag}</View>
        <View>
          共 {order.itemCount} 件 实付{' '}
          <Text className="order-card__payable">{formatPrice(order.totals.payable)}</Text>
        </View>
      </View>
      {children ? (
        <View className="order-card__actions" onClick={(e) => e.stopPropagation()}>
          {children}
        </View>
      ) : null}
    </View>
  )
}
