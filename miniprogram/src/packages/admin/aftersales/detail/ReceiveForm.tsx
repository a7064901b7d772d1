import { Text, View } from '@tarojs/components'
import type { AdminAftersaleDetail } from '@mall/contract'
import { useState } from 'react'
import { call } from '../../../../api'
import { formatPrice } from '../../../../lib/money'
import { Button, Stepper, confirm } from '../../../../ui'
import { useSubmit } from '../../shared/FormPopup'

type Counts = Record<string, { fine: number; damaged: number }>

/**
 * The returned parcel, line by line: every unit is either fine (goes back into stock) or damaged.
 * The counts of a line must add up to its quantity before the refund can run.
 */
export function ReceiveForm({
  view,
  onDone,
}: {
  view: AdminAftersaleDetail
  onDone: (v: AdminAftersaleDetail) => void
}) {
  const [counts, setCounts] = useState<Counts>(() =>
    Object.fromEntries(view.lines.map((l) => [l.skuId, { fine: l.quantity, damaged: 0 }])),
  )
  const { busy, error, run } = useSubmit()
  const set = (skuId: string, k: 'fine' | 'damaged', n: number) =>
    setCounts((c) => ({ ...c, [skuId]: { ...c[skuId]!, [k]: n } }))
  const wrong = view.lines.filter((l) => counts[l.skuId]!.fine + counts[l.skuId]!.damaged !== l.quantity)

  const receive = async () => {
    if (busy || wrong.length > 0) return
    if (!(await confirm({ message: `确认已收到退货，并退款 ${formatPrice(view.amount)} 给买家吗？` }))) return
    await run(async () =>
      onDone(
        await call('admin.aftersales.receive', {
          aftersaleId: view.id,
          lines: view.lines.map((l) => ({ skuId: l.skuId, ...counts[l.skuId]! })),
        }),
      ),
    )
  }
  return (
    <View className="as-block receive-form">
      <View className="as-block__title">确认收货</View>
      {view.lines.map((l) => {
        const c = counts[l.skuId]!
        const off = c.fine + c.damaged !== l.quantity
        return (
          <View key={l.skuId} className="receive-form__line">
            <View className="receive-form__title">
              {l.title} <Text className="receive-form__qty">共 {l.quantity} 件</Text>
            </View>
            <View className="receive-form__row">
              <Text>完好（退回库存）</Text>
              <Stepper value={c.fine} min={0} max={l.quantity} onChange={(n) => set(l.skuId, 'fine', n)} />
            </View>
            <View className="receive-form__row">
              <Text>损坏</Text>
              <Stepper
                value={c.damaged}
                min={0}
                max={l.quantity}
                onChange={(n) => set(l.skuId, 'damaged', n)}
              />
            </View>
            {off ? <View className="receive-form__wrong">完好与损坏合计须等于 {l.quantity} 件</View> : null}
          </View>
        )
      })}
      {error ? <View className="receive-form__wrong">{error}</View> : null}
      <View className="as-form__actions">
        <Button
          type="danger"
          round
          block
          disabled={wrong.length > 0}
          loading={busy}
          onClick={() => void receive()}
        >
          确认收货并退款
        </Button>
      </View>
    </View>
  )
}
