import type { AdminReviewRow } from '@mall/contract'
import { Image, Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { call } from '../../../api'
import { usePaged } from '../../../components/catalog/usePaged'
import { formatTime } from '../../../lib/time'
import { Empty, Screen, Skeleton, Tabs } from '../../../ui'
import { ReplyBox } from './ReplyBox'
import './index.css'

const TABS = ['待回复', '已回复', '全部']
const REPLIED = [false, true, undefined] as const
const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n)

/** Shoppers' reviews, newest first; photos still under (or refused by) content security are only counted. */
export default function AdminReviews() {
  const [tab, setTab] = useState(0)
  const paged = usePaged<AdminReviewRow>((cursor) => {
    const replied = REPLIED[tab]
    return call('admin.reviews.list', {
      pageSize: 20,
      ...(replied !== undefined ? { replied } : {}),
      ...(cursor ? { cursor } : {}),
    })
  })
  const { reload, setItems } = paged
  useEffect(() => {
    void reload()
  }, [tab, reload])

  const replied = (r: AdminReviewRow) =>
    setItems((items) =>
      tab === 0 ? items.filter((x) => x.id !== r.id) : items.map((x) => (x.id === r.id ? r : x)),
    )

  return (
    <Screen className="admin">
      <Tabs tabs={TABS} active={tab} onChange={setTab} />
      {paged.items.length === 0 && paged.loading ? (
        <Skeleton loading rows={6} title />
      ) : paged.items.length === 0 ? (
        <Empty
          image={paged.error ? 'error' : 'default'}
          description={paged.error ? paged.error.message : tab === 0 ? '没有待回复的评价' : '暂无评价'}
        />
      ) : (
        paged.items.map((r) => (
          <View key={r.id} className="admin-review">
            <View className="admin-review__head">
              <Text className="admin-review__product">{r.productTitle}</Text>
              <Text className="admin-review__stars">{stars(r.rating)}</Text>
            </View>
            <View className="admin-review__meta">
              {r.nickname} · {r.specText} · {formatTime(r.createdAt)}
            </View>
            <View className="admin-review__content">{r.content}</View>
            {r.images.length ? (
              <View className="admin-review__images">
                {r.images.map((src) => (
                  <Image key={src} className="admin-review__image" src={src} mode="aspectFill" />
                ))}
              </View>
            ) : null}
            {r.hiddenPhotos ? (
              <View className="admin-review__meta">另有 {r.hiddenPhotos} 张图片审核中或未通过，不展示</View>
            ) : null}
            {r.reply ? (
              <View className="admin-review__reply">商家回复：{r.reply.content}</View>
            ) : (
              <ReplyBox review={r} onReplied={replied} />
            )}
          </View>
        ))
      )}
      {paged.cursor !== null && paged.items.length ? (
        <View className="admin-review__more" onClick={() => void paged.loadMore()}>
          {paged.loading ? '加载中…' : '加载更多'}
        </View>
      ) : null}
    </Screen>
  )
}
