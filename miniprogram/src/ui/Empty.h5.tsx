import { View } from '@tarojs/components'
import type { EmptyProps } from './types'
import './h5.css'

// drawn with CSS and a single character: pictographs render as tofu where no emoji font exists
const pictures = { default: '空', error: '!', network: '断', search: '⌕' } as const

export function Empty(p: EmptyProps) {
  return (
    <View className="m-empty">
      <View className="m-empty__image">{pictures[p.image ?? 'default']}</View>
      <View className="m-empty__description">{p.description}</View>
      {p.children ? <View className="m-empty__bottom">{p.children}</View> : null}
    </View>
  )
}
