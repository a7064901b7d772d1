import { View } from '@tarojs/components'
import { Cell, Empty, Screen } from '../../../ui'

// Hidden merchant area: opened by path only (admins bookmark it); every action is checked server-side.
export default function AdminHome() {
  return (
    <Screen>
      <View style={{ margin: '12px', borderRadius: '8px', overflow: 'hidden' }}>
        <Cell title="商品管理" label="即将上线" />
        <Cell title="订单管理" label="即将上线" />
        <Cell title="营销活动" label="即将上线" />
      </View>
      <Empty description="请使用管理员账号访问" />
    </Screen>
  )
}
