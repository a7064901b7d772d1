import { View } from '@tarojs/components'
import type { CheckboxProps } from './types'
import './h5.css'

export function Checkbox(p: CheckboxProps) {
  const cls = ['m-checkbox__icon', `m-checkbox__icon--${p.shape ?? 'round'}`]
  if (p.checked) cls.push('m-checkbox__icon--checked')
  return (
    <View
      className={`m-checkbox${p.disabled ? ' m-checkbox--disabled' : ''}`}
      role="checkbox"
      aria-checked={p.checked}
      onClick={() => !p.disabled && p.onChange?.(!p.checked)}
    >
      <View className={cls.join(' ')}>{p.checked ? '✓' : ''}</View>
      {p.children ? <View className="m-checkbox__label">{p.children}</View> : null}
    </View>
  )
}
