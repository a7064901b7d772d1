import type { SubmitBarProps } from './types'

export function SubmitBar(p: SubmitBarProps) {
  return (
    <van-submit-bar
      price={p.price}
      buttonText={p.buttonText}
      label={p.label ?? '合计：'}
      disabled={p.disabled}
      loading={p.loading}
      safeAreaInsetBottom={false}
      onSubmit={() => p.onSubmit?.()}
    >
      {p.children}
    </van-submit-bar>
  )
}
