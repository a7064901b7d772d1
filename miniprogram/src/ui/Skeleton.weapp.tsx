import type { SkeletonProps } from './types'

export function Skeleton(p: SkeletonProps) {
  return (
    <van-skeleton loading={p.loading} row={p.rows ?? 3} title={p.title} avatar={p.avatar}>
      {p.children}
    </van-skeleton>
  )
}
