import type { OrderLineView } from './types'
import { Image, Text, View } from '@tarojs/components'
import { formatPrice } from '../../lib/money'
import './order.css'

export const specText = (specs: Record<string, string>) => Object.values(specs).join(' / ')

export function OrderLines({ lines }: { lines: OrderLineView[] }) {
  return (
    <View className="order-block">
      {lines.map((l) => (
        <View key={l.skuId} className="order-line">
          <Image className="order-line__image" src={l.image} mode="aspectFill" />
          <View className="order-line__info">
            <View className="order-line__title">{l.title}</View>
            <View className="order-line__spec">{specText(l.specs)}</View>
          </View>
          <View className="order-line__side">
            <Text className="order-line__price">{formatPrice(l.unitPrice)}</Text>
            <Text className="order-line__qty">x{l.quantity}</Text>
          </View>
        </View>
      ))}
    </View>
  )
}
