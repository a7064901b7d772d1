import { View } from '@tarojs/components'
import type { LoadingProps } from './types'
import './h5.css'

export function Loading(p: LoadingProps) {
  return (
    <View className={`m-loading${p.vertical ? ' m-loading--vertical' : ''}`} role="status">
      <View className="m-loading__spinner" style={{ width: p.size, height: p.size }} />
      {p.children ? <View className="m-loading__text">{p.children}</View> : null}
    </View>
  )
}
