import type { FieldProps } from './types'

export function Field(p: FieldProps) {
  return (
    <van-field
      label={p.label}
      value={p.value}
      placeholder={p.placeholder}
      type={p.type ?? 'text'}
      maxlength={p.maxlength ?? -1}
      required={p.required}
      errorMessage={p.errorMessage}
      onChange={(e: { detail: string }) => p.onChange?.(e.detail)}
    />
  )
}
