import { Image, Text, View } from '@tarojs/components'
import type { AftersaleLineView } from '@mall/contract'
import './aftersale.css'

const specText = (specs: Record<string, string>) => Object.values(specs).join(' / ')

/** The lines of a request, with the merchant's receipt (fine / damaged) once the parcel is in. */
export function AftersaleLines({ lines }: { lines: AftersaleLineView[] }) {
  return (
    <View className="as-block">
      {lines.map((l) => (
        <View key={l.skuId} className="as-line">
          <Image className="as-line__image" src={l.image} mode="aspectFill" />
          <View className="as-line__info">
            <View className="as-line__title">{l.title}</View>
            <View className="as-line__spec">{specText(l.specs)}</View>
            {l.received ? (
              <View className="as-line__received">
                已收货：完好 {l.received.fine} 件
                {l.received.damaged > 0 ? `，损坏 ${l.received.damaged} 件` : ''}
              </View>
            ) : null}
          </View>
          <Text className="as-line__qty">x{l.quantity}</Text>
        </View>
      ))}
    </View>
  )
}
