import type { ReviewSummary, ReviewView } from '@mall/contract'
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { call } from '../../../api'
import { ReviewItem } from '../../../components/catalog/Reviews'
import { usePaged } from '../../../components/catalog/usePaged'
import './ReviewsSection.css'

/** Summary with the top reviews; the full list (all / with photos) loads page by page on demand. */
export function ReviewsSection({ spuId, summary }: { spuId: string; summary: ReviewSummary }) {
  const [open, setOpen] = useState(false)
  const [withPhotos, setWithPhotos] = useState(false)
  const paged = usePaged<ReviewView>((cursor) =>
    call('catalog.reviews', {
      spuId,
      pageSize: 10,
      ...(withPhotos ? { withPhotos } : {}),
      ...(cursor ? { cursor } : {}),
    }),
  )
  const { reload } = paged
  useEffect(() => {
    if (open) void reload()
  }, [open, withPhotos, reload])
  const show = (photos: boolean) => {
    setOpen(true)
    setWithPhotos(photos)
  }
  const list = open ? paged.items : summary.top
  return (
    <View className="goods-detail__section reviews">
      <View className="goods-detail__section-head">
        <Text className="goods-detail__section-title">商品评价（{summary.count}）</Text>
        {summary.count > 0 ? (
          <Text className="reviews__rate">
            好评率 {summary.goodRate}% · {summary.avgRating.toFixed(1)}分
          </Text>
        ) : null}
      </View>
      {summary.count === 0 ? (
        <View className="reviews__none">暂无评价</View>
      ) : (
        <View>
          <View className="reviews__filters">
            <Text className={`chip${open && !withPhotos ? ' chip--active' : ''}`} onClick={() => show(false)}>
              全部 {summary.count}
            </Text>
            <Text className={`chip${open && withPhotos ? ' chip--active' : ''}`} onClick={() => show(true)}>
              有图 {summary.withPhotos}
            </Text>
          </View>
          {list.map((r) => (
            <View key={r.id}>
              <ReviewItem review={r} />
              {r.reply ? (
                <View className="reviews__reply">
                  <Text className="reviews__reply-who">商家回复：</Text>
                  {r.reply.content}
                </View>
              ) : null}
            </View>
          ))}
          {open ? (
            paged.loading ? (
              <View className="reviews__more">加载中…</View>
            ) : paged.error ? (
              <View className="reviews__more" onClick={() => void paged.loadMore()}>
                {paged.error.message}，点击重试
              </View>
            ) : paged.cursor !== null ? (
              <View className="reviews__more" onClick={() => void paged.loadMore()}>
                查看更多评价
              </View>
            ) : null
          ) : summary.count > summary.top.length ? (
            <View className="reviews__more" onClick={() => show(false)}>
              查看全部评价
            </View>
          ) : null}
        </View>
      )}
    </View>
  )
}
