import type { ProductDetail } from '@mall/contract'
import { Text, View } from '@tarojs/components'
import { formatPrice } from '../../lib/money'
import { CountDown } from '../../ui'
import './catalog.css'

/**
 * Prices exactly as the server sent them; the client never works one out. Two prices at most: what the
 * shopper pays (the campaign's under a campaign) and, struck through, what it was (the regular price under
 * a campaign, else the market price) when that is higher.
 */
export function PriceBlock({ price, now }: { price: ProductDetail['price']; now: number }) {
  const campaign = price.campaign
  const pays = campaign ? campaign.min : price.min
  const from = price.max > price.min ? ' 起' : ''
  const was = campaign ? price.min : price.marketPrice
  return (
    <View className={`price-block${campaign ? ' price-block--campaign' : ''}`}>
      {campaign ? (
        <View className="price-block__campaign">
          <Text className="price-block__campaign-title">{campaign.title}</Text>
          {campaign.endsAt > now ? (
            <View className="price-block__countdown">
              <Text className="price-block__countdown-label">距结束</Text>
              <CountDown time={campaign.endsAt - now} format={countdownFormat(campaign.endsAt - now)} />
            </View>
          ) : null}
        </View>
      ) : null}
      <View className="price-block__row">
        <Text className="price-block__price">
          {formatPrice(pays)}
          {from}
        </Text>
        {campaign ? <Text className="price-block__label">活动价</Text> : null}
        {was !== undefined && was > pays ? (
          <Text className="price-block__market">{formatPrice(was)}</Text>
        ) : null}
      </View>
      {/* a member price above what the shopper pays anyway is no offer: leave it out */}
      {price.memberMin !== undefined && price.memberMin < pays ? (
        <View className="price-block__member">
          <Text className="price-block__member-tag">会员价</Text>
          <Text>{formatPrice(price.memberMin)}</Text>
        </View>
      ) : null}
    </View>
  )
}

const DAY_MS = 86_400_000
/** Days only when there are days left: "02天 03:04:05", else "03:04:05". */
const countdownFormat = (left: number) => (left >= DAY_MS ? 'DD天 HH:mm:ss' : 'HH:mm:ss')
