import type { BreakdownEntry, Totals } from './types'
import { Text, View } from '@tarojs/components'
import { formatPrice } from '../../lib/money'
import './order.css'

const signed = (fen: number) => (fen < 0 ? `-${formatPrice(-fen)}` : formatPrice(fen))

/** The server's explained breakdown, one row per source, then the payable. Never recomputed here. */
export function Breakdown({ entries, totals }: { entries: BreakdownEntry[]; totals: Totals }) {
  return (
    <View className="order-block breakdown">
      {entries.map((e) => (
        <View key={e.source} className={`breakdown__row breakdown__row--${e.source}`}>
          <Text className="breakdown__label">{e.label}</Text>
          <Text className={`breakdown__amount${e.amount < 0 ? ' breakdown__amount--minus' : ''}`}>
            {signed(e.amount)}
          </Text>
        </View>
      ))}
      <View className="breakdown__row breakdown__row--payable">
        <Text className="breakdown__label">实付款</Text>
        <Text className="breakdown__payable">{formatPrice(totals.payable)}</Text>
      </View>
    </View>
  )
}
