import { View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { openPath } from '../../../lib/nav'
import { Empty, GoodsAction, Screen, toast } from '../../../ui'
import './index.css'

// Filled by the catalogue issue (goods.detail action); the shell already has the bottom action bar.
export default function GoodsDetail() {
  const { params } = useRouter()
  return (
    <Screen className="goods-detail">
      <Empty description={params.id ? `商品 ${params.id} 的详情即将上线` : '商品不存在'} />
      <View className="goods-detail__spacer" />
      <GoodsAction
        icons={[
          { icon: 'shop-o', text: '首页', onClick: () => openPath('/pages/home/index') },
          { icon: 'cart-o', text: '购物车', onClick: () => openPath('/pages/cart/index') },
        ]}
        buttons={[
          { text: '加入购物车', type: 'warning', onClick: () => toast('即将上线') },
          { text: '立即购买', type: 'danger', onClick: () => toast('即将上线') },
        ]}
      />
    </Screen>
  )
}
