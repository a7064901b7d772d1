import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { openPath } from '../../../lib/nav'
import { Button, Empty, Screen, Tabs } from '../../../ui'

const STATUSES = [
  { key: 'all', title: '全部' },
  { key: 'pending', title: '待付款' },
  { key: 'paid', title: '待发货' },
  { key: 'shipped', title: '待收货' },
  { key: 'aftersale', title: '售后' },
]

// Filled by the order issue (order.list action).
export default function OrderList() {
  const { params } = useRouter()
  const [active, setActive] = useState(
    Math.max(
      0,
      STATUSES.findIndex((s) => s.key === params.status),
    ),
  )
  return (
    <Screen>
      <Tabs tabs={STATUSES.map((s) => s.title)} active={active} onChange={setActive} />
      <Empty description={`暂无${active === 0 ? '' : STATUSES[active].title}订单`}>
        <Button round size="small" onClick={() => openPath('/pages/home/index')}>
          去逛逛
        </Button>
      </Empty>
    </Screen>
  )
}
