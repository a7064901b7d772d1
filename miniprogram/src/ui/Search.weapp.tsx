import type { SearchProps } from './types'

export function Search(p: SearchProps) {
  return (
    <van-search
      value={p.value}
      placeholder={p.placeholder ?? '搜索商品'}
      shape="round"
      onChange={(e: { detail: string }) => p.onChange?.(e.detail)}
      onSearch={(e: { detail: string }) => p.onSearch?.(e.detail)}
    />
  )
}
