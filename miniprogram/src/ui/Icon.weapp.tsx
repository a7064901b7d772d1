import type { IconProps } from './types'

export function Icon(p: IconProps) {
  return <van-icon name={p.name} size={p.size} color={p.color} info={p.info} onClick={() => p.onClick?.()} />
}
