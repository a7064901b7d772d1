import { View } from '@tarojs/components'
import type { ButtonProps } from './types'
import './h5.css'

export function Button(p: ButtonProps) {
  const inactive = p.disabled || p.loading
  const cls = ['m-btn', `m-btn--${p.type ?? 'default'}`, `m-btn--${p.size ?? 'normal'}`]
  if (p.block) cls.push('m-btn--block')
  if (p.round) cls.push('m-btn--round')
  if (p.plain) cls.push('m-btn--plain')
  if (inactive) cls.push('m-btn--disabled')
  return (
    <View
      className={cls.join(' ')}
      role="button"
      aria-disabled={inactive || undefined}
      onClick={() => !inactive && p.onClick?.()}
    >
      {p.loading ? '加载中…' : p.children}
    </View>
  )
}
