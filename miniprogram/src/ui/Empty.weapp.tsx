import type { EmptyProps } from './types'

export function Empty(p: EmptyProps) {
  return (
    <van-empty description={p.description} image={p.image ?? 'default'}>
      {p.children}
    </van-empty>
  )
}
