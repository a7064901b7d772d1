import type { MemberCenterView } from '@mall/contract'
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { ApiError, call } from '../../../api'
import { openPath } from '../../../lib/nav'
import { formatTime } from '../../../lib/time'
import { Button, Cell, Empty, Screen, Skeleton, Tag } from '../../../ui'
import './index.css'

type Load =
  { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; view: MemberCenterView }

/**
 * The member centre: the level and growth, how far to the next level, what every level gives (the server
 * applies these benefits at checkout), how points and growth are earned, and the latest level changes.
 */
export default function MemberCenter() {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const fetchView = useCallback(async () => {
    try {
      setLoad({ state: 'ready', view: await call('loyalty.center', {}) })
    } catch (e) {
      setLoad({ state: 'error', error: e instanceof ApiError ? e : new ApiError('INTERNAL') })
    }
  }, [])
  // re-read on every show: a completed order or a refund moves growth
  useDidShow(() => void fetchView())

  if (load.state === 'loading')
    return (
      <Screen className="member">
        <Skeleton loading rows={6} title />
      </Screen>
    )
  if (load.state === 'error')
    return (
      <Screen className="member">
        <Empty image="network" description={load.error.message}>
          <Button type="danger" round size="small" onClick={() => void fetchView()}>
            重新加载
          </Button>
        </Empty>
      </Screen>
    )

  const v = load.view
  return (
    <Screen className="member">
      <View className="member__card">
        <View className="member__level">{v.levelName}</View>
        <View className="member__growth">
          成长值 <Text className="member__growth-value">{v.growth}</Text>
        </View>
        <View className="member__bar">
          <View className="member__bar-fill" style={{ width: `${v.progressPermille / 10}%` }} />
        </View>
        <View className="member__next">
          {v.next ? `再获得 ${v.next.remaining} 成长值升级为${v.next.name}` : '已是最高等级'}
        </View>
      </View>

      <View className="member__group">
        <Cell
          title="我的积分"
          value={`${v.points}`}
          isLink
          onClick={() => openPath('/packages/user/points/index')}
        />
      </View>

      <View className="member__section">等级权益</View>
      {v.levels.map((l) => (
        <View key={l.level} className={`member__tier${l.level === v.level ? ' member__tier--mine' : ''}`}>
          <View className="member__tier-head">
            <Text className="member__tier-name">{l.name}</Text>
            {l.level === v.level ? <Tag type="danger">当前等级</Tag> : null}
            <Text className="member__tier-growth">成长值 {l.growth}</Text>
          </View>
          <View className="member__tier-benefits">
            {l.benefits.length ? l.benefits.join(' · ') : '基础会员权益'}
          </View>
        </View>
      ))}

      <View className="member__section">规则说明</View>
      <View className="member__rules">
        {v.earnRules.map((r) => (
          <View key={r} className="member__rule">
            {r}
          </View>
        ))}
      </View>

      {v.changes.length ? (
        <>
          <View className="member__section">等级变化</View>
          <View className="member__rules">
            {v.changes.map((c) => (
              <View key={`${c.at}_${c.to}`} className="member__change">
                <Text>
                  {c.up ? '升级' : '降级'}：{c.fromName} → {c.toName}
                </Text>
                <Text className="member__change-at">{formatTime(c.at)}</Text>
              </View>
            ))}
          </View>
        </>
      ) : null}
    </Screen>
  )
}
