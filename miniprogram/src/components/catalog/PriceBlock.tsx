import type { ProductDetail } from '@mall/contract'
import { Text, View } from '@tarojs/components'
import { formatPrice } from '../../lib/money'
import { CountDown } from '../../ui'
import './catalog.css'

/** Prices exactly as the server sent them; the client never works one out. */
export function PriceBlock({ price, now }: { price: ProductDetail['price']; now: number }) {
  const range = price.max > price.min ? `${formatPrice(price.min)} 起` : formatPrice(price.min)
  const campaign = price.campaign
  return (
    <View className={`price-block${campaign ? ' price-block--campaign' : ''}`}>
      {campaign ? (
        <View className="price-block__campaign">
          <Text className="price-block__campaign-title">{campaign.title}</Text>
          {campaign.endsAt > now ? (
            <View className="price-block__countdown">
              <Text className="price-block__countdown-label">距结束</Text>
              <CountDown time={campaign.endsAt - now} format="DD天 HH:mm:ss" />
            </View>
          ) : null}
        </View>
      ) : null}
      <View className="price-block__row">
        <Text className="price-block__price">{campaign ? formatPrice(campaign.min) : range}</Text>
        {campaign ? <Text className="price-block__label">活动价</Text> : null}
        {campaign ? <Text className="price-block__regular">原价 {range}</Text> : null}
        {price.marketPrice !== undefined ? (
          <Text className="price-block__market">{formatPrice(price.marketPrice)}</Text>
        ) : null}
      </View>
      {/* a member price above the campaign price is no offer: leave it out */}
      {price.memberMin !== undefined && price.memberMin < (campaign?.min ?? price.min) ? (
        <View className="price-block__member">
          <Text className="price-block__member-tag">会员价</Text>
          <Text>{formatPrice(price.memberMin)}</Text>
        </View>
      ) : null}
    </View>
  )
}
