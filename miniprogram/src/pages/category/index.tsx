import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { searchHistoryStore, useSearchHistory } from '../../stores/searchHistory'
import { Empty, Screen, Search, Sidebar } from '../../ui'
import './index.css'

// The category tree arrives with the catalogue issue; until then the page shows the search history
// and a fixed sidebar with an empty state.
const GROUPS = [{ title: '推荐' }, { title: '新品' }, { title: '热卖' }]

export default function Category() {
  const [keyword, setKeyword] = useState('')
  const [active, setActive] = useState(0)
  const history = useSearchHistory((s) => s.keywords)
  return (
    <Screen className="category">
      <Search
        value={keyword}
        placeholder="搜索商品"
        onChange={setKeyword}
        onSearch={(v) => searchHistoryStore.getState().add(v) && setKeyword('')}
      />
      {history.length > 0 ? (
        <View className="category__history">
          <View className="category__history-head">
            <Text>最近搜索</Text>
            <Text className="category__history-clear" onClick={() => searchHistoryStore.getState().clear()}>
              清空
            </Text>
          </View>
          <View className="category__chips">
            {history.map((k) => (
              <Text key={k} className="category__chip" onClick={() => setKeyword(k)}>
                {k}
              </Text>
            ))}
          </View>
        </View>
      ) : null}
      <View className="category__body">
        <Sidebar items={GROUPS} active={active} onChange={setActive} />
        <View className="category__content">
          <Empty description="分类商品即将上线" />
        </View>
      </View>
    </Screen>
  )
}
