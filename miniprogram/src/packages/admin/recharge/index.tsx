import { Text, View } from '@tarojs/components'
import type { AdminRechargePackage } from '@mall/contract'
import { useCallback, useState } from 'react'
import { call } from '../../../api'
import { formatYuan } from '../../../lib/money'
import { formatTime } from '../../../lib/time'
import { Button, Checkbox, Empty, Field, Popup, Screen, confirm, toast } from '../../../ui'
import { LoadState } from '../shared/LoadState'
import { toastError, useLoad } from '../shared/load'
import './index.css'

interface Draft {
  id?: string
  title: string
  pay: string
  bonus: string
  limit: string
  sort: string
  active: boolean
}
const EMPTY: Draft = { title: '', pay: '', bonus: '0', limit: '0', sort: '0', active: true }

/** '100' or '99.9' yuan -> fen; null when it is not an amount with at most 2 decimals. */
export function yuanToFen(s: string): number | null {
  const m = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(s.trim())
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}
const intOf = (s: string): number | null => (/^\d{1,4}$/.test(s.trim()) ? Number(s.trim()) : null)

/**
 * Recharge packages (pay X, get Y bonus): a per-member limit (0 = unlimited), on/off and the order shown
 * to shoppers. A recharge keeps the amounts it was bought with, so edits never change one already made.
 */
export default function AdminRecharge() {
  const { load, reload } = useLoad(
    useCallback(async () => (await call('admin.recharge.packages.list', {})).items, []),
  )
  const [draft, setDraft] = useState<Draft | null>(null)
  const [saving, setSaving] = useState(false)

  const save = async (d: Draft) => {
    const payFen = yuanToFen(d.pay)
    const bonusFen = yuanToFen(d.bonus || '0')
    const perMemberLimit = intOf(d.limit || '0')
    const sort = intOf(d.sort || '0')
    if (!d.title.trim()) return toast('请填写套餐名称')
    if (!payFen) return toast('请填写正确的充值金额')
    if (bonusFen === null) return toast('请填写正确的赠送金额')
    if (perMemberLimit === null || sort === null) return toast('限购次数和排序须为整数')
    setSaving(true)
    try {
      await call('admin.recharge.packages.save', {
        ...(d.id ? { id: d.id } : {}),
        title: d.title.trim(),
        payFen,
        bonusFen,
        perMemberLimit,
        active: d.active,
        sort,
      })
      toast('已保存', 'success')
      setDraft(null)
      await reload()
    } catch (e) {
      toastError(e)
    } finally {
      setSaving(false)
    }
  }

  const toggle = async (p: AdminRechargePackage) => {
    try {
      await call('admin.recharge.packages.save', {
        id: p.id,
        title: p.title,
        payFen: p.payFen,
        bonusFen: p.bonusFen,
        perMemberLimit: p.perMemberLimit,
        active: !p.active,
        sort: p.sort,
      })
      await reload()
    } catch (e) {
      toastError(e)
    }
  }

  const remove = async (p: AdminRechargePackage) => {
    if (!(await confirm({ title: '删除套餐', message: `确定删除「${p.title}」？已发生的充值不受影响。` })))
      return
    try {
      await call('admin.recharge.packages.remove', { id: p.id })
      await reload()
    } catch (e) {
      toastError(e)
    }
  }

  if (load.state !== 'ready') {
    return (
      <Screen className="admin">
        <LoadState load={load} onRetry={() => void reload()} />
      </Screen>
    )
  }
  return (
    <Screen className="admin">
      <View className="admin__title">
        充值套餐
        <Button type="danger" round size="small" onClick={() => setDraft({ ...EMPTY })}>
          新增套餐
        </Button>
      </View>
      {load.data.length === 0 ? (
        <Empty description="还没有充值套餐" />
      ) : (
        load.data.map((p) => (
          <View key={p.id} className="admin-rp">
            <View className="admin-rp__head">
              <Text className="admin-rp__title">{p.title}</Text>
              <Text className={`admin-rp__state${p.active ? ' admin-rp__state--on' : ''}`}>
                {p.active ? '上架中' : '已下架'}
              </Text>
            </View>
            <View className="admin-rp__meta">
              充 ¥{formatYuan(p.payFen)} 送 ¥{formatYuan(p.bonusFen)} ·{' '}
              {p.perMemberLimit > 0 ? `每人限${p.perMemberLimit}次` : '不限次数'} · 排序 {p.sort}
            </View>
            <View className="admin-rp__meta">
              已售 {p.paidCount} 笔 · 更新于 {formatTime(p.updatedAt)}
            </View>
            <View className="admin-rp__actions">
              <Button
                size="small"
                round
                onClick={() =>
                  setDraft({
                    id: p.id,
                    title: p.title,
                    pay: formatYuan(p.payFen),
                    bonus: formatYuan(p.bonusFen),
                    limit: String(p.perMemberLimit),
                    sort: String(p.sort),
                    active: p.active,
                  })
                }
              >
                编辑
              </Button>
              <Button size="small" round onClick={() => void toggle(p)}>
                {p.active ? '下架' : '上架'}
              </Button>
              <Button size="small" round type="danger" plain onClick={() => void remove(p)}>
                删除
              </Button>
            </View>
          </View>
        ))
      )}
      <Popup show={draft !== null} position="bottom" round closeable onClose={() => setDraft(null)}>
        {draft ? (
          <View className="admin-rp-form">
            <View className="admin-rp-form__title">{draft.id ? '编辑套餐' : '新增套餐'}</View>
            <Field
              label="名称"
              required
              value={draft.title}
              maxlength={30}
              placeholder="如：充100送10"
              onChange={(title) => setDraft({ ...draft, title })}
            />
            <Field
              label="充值金额(元)"
              required
              type="digit"
              value={draft.pay}
              onChange={(pay) => setDraft({ ...draft, pay })}
            />
            <Field
              label="赠送金额(元)"
              type="digit"
              value={draft.bonus}
              onChange={(bonus) => setDraft({ ...draft, bonus })}
            />
            <Field
              label="每人限购(次)"
              type="number"
              value={draft.limit}
              placeholder="0 表示不限"
              onChange={(limit) => setDraft({ ...draft, limit })}
            />
            <Field
              label="排序"
              type="number"
              value={draft.sort}
              onChange={(sort) => setDraft({ ...draft, sort })}
            />
            <View className="admin-rp-form__row">
              <Checkbox checked={draft.active} onChange={(active) => setDraft({ ...draft, active })}>
                上架（顾客可见）
              </Checkbox>
            </View>
            <Button type="danger" round block loading={saving} onClick={() => void save(draft)}>
              保存
            </Button>
          </View>
        ) : null}
      </Popup>
    </Screen>
  )
}
