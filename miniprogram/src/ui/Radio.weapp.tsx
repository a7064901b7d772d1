import type { RadioGroupProps } from './types'

export function RadioGroup(p: RadioGroupProps) {
  return (
    <van-radio-group
      value={p.value}
      direction={p.direction ?? 'vertical'}
      onChange={(e: { detail: string }) => p.onChange?.(String(e.detail))}
    >
      {p.options.map((o) => (
        <van-radio key={o.name} name={o.name} disabled={o.disabled} checkedColor="#ee0a24">
          {o.label}
        </van-radio>
      ))}
    </van-radio-group>
  )
}
