import { Input, Text, Textarea, View } from '@tarojs/components'
import type { FieldProps } from './types'
import './h5.css'

export function Field(p: FieldProps) {
  const common = {
    className: 'm-field__input',
    value: p.value,
    placeholder: p.placeholder,
    maxlength: p.maxlength ?? -1,
    onInput: (e: { detail: { value: string } }) => p.onChange?.(e.detail.value),
  }
  return (
    <View className="m-field">
      {p.label ? (
        <Text className={`m-field__label${p.required ? ' m-field__label--required' : ''}`}>{p.label}</Text>
      ) : null}
      <View className="m-field__body">
        {p.type === 'textarea' ? (
          <Textarea {...common} autoHeight />
        ) : (
          <Input
            {...common}
            type={p.type === 'password' ? 'text' : (p.type ?? 'text')}
            password={p.type === 'password'}
          />
        )}
        {p.errorMessage ? <View className="m-field__error">{p.errorMessage}</View> : null}
      </View>
    </View>
  )
}
