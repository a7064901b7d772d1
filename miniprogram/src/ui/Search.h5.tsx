import { Input, Text, View } from '@tarojs/components'
import type { SearchProps } from './types'
import './h5.css'

export function Search(p: SearchProps) {
  return (
    <View className="m-search">
      <View className="m-search__box">
        <Text className="m-search__icon">⌕</Text>
        <Input
          className="m-search__input"
          value={p.value}
          placeholder={p.placeholder ?? '搜索商品'}
          confirmType="search"
          onInput={(e) => p.onChange?.(e.detail.value)}
          onConfirm={(e) => p.onSearch?.(e.detail.value)}
        />
      </View>
    </View>
  )
}
