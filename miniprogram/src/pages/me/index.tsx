import { Text, View } from '@tarojs/components'
import type { OrderCounts } from '@mall/contract'
import { call } from '../../api'
import { formatPrice } from '../../lib/money'
import { openPath } from '../../lib/nav'
import { Cell, Icon, Screen } from '../../ui'
import { badgeText } from '../../ui/badge'
import { DevIdentityPicker } from './DevIdentityPicker'
import { MemberHeader } from './MemberHeader'
import { useShopperData } from './useShopperData'
import { useCartBadge } from '../../lib/cartBadge'
import './index.css'

const ORDER_SHORTCUTS: Array<{ icon: string; text: string; status: string; count?: keyof OrderCounts }> = [
  { icon: 'pending-payment', text: '待付款', status: 'awaitingPayment', count: 'awaitingPayment' },
  { icon: 'orders-o', text: '待发货', status: 'paid', count: 'paid' },
  { icon: 'logistics', text: '待收货', status: 'shipped', count: 'shipped' },
  { icon: 'success', text: '已完成', status: 'received' },
]

export default function Me() {
  useCartBadge()
  const balance = useShopperData(() => call('user.wallet', { limit: 1 }).then((w) => w.balance)).data
  const counts = useShopperData(() => call('order.counts', {})).data
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
              <View className="me__shortcut-icon">
                <Icon name={s.icon} size="24px" color="#323233" />
                {s.count && counts?.[s.count] ? (
                  <Text className="me__badge">{badgeText(counts[s.count])}</Text>
                ) : null}
              </View>
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
