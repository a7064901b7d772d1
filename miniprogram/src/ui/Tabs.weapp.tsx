import { badgeText } from './badge'
import type { TabsProps } from './types'

export function Tabs(p: TabsProps) {
  return (
    <van-tabs active={p.active} onChange={(e: { detail: { index: number } }) => p.onChange?.(e.detail.index)}>
      {p.tabs.map((title, i) => (
        <van-tab key={title} title={title} info={p.badges?.[i] ? badgeText(p.badges[i]!) : ''} />
      ))}
    </van-tabs>
  )
}
