import type { CheckboxProps } from './types'

export function Checkbox(p: CheckboxProps) {
  return (
    <van-checkbox
      value={p.checked}
      disabled={p.disabled}
      shape={p.shape ?? 'round'}
      checkedColor="#ee0a24"
      onChange={(e: { detail: boolean }) => p.onChange?.(Boolean(e.detail))}
    >
      {p.children}
    </van-checkbox>
  )
}
