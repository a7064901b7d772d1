import { View } from '@tarojs/components'
import type { SkeletonProps } from './types'
import './h5.css'

export function Skeleton(p: SkeletonProps) {
  if (!p.loading) return <>{p.children}</>
  const rows = Array.from({ length: p.rows ?? 3 }, (_, i) => i)
  return (
    <View className="m-skeleton" aria-busy="true">
      {p.avatar ? <View className="m-skeleton__avatar" /> : null}
      <View className="m-skeleton__content">
        {p.title ? <View className="m-skeleton__title" /> : null}
        {rows.map((i) => (
          <View
            key={i}
            className="m-skeleton__row"
            style={{ width: i === rows.length - 1 ? '60%' : '100%' }}
          />
        ))}
      </View>
    </View>
  )
}
