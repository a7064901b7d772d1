import { Image, Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { call } from '../../../api'
import { formatPrice } from '../../../lib/money'
import { openPath } from '../../../lib/nav'
import { Empty, Screen, Search, Tag } from '../../../ui'
import { LoadState } from '../shared/LoadState'
import { useCursorList } from '../shared/load'
import '../index/index.css'
import './index.css'

const day = (ms: number | null) => {
  if (ms === null) return '—'
  const d = new Date(ms)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

const inputFor = (query: string, cursor?: string) => ({
  pageSize: 20,
  ...(query ? { query } : {}),
  ...(cursor ? { cursor } : {}),
})

/** Members, newest first; one search box: a phone number, a nickname (prefix) or an openid. */
export default function AdminMembers() {
  const [keyword, setKeyword] = useState('')
  const [query, setQuery] = useState('')
  const fetchPage = useCallback(
    (cursor?: string) => call('admin.members.list', inputFor(query, cursor)),
    [query],
  )
  const list = useCursorList(fetchPage)
  const { load } = list

  return (
    <Screen className="admin members">
      <View className="admin__title">会员管理</View>
      <Search
        value={keyword}
        placeholder="手机号 / 昵称 / openid"
        onChange={setKeyword}
        onSearch={(v) => setQuery(v.trim())}
      />
      {query ? (
        <View className="members__hint">
          <Text>“{query}”的搜索结果</Text>
          <Text
            className="admin__link"
            onClick={() => {
              setKeyword('')
              setQuery('')
            }}
          >
            清除
          </Text>
        </View>
      ) : null}
      {load.state !== 'ready' ? (
        <LoadState load={load} onRetry={() => void list.reload()} />
      ) : load.data.items.length === 0 ? (
        <Empty description={query ? '没有找到匹配的会员' : '暂无会员'} />
      ) : (
        load.data.items.map((m) => (
          <View
            key={m.openid}
            className="member-row"
            onClick={() =>
              openPath(`/packages/admin/members/detail/index?openid=${encodeURIComponent(m.openid)}`)
            }
          >
            {m.avatar ? (
              <Image className="member-row__avatar" src={m.avatar} mode="aspectFill" />
            ) : (
              <View className="member-row__avatar member-row__avatar--blank">
                {[...m.nickname][0] ?? '会'}
              </View>
            )}
            <View className="member-row__main">
              <View className="member-row__name">
                <Text>{m.nickname}</Text>
                <Tag type="warning" plain round>
                  {m.levelName}
                </Tag>
                {m.deleted ? <Tag type="default">已注销</Tag> : null}
              </View>
              <View className="member-row__meta">
                <Text>{m.phoneMasked ?? '未绑定手机'}</Text>
                <Text>注册 {day(m.joinedAt)}</Text>
              </View>
            </View>
            <View className="member-row__money">
              <View>余额 {formatPrice(m.balance)}</View>
              <View className="member-row__points">{m.points} 积分</View>
            </View>
          </View>
        ))
      )}
      {load.state === 'ready' && load.data.cursor ? (
        <View className="admin__more" onClick={() => void list.loadMore()}>
          {list.more ? '加载中…' : '加载更多'}
        </View>
      ) : null}
    </Screen>
  )
}
