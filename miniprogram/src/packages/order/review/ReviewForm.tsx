import type { MyReview, ReviewableLine } from '@mall/contract'
import { Image, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ApiError, call } from '../../../api'
import { specText } from '../../../components/order/OrderLines'
import { Button, Checkbox, Field, toast } from '../../../ui'
import { PhotoSlots } from './PhotoSlots'
import { Stars } from './Stars'
import { usePhotos } from '../../../lib/usePhotos'

/** One order line's review: stars, text, photos, anonymous; the server checks the text and the photos. */
export function ReviewForm({ line, onDone }: { line: ReviewableLine; onDone: (r: MyReview) => void }) {
  const [rating, setRating] = useState(5)
  const [content, setContent] = useState('')
  const [anonymous, setAnonymous] = useState(false)
  const [sending, setSending] = useState(false)
  const photos = usePhotos('review')

  const submit = async () => {
    if (sending) return
    if (!content.trim()) return toast('请写下您的评价')
    if (photos.busy) return toast('图片还没有上传完成')
    setSending(true)
    try {
      const r = await call('review.submit', {
        orderId: line.orderId,
        skuId: line.skuId,
        rating,
        content: content.trim(),
        anonymous,
        ...(photos.fileIds.length ? { photos: photos.fileIds } : {}),
      })
      toast(
        r.photos.some((p) => p.status === 'pending') ? '评价成功，图片审核通过后展示' : '评价成功',
        'success',
      )
      onDone(r)
    } catch (e) {
      toast(e instanceof ApiError ? e.message : '提交失败，请重试')
    } finally {
      setSending(false)
    }
  }

  return (
    <View className="rv-card rv-form">
      <View className="rv-line">
        <Image className="rv-line__image" src={line.image} mode="aspectFill" />
        <View className="rv-line__info">
          <View className="rv-line__title">{line.title}</View>
          <View className="rv-line__spec">{specText(line.specs)}</View>
        </View>
      </View>
      <View className="rv-form__row">
        <Text className="rv-form__label">商品评分</Text>
        <Stars value={rating} onChange={setRating} />
      </View>
      <Field
        type="textarea"
        value={content}
        maxlength={500}
        placeholder="说说商品的质量、外观、使用感受，帮助更多想买的人"
        onChange={setContent}
      />
      <PhotoSlots photos={photos} />
      <View className="rv-form__foot">
        <Checkbox checked={anonymous} shape="square" onChange={setAnonymous}>
          匿名评价
        </Checkbox>
        <Button type="danger" round size="small" loading={sending} onClick={() => void submit()}>
          发表评价
        </Button>
      </View>
    </View>
  )
}
