import type { Address } from './types'
import { Text, View } from '@tarojs/components'
import './order.css'

type Shown = Pick<Address, 'name' | 'phone' | 'province' | 'city' | 'district' | 'detail'>

export function AddressCard({ address, onClick }: { address: Shown | null; onClick?: () => void }) {
  return (
    <View className="order-block address-card" onClick={() => onClick?.()}>
      {address ? (
        <View className="address-card__body">
          <View className="address-card__who">
            <Text>{address.name}</Text>
            <Text className="address-card__phone">{address.phone}</Text>
          </View>
          <View className="address-card__where">
            {address.province} {address.city} {address.district} {address.detail}
          </View>
        </View>
      ) : (
        <View className="address-card__empty">请添加收货地址</View>
      )}
      {onClick ? <Text className="address-card__arrow">›</Text> : null}
    </View>
  )
}
