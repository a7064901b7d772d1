import { Button, Empty, Screen, toast } from '../../../ui'

// Filled by the user issue (address.* actions).
export default function Addresses() {
  return (
    <Screen>
      <Empty description="还没有收货地址">
        <Button type="danger" round onClick={() => toast('新增地址即将上线')}>
          新增收货地址
        </Button>
      </Empty>
    </Screen>
  )
}
