import type { ProductCard as Product } from '@mall/contract'
import { View } from '@tarojs/components'
import { goodsPath, openPath } from '../../lib/nav'
// before ProductCard's own css, in every chunk alike (mini-css-extract wants one order)
import './catalog.css'
import { ProductCard } from '../ProductCard'

/** Two-column product grid; tapping a card opens the detail page. */
export function ProductGrid({ items }: { items: Product[] }) {
  return (
    <View className="product-grid">
      {items.map((p) => (
        <ProductCard key={p.id} product={p} onOpen={(id) => openPath(goodsPath(id))} />
      ))}
    </View>
  )
}

/** The footer of an infinitely scrolled list: loading, an error with retry, or the end. */
export function ListFooter(p: {
  loading: boolean
  error: string | null
  hasMore: boolean
  count: number
  /** the next page: after a failure, or tapped instead of scrolling */
  onMore: () => void
}) {
  if (p.loading) return <View className="list-footer">加载中…</View>
  if (p.error)
    return (
      <View className="list-footer list-footer--error" onClick={p.onMore}>
        {p.error}，点击重试
      </View>
    )
  if (!p.hasMore && p.count > 0) return <View className="list-footer">没有更多了</View>
  // never a blank end: a list that has more says so, and a tap loads it
  if (p.hasMore)
    return (
      <View className="list-footer" onClick={p.onMore}>
        上拉加载更多
      </View>
    )
  return null
}
