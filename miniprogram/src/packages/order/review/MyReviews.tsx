import type { MyReview } from '@mall/contract'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { formatTime } from '../../../lib/time'
import { Stars } from './Stars'

const PHOTO_STATE = { pending: '审核中', rejected: '未通过', pass: '' } as const

/** The shopper's own reviews: every photo with its verdict (only passed ones are public), and the reply. */
export function MyReviewItem({ review }: { review: MyReview }) {
  // the owner gets a url only for passed photos (fail closed); the others are placeholders
  const urls = review.photos.flatMap((p) => (p.url ? [p.url] : []))
  return (
    <View className="rv-card rv-mine">
      <View className="rv-mine__head">
        <Text className="rv-mine__title">{review.title}</Text>
        <Stars value={review.rating} />
      </View>
      <View className="rv-mine__content">{review.content}</View>
      {review.photos.length ? (
        <View className="rv-photos">
          {review.photos.map((p, i) => (
            <View key={i} className="rv-photo">
              {p.url ? (
                <Image
                  className="rv-photo__img"
                  src={p.url}
                  mode="aspectFill"
                  onClick={() => void Taro.previewImage({ urls, current: p.url })}
                />
              ) : null}
              {p.status !== 'pass' ? <View className="rv-photo__mask">{PHOTO_STATE[p.status]}</View> : null}
            </View>
          ))}
        </View>
      ) : null}
      {review.reply ? (
        <View className="rv-reply">
          <Text className="rv-reply__who">商家回复：</Text>
          {review.reply.content}
        </View>
      ) : null}
      <View className="rv-mine__meta">
        {formatTime(review.createdAt)}
        {review.anonymous ? ' · 匿名' : ''}
      </View>
    </View>
  )
}
