import type { TagProps } from './types'

export function Tag(p: TagProps) {
  return (
    <van-tag type={p.type ?? 'default'} plain={p.plain} round={p.round}>
      {p.children}
    </van-tag>
  )
}
