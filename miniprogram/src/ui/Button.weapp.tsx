import type { ButtonProps } from './types'

export function Button(p: ButtonProps) {
  return (
    <van-button
      type={p.type ?? 'default'}
      size={p.size ?? 'normal'}
      block={p.block}
      round={p.round}
      plain={p.plain}
      disabled={p.disabled}
      loading={p.loading}
      onClick={() => !p.disabled && !p.loading && p.onClick?.()}
    >
      {p.children}
    </van-button>
  )
}
