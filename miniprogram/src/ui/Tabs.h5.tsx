import { View } from '@tarojs/components'
import { badgeText } from './badge'
import type { TabsProps } from './types'
import './h5.css'

export function Tabs(p: TabsProps) {
  return (
    <View className="m-tabs" role="tablist">
      {p.tabs.map((title, i) => (
        <View
          key={title}
          role="tab"
          aria-selected={i === p.active}
          className={`m-tabs__tab${i === p.active ? ' m-tabs__tab--active' : ''}`}
          onClick={() => i !== p.active && p.onChange?.(i)}
        >
          {title}
          {p.badges?.[i] ? <View className="m-tabs__badge">{badgeText(p.badges[i]!)}</View> : null}
        </View>
      ))}
    </View>
  )
}
