import { View } from '@tarojs/components'
import type { StepperProps } from './types'
import './h5.css'

export function Stepper(p: StepperProps) {
  const min = p.min ?? 1
  const max = p.max ?? 999
  const step = p.step ?? 1
  const canMinus = !p.disabled && p.value - step >= min
  const canPlus = !p.disabled && p.value + step <= max
  return (
    <View className="m-stepper">
      <View
        className={`m-stepper__btn${canMinus ? '' : ' m-stepper__btn--disabled'}`}
        role="button"
        aria-label="减少"
        onClick={() => canMinus && p.onChange?.(p.value - step)}
      >
        −
      </View>
      <View className="m-stepper__value" aria-label="数量">
        {p.value}
      </View>
      <View
        className={`m-stepper__btn${canPlus ? '' : ' m-stepper__btn--disabled'}`}
        role="button"
        aria-label="增加"
        onClick={() => canPlus && p.onChange?.(p.value + step)}
      >
        +
      </View>
    </View>
  )
}
