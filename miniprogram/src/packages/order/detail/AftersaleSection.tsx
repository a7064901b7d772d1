import { Text, View } from '@tarojs/components'
import type { OrderDetail } from '../../../components/order/types'
import { formatPrice } from '../../../lib/money'
import { openPath } from '../../../lib/nav'
import { formatTime } from '../../../lib/time'
import { Tag } from '../../../ui'
import { aftersaleDetailPath, aftersaleListPath } from '../../aftersale/shared/paths'

/**
 * What after-sales did to the order: per line the units refunded or a request in progress, the requests
 * themselves, and the total refunded. Nothing at all for an order without after-sales.
 */
export function AftersaleSection({ order }: { order: OrderDetail }) {
  // read defensively: an older server omits the after-sales fields
  const refunds = (order.lineRefunds ?? []).filter((r) => r.refundedQuantity > 0 || r.openAftersaleId)
  const requests = order.aftersales ?? []
  const refunded = order.refundedAmount ?? 0
  if (refunds.length === 0 && requests.length === 0 && refunded === 0) return null
  const title = (skuId: string) => order.lines.find((l) => l.skuId === skuId)?.title ?? skuId
  return (
    <View className="order-block order-aftersale">
      <View className="order-aftersale__title">
        售后
        <Text className="order-aftersale__all" onClick={() => openPath(aftersaleListPath(order.id))}>
          全部售后 ›
        </Text>
      </View>
      {refunds.map((r) => (
        <View key={r.skuId} className="order-aftersale__line">
          <Text className="order-aftersale__name">{title(r.skuId)}</Text>
          <View className="order-aftersale__tags">
            {r.refundedQuantity > 0 ? (
              <Tag type="success">
                已退款 {r.refundedQuantity} 件 {formatPrice(r.refundedAmount)}
              </Tag>
            ) : null}
            {r.openAftersaleId ? (
              <Text
                className="order-aftersale__open"
                onClick={() => openPath(aftersaleDetailPath(r.openAftersaleId!))}
              >
                售后中 ›
              </Text>
            ) : null}
          </View>
        </View>
      ))}
      {requests.map((a) => {
        // the request's latest step, so the order page tells its progress without opening it
        const last = a.timeline?.[a.timeline.length - 1]
        return (
          <View key={a.id} onClick={() => openPath(aftersaleDetailPath(a.id))}>
            <View className="order-aftersale__request">
              <Text className="order-aftersale__no">{a.aftersaleNo}</Text>
              <Text className="order-aftersale__status">
                {a.statusLabel} · {formatPrice(a.amount)} ›
              </Text>
            </View>
            {last ? (
              <Text className="order-aftersale__step">
                {formatTime(last.at)} {last.text}
              </Text>
            ) : null}
          </View>
        )
      })}
      {refunded > 0 ? (
        <View className="order-aftersale__total">
          售后已退款 <Text className="order-aftersale__amount">{formatPrice(refunded)}</Text>
        </View>
      ) : null}
    </View>
  )
}
