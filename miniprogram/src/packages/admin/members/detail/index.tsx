import { Image, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { AdminMemberEntry } from '@mall/contract'
import { useCallback, useState, type ReactNode } from 'react'
import { call } from '../../../../api'
import { formatPrice } from '../../../../lib/money'
import { formatTime } from '../../../../lib/time'
import { Cell, Screen, Tag, toast } from '../../../../ui'
import { LoadState } from '../../shared/LoadState'
import { useLoad } from '../../shared/load'
import { AdjustForm } from './AdjustForm'
import './index.css'

const GENDER = ['未设置', '男', '女'] as const
const WALLET_STATS = [
  ['balance', '可用余额'],
  ['bonus', '其中赠送金'],
  ['frozen', '提现冻结'],
  ['withdrawable', '可提现'],
] as const
const signed = (n: number, money: boolean) =>
  `${n > 0 ? '+' : n < 0 ? '-' : ''}${money ? formatPrice(Math.abs(n)) : Math.abs(n)}`

/** One row of a block: what and when on the left, `children` (the amounts, a note) on the right. */
function Line({ main, sub, children }: { main: ReactNode; sub: ReactNode; children: ReactNode }) {
  return (
    <View className="member-line">
      <View>
        <View>{main}</View>
        <View className="member-line__sub">{sub}</View>
      </View>
      {children}
    </View>
  )
}

/** A block's rows, or what to say when there are none. */
function Lines<T>({ items, empty, line }: { items: T[]; empty: string; line: (item: T) => ReactNode }) {
  if (items.length === 0) return <View className="member-empty">{empty}</View>
  return <>{items.map(line)}</>
}

function Entries({ items, money }: { items: AdminMemberEntry[]; money: boolean }) {
  return (
    <Lines
      items={items}
      empty="暂无记录"
      line={(e) => (
        <Line key={e.id} main={e.kindLabel} sub={`${formatTime(e.at)}${e.reason ? ` · ${e.reason}` : ''}`}>
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
        </Line>
      )}
    />
  )
}

/**
 * One member for the merchant: level and growth, points, wallet buckets, latest orders and entries, the
 * adjustments. The phone stays masked: no merchant task needs the full number.
 */
export default function AdminMemberDetailPage() {
  const { params } = useRouter()
  const openid = decodeURIComponent(params.openid ?? '')
  const { load, reload } = useLoad(useCallback(() => call('admin.members.detail', { openid }), [openid]))
  const [form, setForm] = useState<'points' | 'wallet' | null>(null)

  if (load.state !== 'ready') {
    return (
      <Screen className="member-detail">
        <LoadState load={load} rows={8} final={['MEMBER_NOT_FOUND']} onRetry={() => void reload()} />
      </Screen>
    )
  }

  const view = load.data
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
          {WALLET_STATS.map(([key, label]) => (
            <View key={key} className="member-stats__item">
              <View className="member-stats__value">{formatPrice(view.wallet[key])}</View>
              <View className="member-stats__label">{label}</View>
            </View>
          ))}
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
        <Lines
          items={view.orders}
          empty="暂无订单"
          line={(o) => (
            <Line key={o.id} main={`订单号 ${o.orderNo}`} sub={formatTime(o.createdAt)}>
              <View style={{ textAlign: 'right' }}>
                <View>{formatPrice(o.payable)}</View>
                <View className="member-line__sub">{o.statusLabel}</View>
              </View>
            </Line>
          )}
        />
      </View>

      <View className="member-block">
        <View className="member-block__title">调整记录</View>
        <Lines
          items={view.adjustments}
          empty="暂无调整"
          line={(a) => (
            <Line
              key={a.id}
              main={`${a.book === 'points' ? '积分' : '余额'} ${signed(a.delta, a.book === 'wallet')}`}
              sub={`${formatTime(a.at)} · ${a.actorName ?? a.actor}`}
            >
              <View className="member-line__sub" style={{ maxWidth: '60%', textAlign: 'right' }}>
                {a.reason}
              </View>
            </Line>
          )}
        />
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
            void reload()
          }}
        />
      ) : null}
    </Screen>
  )
}
