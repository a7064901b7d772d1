import { Image, Text, View } from '@tarojs/components'
import type { AftersaleOptions } from '@mall/contract'
import { Checkbox, Stepper } from '../../../ui'
import { aftersaleDetailPath } from '../shared/paths'
import { openPath } from '../../../lib/nav'

type Line = AftersaleOptions['lines'][number]

interface Props {
  lines: Line[]
  /** skuId -> units chosen; absent = not chosen */
  chosen: Record<string, number>
  onChange: (chosen: Record<string, number>) => void
}

/** Each line: tick it, then choose how many units (up to what may still be requested). */
export function LinePicker({ lines, chosen, onChange }: Props) {
  const set = (skuId: string, quantity: number | null) => {
    const next = { ...chosen }
    if (quantity === null) delete next[skuId]
    else next[skuId] = quantity
    onChange(next)
  }
  return (
    <View className="as-block">
      <View className="as-block__title">选择商品</View>
      {lines.map((l) => {
        const on = chosen[l.skuId] !== undefined
        const blocked = l.available === 0
        return (
          <View key={l.skuId} className={`apply-line${blocked ? ' apply-line--blocked' : ''}`}>
            <Checkbox
              checked={on}
              disabled={blocked}
              shape="round"
              onChange={(c) => set(l.skuId, c ? l.available : null)}
            />
            <Image className="as-line__image" src={l.image} mode="aspectFill" />
            <View className="as-line__info">
              <View className="as-line__title">{l.title}</View>
              <View className="as-line__spec">{Object.values(l.specs).join(' / ')}</View>
              <View className="apply-line__foot">
                {blocked ? (
                  l.openAftersaleId ? (
                    <Text
                      className="apply-line__open"
                      onClick={() => openPath(aftersaleDetailPath(l.openAftersaleId!))}
                    >
                      售后处理中，查看 ›
                    </Text>
                  ) : (
                    <Text className="apply-line__note">已全部退款</Text>
                  )
                ) : on ? (
                  <Stepper
                    value={chosen[l.skuId]!}
                    min={1}
                    max={l.available}
                    onChange={(q) => set(l.skuId, q)}
                  />
                ) : (
                  <Text className="apply-line__note">
                    可申请 {l.available} 件{l.available < l.quantity ? `（共购买 ${l.quantity} 件）` : ''}
                  </Text>
                )}
              </View>
            </View>
          </View>
        )
      })}
    </View>
  )
}
