import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ReturnAddress } from '@mall/contract'
import { toast } from '../../../ui'
import { requirePrivacy } from '../../../stores/privacy'

/** Where the parcel goes: one tap copies name, phone and address for the courier's form. */
export function ReturnAddressCard({ address }: { address: ReturnAddress }) {
  const copy = async () => {
    // the clipboard is a privacy API: never before consent
    if (!(await requirePrivacy())) return
    const text = `${address.name} ${address.phone} ${address.address}`
    Taro.setClipboardData({ data: text })
      .then(() => toast('已复制退货地址'))
      .catch(() => toast('复制失败，请手动记录'))
  }
  return (
    <View className="as-block">
      <View className="as-block__title">
        退货地址
        <Text className="as-copy" onClick={() => void copy()}>
          复制
        </Text>
      </View>
      <View className="return-address__who">
        <Text>{address.name}</Text>
        <Text className="return-address__phone">{address.phone}</Text>
      </View>
      <View className="return-address__text">{address.address}</View>
    </View>
  )
}
