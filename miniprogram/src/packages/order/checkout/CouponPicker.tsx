import { View } from '@tarojs/components'
import type { CheckoutPreview } from '../../../components/order/types'
import { formatPrice } from '../../../lib/money'
import { Popup, RadioGroup } from '../../../ui'

interface Props {
  show: boolean
  coupons: CheckoutPreview['coupons']
  /** a coupon id or 'none' */
  value: string
  onClose: () => void
  onChange: (choice: string) => void
}

/** The server picked the best coupon; the shopper may pick another applicable one or 不使用. */
export function CouponPicker({ show, coupons, value, onClose, onChange }: Props) {
  const options = [
    ...coupons.map((c) => ({
      name: c.id,
      label: c.applicable
        ? `${c.title}（省${formatPrice(c.saving)}）`
        : `${c.title}（${c.reason ?? '不可用'}）`,
      disabled: !c.applicable,
    })),
    { name: 'none', label: '不使用优惠券' },
  ]
  return (
    <Popup show={show} position="bottom" round closeable onClose={onClose}>
      <View className="coupon-picker">
        <View className="coupon-picker__title">选择优惠券</View>
        <RadioGroup value={value} options={options} onChange={onChange} />
      </View>
    </Popup>
  )
}
