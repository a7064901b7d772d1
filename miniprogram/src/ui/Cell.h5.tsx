import { Text, View } from '@tarojs/components'
import type { CellProps } from './types'
import './h5.css'

export function Cell(p: CellProps) {
  return (
    <View className={`m-cell${p.isLink ? ' m-cell--link' : ''}`} onClick={() => p.onClick?.()}>
      <View className="m-cell__title">
        <Text>{p.title}</Text>
        {p.label ? <View className="m-cell__label">{p.label}</View> : null}
      </View>
      {p.value ? <Text className="m-cell__value">{p.value}</Text> : null}
      {p.isLink ? <Text className="m-cell__arrow">›</Text> : null}
    </View>
  )
}
