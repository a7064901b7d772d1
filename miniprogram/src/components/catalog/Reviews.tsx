import type { ReviewView } from '@mall/contract'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import './catalog.css'

const stars = (n: number) => '★'.repeat(Math.round(n)) + '☆'.repeat(Math.max(0, 5 - Math.round(n)))
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)

export function ReviewItem({ review }: { review: ReviewView }) {
  return (
    <View className="review">
      <View className="review__head">
        {review.avatar ? <Image className="review__avatar" src={review.avatar} mode="aspectFill" /> : null}
        <Text className="review__name">{review.nickname}</Text>
        <Text className="review__stars">{stars(review.rating)}</Text>
      </View>
      <View className="review__content">{review.content}</View>
      {review.images.length > 0 ? (
        <View className="review__images">
          {review.images.map((src) => (
            <Image
              key={src}
              className="review__image"
              src={src}
              mode="aspectFill"
              lazyLoad
              onClick={() => void Taro.previewImage({ urls: review.images, current: src })}
            />
          ))}
        </View>
      ) : null}
      <View className="review__meta">
        {day(review.createdAt)} {review.specText}
      </View>
    </View>
  )
}
