import { Image, Text, View } from '@tarojs/components'
import { formatPrice } from '../lib/money'
import type { CardProps } from './types'
import './h5.css'

export function Card(p: CardProps) {
  return (
    <View className="m-card" onClick={() => p.onClick?.()}>
      <Image className="m-card__thumb" src={p.thumb} mode="aspectFill" />
      <View className="m-card__body">
        <View className="m-card__title">{p.title}</View>
        {p.desc ? <View className="m-card__desc">{p.desc}</View> : null}
        {p.tag ? <Text className="m-tag m-tag--danger m-tag--plain">{p.tag}</Text> : null}
        <View className="m-card__bottom">
          <Text className="m-price">{formatPrice(p.price)}</Text>
          {p.originPrice !== undefined ? (
            <Text className="m-price--origin">{formatPrice(p.originPrice)}</Text>
          ) : null}
          {p.num !== undefined ? <Text className="m-card__num">x{p.num}</Text> : null}
        </View>
      </View>
    </View>
  )
}
