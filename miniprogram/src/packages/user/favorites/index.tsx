import type { SavedProduct } from '@mall/contract'
import { View } from '@tarojs/components'
import { useEffect } from 'react'
import { ApiError, call } from '../../../api'
import { ListFooter } from '../../../components/catalog/ProductGrid'
import { SavedRow } from '../../../components/catalog/SavedRow'
import { usePaged } from '../../../components/catalog/usePaged'
import { useReachBottom } from '../../../components/catalog/useReachBottom'
import { openPath } from '../../../lib/nav'
import { Button, Empty, Screen, Skeleton, toast } from '../../../ui'

export default function Favorites() {
  const paged = usePaged<SavedProduct>((cursor) => call('user.favorites.list', cursor ? { cursor } : {}))
  const { reload, loadMore } = paged
  useEffect(() => {
    void reload()
  }, [reload])
  useReachBottom(() => void loadMore())

  const remove = async (id: string) => {
    try {
      await call('user.favorites.remove', { spuIds: [id] })
      paged.setItems((items) => items.filter((i) => i.id !== id))
      toast('已取消收藏')
    } catch (e) {
      toast(e instanceof ApiError ? e.message : new ApiError('INTERNAL').message, 'fail')
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
          <Empty description="还没有收藏的商品">
            <Button type="danger" round size="small" onClick={() => openPath('/pages/home/index')}>
              去逛逛
            </Button>
          </Empty>
        )
      ) : (
        <View className="saved__list">
          {paged.items.map((item) => (
            <SavedRow key={item.id} item={item} action="取消收藏" onAction={() => void remove(item.id)} />
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
