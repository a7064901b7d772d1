import type { LoadingProps } from './types'

export function Loading(p: LoadingProps) {
  return (
    <van-loading size={p.size ?? '24px'} vertical={p.vertical}>
      {p.children}
    </van-loading>
  )
}
