import type { CategoryNode } from '@mall/contract'
import { Image, Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { ApiError, call } from '../../api'
import { searchPath } from '../../components/catalog/paths'
import { openPath } from '../../lib/nav'
import { searchHistoryStore } from '../../stores/searchHistory'
import { Button, Empty, Screen, Search, Sidebar, Skeleton } from '../../ui'
import { useCartBadge } from '../../lib/cartBadge'
import './index.css'

type Load =
  { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; tree: CategoryNode[] }

const openCategory = (c: CategoryNode) => openPath(searchPath({ categoryId: c.id, categoryName: c.name }))

export default function Category() {
  useCartBadge()
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [active, setActive] = useState(0)
  const [keyword, setKeyword] = useState('')

  const fetchTree = useCallback(async () => {
    setLoad({ state: 'loading' })
    try {
      setLoad({ state: 'ready', tree: (await call('catalog.categories', {})).tree })
    } catch (e) {
      setLoad({ state: 'error', error: e instanceof ApiError ? e : new ApiError('INTERNAL') })
    }
  }, [])

  useEffect(() => {
    void fetchTree()
  }, [fetchTree])

  const onSearch = (value: string) => {
    if (!searchHistoryStore.getState().add(value)) return
    setKeyword('')
    openPath(searchPath({ keyword: value.trim() }))
  }

  return (
    <Screen className="category">
      <Search value={keyword} placeholder="搜索商品" onChange={setKeyword} onSearch={onSearch} />
      {load.state === 'loading' ? (
        <Skeleton loading rows={6} title />
      ) : load.state === 'error' ? (
        <Empty image="network" description={load.error.message}>
          <Button type="danger" round size="small" onClick={() => void fetchTree()}>
            重新加载
          </Button>
        </Empty>
      ) : load.tree.length === 0 ? (
        <Empty description="暂无分类" />
      ) : (
        <View className="category__body">
          <Sidebar
            items={load.tree.map((c) => ({ title: c.name }))}
            active={Math.min(active, load.tree.length - 1)}
            onChange={setActive}
          />
          <CategoryContent node={load.tree[Math.min(active, load.tree.length - 1)]} />
        </View>
      )}
    </Screen>
  )
}

function CategoryContent({ node }: { node: CategoryNode }) {
  return (
    <View className="category__content">
      <View className="category__all" onClick={() => openCategory(node)}>
        <Text>全部{node.name}</Text>
        <Text className="category__all-arrow">›</Text>
      </View>
      {node.children.map((section) => (
        <View key={section.id} className="category__section">
          <View className="category__section-title" onClick={() => openCategory(section)}>
            {section.name}
          </View>
          <View className="category__tiles">
            {(section.children.length > 0 ? section.children : [section]).map((leaf) => (
              <View key={leaf.id} className="category__tile" onClick={() => openCategory(leaf)}>
                <Image className="category__tile-icon" src={leaf.icon} mode="aspectFill" lazyLoad />
                <Text className="category__tile-name">{leaf.name}</Text>
              </View>
            ))}
          </View>
        </View>
      ))}
    </View>
  )
}
