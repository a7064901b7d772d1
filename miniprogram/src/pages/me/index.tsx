import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { call } from '../../api'
import { formatPrice } from '../../lib/money'
import { openPath } from '../../lib/nav'
import { Cell, Icon, Screen } from '../../ui'
import { DevIdentityPicker } from './DevIdentityPicker'
import { MemberHeader } from './MemberHeader'
import './index.css'

const ORDER_SHORTCUTS = [
  { icon: 'pending-payment', text: '待付款', status: 'awaitingPayment' },
  { icon: 'orders-o', text: '待发货', status: 'paid' },
  { icon: 'logistics', text: '待收货', status: 'shipped' },
  { icon: 'success', text: '已完成', status: 'received' },
]

export default function Me() {
  const [balance, setBalance] = useState<number | null>(null)
  // Re-read on every show: a balance payment elsewhere changes it.
  useDidShow(() => {
    call('user.wallet', { limit: 1 }).then(
      (w) => setBalance(w.balance),
      () => setBalance(null),
    )
  })
  return (
    <Screen className="me">
      <MemberHeader />
      <View className="me__group">
        <Cell
          title="我的订单"
          value="全部订单"
          isLink
          onClick={() => openPath('/packages/order/list/index')}
        />
        <View className="me__shortcuts">
          {ORDER_SHORTCUTS.map((s) => (
            <View
              key={s.status}
              className="me__shortcut"
              onClick={() => openPath(`/packages/order/list/index?status=${s.status}`)}
            >
              <Icon name={s.icon} size="24px" color="#323233" />
              <Text className="me__shortcut-text">{s.text}</Text>
            </View>
          ))}
        </View>
      </View>
      <View className="me__group">
        <Cell
          title="我的钱包"
          value={balance === null ? '--' : formatPrice(balance)}
          isLink
          onClick={() => openPath('/packages/wallet/index/index')}
        />
        <Cell title="会员中心" isLink onClick={() => openPath('/packages/user/member/index')} />
        <Cell title="我的积分" isLink onClick={() => openPath('/packages/user/points/index')} />
        <Cell title="优惠券" isLink onClick={() => openPath('/packages/marketing/coupons/index')} />
        <Cell title="收货地址" isLink onClick={() => openPath('/packages/user/addresses/index')} />
        <Cell title="我的收藏" isLink onClick={() => openPath('/packages/user/favorites/index')} />
        <Cell title="我的足迹" isLink onClick={() => openPath('/packages/user/footprints/index')} />
      </View>
      <DevIdentityPicker />
    </Screen>
  )
}
