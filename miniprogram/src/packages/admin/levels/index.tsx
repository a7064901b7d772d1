import type { MemberRulesView } from '@mall/contract'
import { Text, View } from '@tarojs/components'
import { useCallback, useState } from 'react'
import { call } from '../../../api'
import { Button, Checkbox, Field, Screen, toast } from '../../../ui'
import { LoadState } from '../shared/LoadState'
import { toastError, useLoad } from '../shared/load'
import './index.css'

/** One level as typed: discount in 折 ('9.5', empty = none), multiplier in 倍 ('1.5'). */
interface Row {
  name: string
  growth: string
  discount: string
  freeShipping: boolean
  multiplier: string
}
interface Form {
  rows: Row[]
  pointsPerYuan: string
  growthPerYuan: string
}
const trimZeros = (s: string) => s.replace(/\.?0+$/, '')

const toForm = (r: MemberRulesView): Form => ({
  rows: r.levels.map((l) => ({
    name: l.name,
    growth: String(l.growth),
    discount: l.discountPermille === null ? '' : trimZeros((l.discountPermille / 100).toFixed(2)),
    freeShipping: l.freeShipping,
    multiplier: trimZeros((l.pointsMultiplier / 1000).toFixed(3)),
  })),
  pointsPerYuan: String(r.pointsPerYuan),
  growthPerYuan: String(r.growthPerYuan),
})

/** Typed numbers -> the action's integers; a field that is not a number stays NaN and the server refuses it. */
const toInput = (f: Form) => ({
  levels: f.rows.map((r, i) => ({
    level: i,
    name: r.name.trim(),
    growth: Number(r.growth),
    discountPermille: r.discount.trim() === '' ? null : Math.round(Number(r.discount) * 100),
    freeShipping: r.freeShipping,
    pointsMultiplier: Math.round(Number(r.multiplier || '1') * 1000),
  })),
  pointsPerYuan: Number(f.pointsPerYuan),
  growthPerYuan: Number(f.growthPerYuan),
})

/**
 * The merchant's levels: name, growth threshold and benefits of each level (member discount on list-price
 * goods, free shipping, points multiplier), and the earning rule. Saved as a whole; the server validates.
 */
export default function AdminLevels() {
  const [form, setForm] = useState<Form>({ rows: [], pointsPerYuan: '1', growthPerYuan: '1' })
  const [saving, setSaving] = useState(false)
  // the rules are read once into the form the merchant edits
  const { load, reload } = useLoad(
    useCallback(async () => setForm(toForm(await call('admin.member.settings.get', {}))), []),
  )

  const setRow = (i: number, patch: Partial<Row>) =>
    setForm((f) => ({ ...f, rows: f.rows.map((r, k) => (k === i ? { ...r, ...patch } : r)) }))

  const save = async () => {
    if (saving) return
    setSaving(true)
    try {
      setForm(toForm(await call('admin.member.settings.save', toInput(form))))
      toast('已保存', 'success')
    } catch (e) {
      toastError(e)
    } finally {
      setSaving(false)
    }
  }

  if (load.state !== 'ready')
    return (
      <Screen className="admin">
        <LoadState load={load} rows={8} onRetry={() => void reload()} />
      </Screen>
    )

  return (
    <Screen className="admin">
      <View className="admin-levels__hint">
        成长值达到门槛即升到该等级，退款扣回成长值后等级随之调整。会员折扣只作用于没有会员价和活动价的商品。
      </View>
      {form.rows.map((r, i) => (
        <View key={i} className="admin-levels__level">
          <View className="admin-levels__head">
            <Text>等级 {i}</Text>
            {i === form.rows.length - 1 && i > 0 ? (
              <Text
                className="admin-levels__remove"
                onClick={() => setForm((f) => ({ ...f, rows: f.rows.slice(0, -1) }))}
              >
                删除
              </Text>
            ) : null}
          </View>
          <Field label="名称" value={r.name} maxlength={12} onChange={(name) => setRow(i, { name })} />
          <Field
            label="成长值门槛"
            type="number"
            value={r.growth}
            placeholder={i === 0 ? '0' : ''}
            onChange={(growth) => setRow(i, { growth })}
          />
          <Field
            label="会员折扣(折)"
            type="digit"
            value={r.discount}
            placeholder="不打折留空，如 9.5"
            onChange={(discount) => setRow(i, { discount })}
          />
          <Field
            label="积分倍数"
            type="digit"
            value={r.multiplier}
            placeholder="1 表示不加倍"
            onChange={(multiplier) => setRow(i, { multiplier })}
          />
          <View className="admin-levels__check">
            <Checkbox
              checked={r.freeShipping}
              shape="square"
              onChange={(freeShipping) => setRow(i, { freeShipping })}
            >
              订单包邮
            </Checkbox>
          </View>
        </View>
      ))}
      {form.rows.length < 10 ? (
        <View
          className="admin-levels__add"
          onClick={() =>
            setForm((f) => ({
              ...f,
              rows: [...f.rows, { name: '', growth: '', discount: '', freeShipping: false, multiplier: '1' }],
            }))
          }
        >
          + 添加等级
        </View>
      ) : null}
      <View className="admin-levels__level">
        <View className="admin-levels__head">
          <Text>获取规则（订单完成后发放）</Text>
        </View>
        <Field
          label="每实付1元得积分"
          type="number"
          value={form.pointsPerYuan}
          onChange={(pointsPerYuan) => setForm((f) => ({ ...f, pointsPerYuan }))}
        />
        <Field
          label="每实付1元得成长值"
          type="number"
          value={form.growthPerYuan}
          onChange={(growthPerYuan) => setForm((f) => ({ ...f, growthPerYuan }))}
        />
      </View>
      <View className="admin-levels__foot">
        <Button type="danger" round block loading={saving} onClick={() => void save()}>
          保存
        </Button>
      </View>
    </Screen>
  )
}
