import { Text, View } from '@tarojs/components'
import type { SidebarProps } from './types'
import './h5.css'

export function Sidebar(p: SidebarProps) {
  return (
    <View className="m-sidebar">
      {p.items.map((item, i) => (
        <View
          key={item.title}
          className={`m-sidebar__item${i === p.active ? ' m-sidebar__item--active' : ''}`}
          onClick={() => i !== p.active && p.onChange?.(i)}
        >
          {item.title}
          {item.badge ? <Text className="m-badge">{item.badge}</Text> : null}
        </View>
      ))}
    </View>
  )
}
