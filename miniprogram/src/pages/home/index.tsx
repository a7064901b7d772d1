import type { HomeScreen } from '@mall/contract'
import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components'
import { usePullDownRefresh } from '@tarojs/taro'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { ApiError, call } from '../../api'
import { ProductCard } from '../../components/ProductCard'
import { goodsPath, openPath } from '../../lib/nav'
import { searchHistoryStore } from '../../stores/searchHistory'
import { Button, Empty, Screen, Search, Skeleton } from '../../ui'
import './index.css'

type Load = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; home: HomeScreen }

export default function Home() {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [keyword, setKeyword] = useState('')

  // The first screen is exactly one cloud call.
  const fetchHome = useCallback(async () => {
    setLoad((prev) => (prev.state === 'ready' ? prev : { state: 'loading' }))
    try {
      setLoad({ state: 'ready', home: await call('catalog.home', {}) })
    } catch (e) {
      setLoad({ state: 'error', error: e instanceof ApiError ? e : new ApiError('INTERNAL') })
    }
  }, [])

  useEffect(() => {
    void fetchHome()
  }, [fetchHome])

  usePullDownRefresh(() => {
    void fetchHome().finally(() => Taro.stopPullDownRefresh())
  })

  const onSearch = (value: string) => {
    if (searchHistoryStore.getState().add(value)) openPath('/pages/category/index')
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
        <HomeContent home={load.home} />
      )}
    </Screen>
  )
}

function HomeContent({ home }: { home: HomeScreen }) {
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
            <View key={c.id} className="home__category" onClick={() => openPath('/pages/category/index')}>
              <Image className="home__category-icon" src={c.icon} mode="aspectFill" />
              <Text className="home__category-name">{c.name}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className="home__section-title">为你推荐</View>
      {home.feed.items.length === 0 ? (
        <Empty description="暂无商品，稍后再来看看" />
      ) : (
        <View className="home__feed">
          {home.feed.items.map((p) => (
            <ProductCard key={p.id} product={p} onOpen={(id) => openPath(goodsPath(id))} />
          ))}
        </View>
      )}
    </View>
  )
}
