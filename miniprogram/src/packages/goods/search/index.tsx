import type { ProductCard, SearchSort } from '@mall/contract'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { call } from '../../../api'
import { param } from '../../../components/catalog/paths'
import { ListFooter, ProductGrid } from '../../../components/catalog/ProductGrid'
import { usePaged, type Paged } from '../../../components/catalog/usePaged'
import { useReachBottom } from '../../../components/catalog/useReachBottom'
import { searchHistoryStore, useSearchHistory } from '../../../stores/searchHistory'
import { Empty, Screen, Search, Skeleton, Tabs } from '../../../ui'
import { FilterPopup } from './FilterPopup'
import { activeCount, NO_FILTERS, searchInput, SORTS, type Filters } from './filters'
import './index.css'

type Brand = { id: string; name: string }

export default function SearchPage() {
  const { params } = useRouter()
  const initialKeyword = param(params.keyword) ?? ''
  const initialCategory = param(params.categoryId)
  const [input, setInput] = useState(initialKeyword)
  const [keyword, setKeyword] = useState(initialKeyword)
  // Landing (history + hot words) until the shopper searches or arrives with a keyword or category.
  const [searching, setSearching] = useState(Boolean(initialKeyword || initialCategory))
  const [filters, setFilters] = useState<Filters>({
    ...NO_FILTERS,
    categoryId: initialCategory,
    categoryName: param(params.categoryName),
  })
  const [sort, setSort] = useState<SearchSort>('default')
  const [brands, setBrands] = useState<Brand[]>([])
  const [showFilters, setShowFilters] = useState(false)

  const paged = usePaged<ProductCard>(async (cursor) => {
    const res = await call('catalog.search', searchInput(keyword, filters, sort, cursor))
    if (!cursor && res.brands) setBrands(res.brands)
    return res
  })
  const { reload, loadMore } = paged

  useEffect(() => {
    if (searching) void reload()
  }, [searching, keyword, filters, sort, reload])

  useReachBottom(() => {
    if (searching) void loadMore()
  })

  const submit = (value: string) => {
    const k = value.trim()
    if (k) searchHistoryStore.getState().add(k)
    setInput(k)
    setKeyword(k)
    setSearching(Boolean(k) || Boolean(filters.categoryId))
  }

  const sortIndex = SORTS.findIndex((s) => s.sort === sort)
  const count = activeCount(filters)
  return (
    <Screen className="search">
      <Search value={input} placeholder="搜索商品" onChange={setInput} onSearch={submit} />
      {!searching ? (
        <Landing onPick={submit} />
      ) : (
        <View>
          <View className="search__toolbar">
            <View className="search__sorts">
              <Tabs
                tabs={SORTS.map((s) => s.label)}
                active={sortIndex}
                onChange={(i) => setSort(SORTS[i].sort)}
              />
            </View>
            <View
              className={`search__filter-button${count > 0 ? ' search__filter-button--active' : ''}`}
              onClick={() => setShowFilters(true)}
            >
              {count > 0 ? `筛选(${count})` : '筛选'}
            </View>
          </View>
          {filters.categoryName ? (
            <View className="search__scope">
              分类：{filters.categoryName}
              <Text
                className="search__scope-clear"
                onClick={() => setFilters((f) => ({ ...f, categoryId: undefined, categoryName: undefined }))}
              >
                ×
              </Text>
            </View>
          ) : null}
          <Results paged={paged} />
        </View>
      )}
      <FilterPopup
        show={showFilters}
        value={filters}
        brands={brands}
        onClose={() => setShowFilters(false)}
        onApply={(f) => {
          setShowFilters(false)
          setFilters(f)
        }}
      />
    </Screen>
  )
}

function Results({ paged }: { paged: Paged<ProductCard> }) {
  if (paged.items.length === 0) {
    if (paged.loading) return <Skeleton loading rows={6} title />
    if (paged.error)
      return (
        <Empty image="network" description={paged.error.message}>
          <View className="search__retry" onClick={() => void paged.reload()}>
            重新加载
          </View>
        </Empty>
      )
    return <Empty image="search" description="没有找到相关商品，换个词试试" />
  }
  return (
    <View className="search__results">
      <ProductGrid items={paged.items} />
      <ListFooter
        loading={paged.loading}
        error={paged.error?.message ?? null}
        hasMore={paged.cursor !== null}
        count={paged.items.length}
        onMore={() => void paged.loadMore()}
      />
    </View>
  )
}

function Landing({ onPick }: { onPick: (keyword: string) => void }) {
  const history = useSearchHistory((s) => s.keywords)
  const [hot, setHot] = useState<string[]>([])
  const asked = useRef(false)
  useEffect(() => {
    if (asked.current) return
    asked.current = true
    // hot words are a nicety: a failure leaves the section out rather than blocking search
    call('catalog.hotWords', {})
      .then((r) => setHot(r.words))
      .catch(() => setHot([]))
  }, [])
  return (
    <View className="search__landing">
      {history.length > 0 ? (
        <View className="search__group">
          <View className="search__group-head">
            <Text>最近搜索</Text>
            <Text className="search__group-clear" onClick={() => searchHistoryStore.getState().clear()}>
              清空
            </Text>
          </View>
          <View className="search__chips">
            {history.map((k) => (
              <Text key={k} className="chip search__history" onClick={() => onPick(k)}>
                {k}
              </Text>
            ))}
          </View>
        </View>
      ) : null}
      {hot.length > 0 ? (
        <View className="search__group">
          <View className="search__group-head">
            <Text>热门搜索</Text>
          </View>
          <View className="search__chips">
            {hot.map((k) => (
              <Text key={k} className="chip search__hot" onClick={() => onPick(k)}>
                {k}
              </Text>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  )
}
