import { View } from '@tarojs/components'
import type { EmptyProps } from './types'
import './h5.css'

const pictures = { default: '📦', error: '⚠', network: '📡', search: '🔍' } as const

export function Empty(p: EmptyProps) {
  return (
    <View className="m-empty">
      <View className="m-empty__image">{pictures[p.image ?? 'default']}</View>
      <View className="m-empty__description">{p.description}</View>
      {p.children ? <View className="m-empty__bottom">{p.children}</View> : null}
    </View>
  )
}
