import { Text } from '@tarojs/components'
import type { IconProps } from './types'
import './h5.css'

// vant icon names the pages use. Symbols where a common font has one; otherwise a one-character
// "seal" (browsers without an emoji font would show tofu boxes for pictographs).
const symbols: Record<string, string> = {
  arrow: '›',
  'arrow-left': '‹',
  search: '⌕',
  cross: '×',
  success: '✓',
  star: '★',
  'star-o': '☆',
  'setting-o': '⚙',
}
const seals: Record<string, string> = {
  'cart-o': '车',
  'shop-o': '店',
  'chat-o': '客',
  'service-o': '客',
  'location-o': '址',
  'orders-o': '单',
  'coupon-o': '券',
  'balance-o': '钱',
  'user-o': '我',
  logistics: '运',
  'pending-payment': '付',
  'after-sale': '售',
  'gift-o': '礼',
}

export function Icon(p: IconProps) {
  const seal = seals[p.name]
  return (
    <Text
      className={`m-icon${seal ? ' m-icon--seal' : ''}`}
      style={{ fontSize: p.size, color: p.color }}
      onClick={() => p.onClick?.()}
    >
      {seal ? <Text className="m-icon__seal">{seal}</Text> : (symbols[p.name] ?? '•')}
      {p.info ? <Text className="m-badge m-badge--corner">{p.info}</Text> : null}
    </Text>
  )
}
