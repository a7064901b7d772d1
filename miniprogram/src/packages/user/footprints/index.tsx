import type { SavedProduct } from '@mall/contract'
import { Text, View } from '@tarojs/components'
import { useEffect } from 'react'
import { ApiError, call } from '../../../api'
import { ListFooter } from '../../../components/catalog/ProductGrid'
import { SavedRow } from '../../../components/catalog/SavedRow'
import { usePaged } from '../../../components/catalog/usePaged'
import { useReachBottom } from '../../../components/catalog/useReachBottom'
import { openPath } from '../../../lib/nav'
import { Button, confirm, Empty, Screen, Skeleton, toast } from '../../../ui'

const message = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL')).message

export default function Footprints() {
  const paged = usePaged<SavedProduct>((cursor) => call('user.footprints.list', cursor ? { cursor } : {}))
  const { reload, loadMore } = paged
  useEffect(() => {
    void reload()
  }, [reload])
  useReachBottom(() => void loadMore())

  const removeOne = async (id: string) => {
    try {
      await call('user.footprints.clear', { spuIds: [id] })
      paged.setItems((items) => items.filter((i) => i.id !== id))
    } catch (e) {
      toast(message(e), 'fail')
    }
  }
  const clearAll = async () => {
    if (!(await confirm({ title: '清空足迹', message: '确定清空全部浏览记录吗？', confirmText: '清空' })))
      return
    try {
      await call('user.footprints.clear', {})
      paged.setItems(() => [])
      toast('已清空')
    } catch (e) {
      toast(message(e), 'fail')
    }
  }

  return (
    <Screen className="saved">
      {paged.items.length === 0 ? (
        paged.loading ? (
          <Skeleton loading rows={6} title />
        ) : paged.error ? (
          <Empty image="network" description={paged.error.message}>
            <Button type="danger" round size="small" onClick={() => void reload()}>
              重新加载
            </Button>
          </Empty>
        ) : (
          <Empty description="还没有浏览过商品">
            <Button type="danger" round size="small" onClick={() => openPath('/pages/home/index')}>
              去逛逛
            </Button>
          </Empty>
        )
      ) : (
        <View className="saved__list">
          <View className="saved__head">
            <Text>最近浏览</Text>
            <Text className="saved__clear" onClick={() => void clearAll()}>
              清空
            </Text>
          </View>
          {paged.items.map((item) => (
            <SavedRow key={item.id} item={item} action="删除" onAction={() => void removeOne(item.id)} />
          ))}
          <ListFooter
            loading={paged.loading}
            error={paged.error?.message ?? null}
            hasMore={paged.cursor !== null}
            count={paged.items.length}
            onMore={() => void loadMore()}
          />
        </View>
      )}
    </Screen>
  )
}
