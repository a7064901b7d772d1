import { Image, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { AdminMemberDetail, AdminMemberEntry } from '@mall/contract'
import { useCallback, useEffect, useState } from 'react'
import { ApiError, call } from '../../../../api'
import { formatPrice } from '../../../../lib/money'
import { formatTime } from '../../../../lib/time'
import { Button, Cell, Empty, Screen, Skeleton, Tag, toast } from '../../../../ui'
import { AdjustForm } from './AdjustForm'
import './index.css'

type Load =
  { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; view: AdminMemberDetail }

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))
const GENDER = ['未设置', '男', '女'] as const
const signed = (n: number, money: boolean) =>
  `${n > 0 ? '+' : n < 0 ? '-' : ''}${money ? formatPrice(Math.abs(n)) : Math.abs(n)}`

function Entries({ items, money }: { items: AdminMemberEntry[]; money: boolean }) {
  if (items.length === 0) return <View className="member-empty">暂无记录</View>
  return (
    <>
      {items.map((e) => (
        <View key={e.id} className="member-line">
          <View>
            <View>{e.kindLabel}</View>
            <View className="member-line__sub">
              {formatTime(e.at)}
              {e.reason ? ` · ${e.reason}` : ''}
            </View>
          </View>
          <View style={{ textAlign: 'right' }}>
            <View className={e.amount >= 0 ? 'member-line__plus' : 'member-line__minus'}>
              {signed(e.amount, money)}
            </View>
            {money && e.bonusAmount ? (
              <View className="member-line__sub">其中赠送金 {signed(e.bonusAmount, true)}</View>
            ) : null}
            {e.balanceAfter !== null ? (
              <View className="member-line__sub">
                余 {money ? formatPrice(e.balanceAfter) : e.balanceAfter}
              </View>
            ) : null}
          </View>
        </View>
      ))}
    </>
  )
}

/**
 * One member for the merchant: level and growth, points, wallet buckets, latest orders and entries, the
 * adjustments. The phone stays masked: no merchant task needs the full number.
 */
export default function AdminMemberDetailPage() {
  const { params } = useRouter()
  const openid = decodeURIComponent(params.openid ?? '')
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [form, setForm] = useState<'points' | 'wallet' | null>(null)

  const fetchDetail = useCallback(async () => {
    try {
      setLoad({ state: 'ready', view: await call('admin.members.detail', { openid }) })
    } catch (e) {
      setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [openid])
  useEffect(() => {
    void fetchDetail()
  }, [fetchDetail])

  if (load.state === 'loading') {
    return (
      <Screen className="member-detail">
        <Skeleton loading rows={8} title />
      </Screen>
    )
  }
  if (load.state === 'error') {
    return (
      <Screen className="member-detail">
        <Empty image="error" description={load.error.message}>
          {load.error.code === 'FORBIDDEN' || load.error.code === 'MEMBER_NOT_FOUND' ? null : (
            <Button type="danger" round size="small" onClick={() => void fetchDetail()}>
              重新加载
            </Button>
          )}
        </Empty>
      </Screen>
    )
  }

  const { view } = load
  const next = view.nextLevel
  const progress =
    next && next.growth > 0 ? Math.min(100, Math.round((view.growth / next.growth) * 100)) : 100
  return (
    <Screen className="member-detail">
      <View className="member-head">
        {view.avatar ? (
          <Image className="member-head__avatar" src={view.avatar} mode="aspectFill" />
        ) : (
          <View className="member-head__avatar" />
        )}
        <View style={{ flex: 1 }}>
          <View className="member-head__name">
            {view.nickname}{' '}
            <Tag type="warning" round>
              {view.levelName}
            </Tag>
            {view.deleted ? <Tag type="default">已注销</Tag> : null}
          </View>
          <View className="member-head__meta">
            成长值 {view.growth}
            {next ? ` · 距 ${next.name} 还差 ${Math.max(0, next.growth - view.growth)}` : ' · 已是最高等级'}
          </View>
          <View className="member-progress">
            <View className="member-progress__bar" style={{ width: `${progress}%` }} />
          </View>
        </View>
      </View>

      <View className="member-block">
        <Cell title="手机号" value={view.phoneMasked ?? '未绑定'} />
        <Cell title="性别" value={GENDER[view.gender ?? 0]} />
        <Cell title="生日" value={view.birthday ?? '未设置'} />
        <Cell title="注册时间" value={view.joinedAt !== null ? formatTime(view.joinedAt) : '—'} />
        <Cell title="openid" value={view.openid} />
      </View>

      <View className="member-block">
        <View className="member-block__title">
          <Text>钱包</Text>
          <Text className="member-block__action" onClick={() => setForm('wallet')}>
            调整余额
          </Text>
        </View>
        <View className="member-stats">
          <View className="member-stats__item">
            <View className="member-stats__value">{formatPrice(view.wallet.balance)}</View>
            <View className="member-stats__label">可用余额</View>
          </View>
          <View className="member-stats__item">
            <View className="member-stats__value">{formatPrice(view.wallet.bonus)}</View>
            <View className="member-stats__label">其中赠送金</View>
          </View>
          <View className="member-stats__item">
            <View className="member-stats__value">{formatPrice(view.wallet.frozen)}</View>
            <View className="member-stats__label">提现冻结</View>
          </View>
          <View className="member-stats__item">
            <View className="member-stats__value">{formatPrice(view.wallet.withdrawable)}</View>
            <View className="member-stats__label">可提现</View>
          </View>
        </View>
        <Entries items={view.ledger} money />
      </View>

      <View className="member-block">
        <View className="member-block__title">
          <Text>积分 {view.points}</Text>
          <Text className="member-block__action" onClick={() => setForm('points')}>
            调整积分
          </Text>
        </View>
        <Entries items={view.pointsEntries} money={false} />
      </View>

      <View className="member-block">
        <View className="member-block__title">最近订单</View>
        {view.orders.length === 0 ? (
          <View className="member-empty">暂无订单</View>
        ) : (
          view.orders.map((o) => (
            <View key={o.id} className="member-line">
              <View>
                <View>订单号 {o.orderNo}</View>
                <View className="member-line__sub">{formatTime(o.createdAt)}</View>
              </View>
              <View style={{ textAlign: 'right' }}>
                <View>{formatPrice(o.payable)}</View>
                <View className="member-line__sub">{o.statusLabel}</View>
              </View>
            </View>
          ))
        )}
      </View>

      <View className="member-block">
        <View className="member-block__title">调整记录</View>
        {view.adjustments.length === 0 ? (
          <View className="member-empty">暂无调整</View>
        ) : (
          view.adjustments.map((a) => (
            <View key={a.id} className="member-line">
              <View>
                <View>
                  {a.book === 'points' ? '积分' : '余额'} {signed(a.delta, a.book === 'wallet')}
                </View>
                <View className="member-line__sub">
                  {formatTime(a.at)} · {a.actorName ?? a.actor}
                </View>
              </View>
              <View className="member-line__sub" style={{ maxWidth: '60%', textAlign: 'right' }}>
                {a.reason}
              </View>
            </View>
          ))
        )}
      </View>
      <View className="member-note">余额调增记为赠送金，可消费、不可提现；扣减时先扣赠送金。</View>

      {form ? (
        <AdjustForm
          openid={view.openid}
          book={form}
          onClose={() => setForm(null)}
          onDone={() => {
            setForm(null)
            toast('已调整', 'success')
            void fetchDetail()
          }}
        />
      ) : null}
    </Screen>
  )
}
