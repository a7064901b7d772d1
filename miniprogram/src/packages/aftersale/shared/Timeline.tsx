import { Text, View } from '@tarojs/components'
import type { AftersaleTimelineEntry } from '@mall/contract'
import { formatTime } from '../../../lib/time'
import './aftersale.css'

/** Newest first, the way the order page shows its progress. */
export function AftersaleTimeline({ entries }: { entries: AftersaleTimelineEntry[] }) {
  return (
    <View className="as-block">
      <View className="as-block__title">售后进度</View>
      {[...entries].reverse().map((t, i) => (
        <View
          key={`${t.at}-${t.status}-${i}`}
          className={`as-timeline__item${i === 0 ? ' as-timeline__item--now' : ''}`}
        >
          <Text className="as-timeline__text">{t.text}</Text>
          <Text className="as-timeline__at">{formatTime(t.at)}</Text>
        </View>
      ))}
    </View>
  )
}
