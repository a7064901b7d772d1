import { View } from '@tarojs/components'
import type { RadioGroupProps } from './types'
import './h5.css'

export function RadioGroup(p: RadioGroupProps) {
  return (
    <View className={`m-radio-group m-radio-group--${p.direction ?? 'vertical'}`} role="radiogroup">
      {p.options.map((o) => {
        const checked = o.name === p.value
        return (
          <View
            key={o.name}
            className={`m-checkbox${o.disabled ? ' m-checkbox--disabled' : ''}`}
            role="radio"
            aria-checked={checked}
            onClick={() => !o.disabled && !checked && p.onChange?.(o.name)}
          >
            <View
              className={`m-checkbox__icon m-checkbox__icon--round${checked ? ' m-checkbox__icon--checked' : ''}`}
            >
              {checked ? '✓' : ''}
            </View>
            <View className="m-checkbox__label">{o.label}</View>
          </View>
        )
      })}
    </View>
  )
}
