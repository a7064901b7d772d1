import { Text } from '@tarojs/components'
import type { IconProps } from './types'
import './h5.css'

// A few glyphs for the vant icon names the pages use; unknown names fall back to a dot.
const glyphs: Record<string, string> = {
  arrow: '›',
  'arrow-left': '‹',
  search: '⌕',
  cross: '×',
  success: '✓',
  'cart-o': '🛒',
  'shop-o': '🏪',
  'chat-o': '💬',
  'star-o': '☆',
  star: '★',
  'location-o': '📍',
  'orders-o': '📋',
  'coupon-o': '🎫',
  'balance-o': '💰',
  'user-o': '👤',
  'setting-o': '⚙',
  logistics: '🚚',
  'pending-payment': '💳',
  'after-sale': '🔧',
  'gift-o': '🎁',
}

export function Icon(p: IconProps) {
  return (
    <Text className="m-icon" style={{ fontSize: p.size, color: p.color }} onClick={() => p.onClick?.()}>
      {glyphs[p.name] ?? '•'}
      {p.info ? <Text className="m-badge m-badge--corner">{p.info}</Text> : null}
    </Text>
  )
}
