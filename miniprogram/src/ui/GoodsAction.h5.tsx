import { Text, View } from '@tarojs/components'
import type { GoodsActionProps } from './types'
import { Icon } from './Icon'
import './h5.css'

export function GoodsAction(p: GoodsActionProps) {
  return (
    <View className="m-goods-action">
      {(p.icons ?? []).map((i) => (
        <View key={i.text} className="m-goods-action__icon" onClick={() => i.onClick?.()}>
          <Icon name={i.icon} size="20px" info={i.info} />
          <Text>{i.text}</Text>
        </View>
      ))}
      {p.buttons.map((b) => (
        <View
          key={b.text}
          role="button"
          className={`m-goods-action__button m-goods-action__button--${b.type ?? 'danger'}${b.disabled ? ' m-btn--disabled' : ''}`}
          onClick={() => !b.disabled && b.onClick?.()}
        >
          {b.text}
        </View>
      ))}
    </View>
  )
}
