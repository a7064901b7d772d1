import type { TabsProps } from './types'

export function Tabs(p: TabsProps) {
  return (
    <van-tabs active={p.active} onChange={(e: { detail: { index: number } }) => p.onChange?.(e.detail.index)}>
      {p.tabs.map((title) => (
        <van-tab key={title} title={title} />
      ))}
    </van-tabs>
  )
}
