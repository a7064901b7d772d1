import type { HomeScreen, ProductCard as Product } from '@mall/contract'
import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components'
import { usePullDownRefresh } from '@tarojs/taro'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { ApiError, call } from '../../api'
import { searchPath } from '../../components/catalog/paths'
import { ListFooter, ProductGrid } from '../../components/catalog/ProductGrid'
import { usePaged, type Paged } from '../../components/catalog/usePaged'
import { useReachBottom } from '../../components/catalog/useReachBottom'
import { openPath } from '../../lib/nav'
import { searchHistoryStore } from '../../stores/searchHistory'
import { Button, Empty, Screen, Search, Skeleton } from '../../ui'
import { useCartBadge } from '../../lib/cartBadge'
import './index.css'

type Load = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; home: HomeScreen }

export default function Home() {
  useCartBadge({ read: false })
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [keyword, setKeyword] = useState('')
  // Later feed pages come from catalog.feed, continuing the cursor of the first screen.
  const feed = usePaged<Product>((cursor) => call('catalog.feed', cursor ? { cursor } : {}))
  const { seed, loadMore } = feed

  // The first screen is exactly one cloud call.
  const fetchHome = useCallback(async () => {
    setLoad((prev) => (prev.state === 'ready' ? prev : { state: 'loading' }))
    try {
      const home = await call('catalog.home', {})
      seed(home.feed)
      setLoad({ state: 'ready', home })
    } catch (e) {
      setLoad({ state: 'error', error: e instanceof ApiError ? e : new ApiError('INTERNAL') })
    }
  }, [seed])

  useEffect(() => {
    void fetchHome()
  }, [fetchHome])

  usePullDownRefresh(() => {
    void fetchHome().finally(() => Taro.stopPullDownRefresh())
  })

  useReachBottom(() => {
    if (load.state === 'ready') void loadMore()
  })

  const onSearch = (value: string) => {
    if (!searchHistoryStore.getState().add(value)) return
    setKeyword('')
    openPath(searchPath({ keyword: value.trim() }))
  }

  return (
    <Screen className="home">
      <Search value={keyword} placeholder="搜索商品" onChange={setKeyword} onSearch={onSearch} />
      {load.state === 'loading' ? (
        <View className="home__skeleton">
          <View className="home__banner home__banner--placeholder" />
          <Skeleton loading rows={4} title />
        </View>
      ) : load.state === 'error' ? (
        <Empty image="network" description={load.error.message}>
          <Button type="danger" round size="small" onClick={() => void fetchHome()}>
            重新加载
          </Button>
        </Empty>
      ) : (
        <HomeContent home={load.home} feed={feed} />
      )}
    </Screen>
  )
}

function HomeContent({ home, feed }: { home: HomeScreen; feed: Paged<Product> }) {
  return (
    <View>
      {home.banners.length > 0 ? (
        <Swiper className="home__banner" autoplay circular indicatorDots indicatorActiveColor="#ffffff">
          {home.banners.map((b) => (
            <SwiperItem key={b.id} onClick={() => openPath(b.link)}>
              <Image className="home__banner-image" src={b.image} mode="aspectFill" aria-label={b.title} />
            </SwiperItem>
          ))}
        </Swiper>
      ) : null}
      {home.categories.length > 0 ? (
        <View className="home__categories">
          {home.categories.map((c) => (
            <View
              key={c.id}
              className="home__category"
              onClick={() => openPath(searchPath({ categoryId: c.id, categoryName: c.name }))}
            >
              <Image className="home__category-icon" src={c.icon} mode="aspectFill" />
              <Text className="home__category-name">{c.name}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className="home__section-title">为你推荐</View>
      {feed.items.length === 0 ? (
        <Empty description="暂无商品，稍后再来看看" />
      ) : (
        <View className="home__feed">
          <ProductGrid items={feed.items} />
          <ListFooter
            loading={feed.loading}
            error={feed.error?.message ?? null}
            hasMore={feed.cursor !== null}
            count={feed.items.length}
            onMore={() => void feed.loadMore()}
          />
        </View>
      )}
    </View>
  )
}
