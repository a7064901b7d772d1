import { useState } from 'react'
import { Empty, Screen, Tabs } from '../../../ui'

const TABS = ['可使用', '已使用', '已过期']

// Filled by the marketing issue (coupon.* actions).
export default function Coupons() {
  const [active, setActive] = useState(0)
  return (
    <Screen>
      <Tabs tabs={TABS} active={active} onChange={setActive} />
      <Empty description={`暂无${TABS[active]}的优惠券`} />
    </Screen>
  )
}
