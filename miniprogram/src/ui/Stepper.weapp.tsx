import type { StepperProps } from './types'

export function Stepper(p: StepperProps) {
  return (
    <van-stepper
      value={p.value}
      min={p.min ?? 1}
      max={p.max ?? 999}
      step={p.step ?? 1}
      disabled={p.disabled}
      onChange={(e: { detail: number | string }) => p.onChange?.(Number(e.detail))}
    />
  )
}
