import type { SidebarProps } from './types'

export function Sidebar(p: SidebarProps) {
  return (
    <van-sidebar activeKey={p.active} onChange={(e: { detail: number }) => p.onChange?.(Number(e.detail))}>
      {p.items.map((item) => (
        <van-sidebar-item key={item.title} title={item.title} badge={item.badge} />
      ))}
    </van-sidebar>
  )
}
