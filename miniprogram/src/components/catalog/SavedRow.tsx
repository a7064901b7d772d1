import type { SavedProduct } from '@mall/contract'
import { Image, Text, View } from '@tarojs/components'
import { formatPrice } from '../../lib/money'
import { goodsPath, openPath } from '../../lib/nav'
import './catalog.css'

/** One favourite or footprint; off-shelf and sold-out products stay listed but are marked. */
export function SavedRow(p: { item: SavedProduct; action?: string; onAction?: () => void }) {
  const { item } = p
  const flag = item.status === 'offShelf' ? '已下架' : item.soldOut ? '已售罄' : ''
  return (
    <View
      className={`saved-row${flag ? ' saved-row--dim' : ''}`}
      onClick={() => openPath(goodsPath(item.id))}
    >
      <Image className="saved-row__image" src={item.image} mode="aspectFill" lazyLoad />
      <View className="saved-row__body">
        <View className="saved-row__title">{item.title}</View>
        {flag ? <Text className="saved-row__flag">{flag}</Text> : null}
        <View className="saved-row__bottom">
          <Text className="saved-row__price">{formatPrice(item.campaignPrice ?? item.price)}</Text>
          {p.action ? (
            <Text
              className="saved-row__action"
              onClick={(e) => {
                e.stopPropagation()
                p.onAction?.()
              }}
            >
              {p.action}
            </Text>
          ) : null}
        </View>
      </View>
    </View>
  )
}
