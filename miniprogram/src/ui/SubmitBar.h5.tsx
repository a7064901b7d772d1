import { Text, View } from '@tarojs/components'
import { formatYuan } from '../lib/money'
import type { SubmitBarProps } from './types'
import './h5.css'

export function SubmitBar(p: SubmitBarProps) {
  const inactive = p.disabled || p.loading
  return (
    <View className="m-submit-bar">
      <View className="m-submit-bar__left">{p.children}</View>
      <View className="m-submit-bar__text">
        <Text>{p.label ?? '合计：'}</Text>
        <Text className="m-price">¥{formatYuan(p.price)}</Text>
      </View>
      <View
        className={`m-btn m-btn--danger m-btn--round m-submit-bar__button${inactive ? ' m-btn--disabled' : ''}`}
        role="button"
        onClick={() => !inactive && p.onSubmit?.()}
      >
        {p.loading ? '提交中…' : p.buttonText}
      </View>
    </View>
  )
}
