import { Image, Text, View } from '@tarojs/components'
import type { AdminMemberRow } from '@mall/contract'
import { useCallback, useEffect, useState } from 'react'
import { ApiError, call } from '../../../api'
import { formatPrice } from '../../../lib/money'
import { openPath } from '../../../lib/nav'
import { Button, Empty, Screen, Search, Skeleton, Tag, toast } from '../../../ui'
import '../index/index.css'
import './index.css'

type Page = { items: AdminMemberRow[]; cursor: string | null }
type Load = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; page: Page }

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))
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
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [more, setMore] = useState(false)

  const fetchFirst = useCallback(async () => {
    setLoad({ state: 'loading' })
    try {
      setLoad({ state: 'ready', page: await call('admin.members.list', inputFor(query)) })
    } catch (e) {
      setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [query])
  useEffect(() => {
    void fetchFirst()
  }, [fetchFirst])

  const loadMore = async () => {
    if (load.state !== 'ready' || !load.page.cursor || more) return
    setMore(true)
    try {
      const next = await call('admin.members.list', inputFor(query, load.page.cursor))
      setLoad({ state: 'ready', page: { items: [...load.page.items, ...next.items], cursor: next.cursor } })
    } catch (e) {
      toast(asApiError(e).message)
    } finally {
      setMore(false)
    }
  }

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
      {load.state === 'loading' ? (
        <Skeleton loading rows={6} title />
      ) : load.state === 'error' ? (
        <Empty image="error" description={load.error.message}>
          {load.error.code === 'FORBIDDEN' ? null : (
            <Button type="danger" round size="small" onClick={() => void fetchFirst()}>
              重新加载
            </Button>
          )}
        </Empty>
      ) : load.page.items.length === 0 ? (
        <Empty description={query ? '没有找到匹配的会员' : '暂无会员'} />
      ) : (
        load.page.items.map((m) => (
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
      {load.state === 'ready' && load.page.cursor ? (
        <View className="admin__more" onClick={() => void loadMore()}>
          {more ? '加载中…' : '加载更多'}
        </View>
      ) : null}
    </Screen>
  )
}
