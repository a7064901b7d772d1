import type { ProductCard as Product } from '@mall/contract'
import { Image, Text, View } from '@tarojs/components'
import { formatPrice } from '../lib/money'
import { Tag } from '../ui'
import './ProductCard.css'

export function ProductCard({ product, onOpen }: { product: Product; onOpen?: (id: string) => void }) {
  return (
    <View className="product-card" onClick={() => onOpen?.(product.id)}>
      <Image className="product-card__image" src={product.image} mode="aspectFill" lazyLoad />
      <View className="product-card__body">
        <View className="product-card__title">{product.title}</View>
        {product.tags.length > 0 ? (
          <View className="product-card__tags">
            {product.tags.slice(0, 2).map((t) => (
              <Tag key={t} type="danger" plain>
                {t}
              </Tag>
            ))}
          </View>
        ) : null}
        <View className="product-card__prices">
          {/* The campaign price is what checkout charges now; the list price stays visible, struck through. */}
          {product.campaignPrice !== undefined && product.campaignPrice < product.price ? (
            <>
              <Text className="product-card__price product-card__price--campaign">
                {formatPrice(product.campaignPrice)}
              </Text>
              <Text className="product-card__market">{formatPrice(product.price)}</Text>
            </>
          ) : (
            <>
              <Text className="product-card__price">{formatPrice(product.price)}</Text>
              {product.memberPrice !== undefined ? (
                <Text className="product-card__member">会员 {formatPrice(product.memberPrice)}</Text>
              ) : product.marketPrice !== undefined ? (
                <Text className="product-card__market">{formatPrice(product.marketPrice)}</Text>
              ) : null}
            </>
          )}
        </View>
        <View className="product-card__sales">已售 {product.sales}</View>
      </View>
    </View>
  )
}
