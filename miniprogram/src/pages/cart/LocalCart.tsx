import { Image, Text, View } from '@tarojs/components'
import { formatPrice } from '../../lib/money'
import { openPath } from '../../lib/nav'
import { cartStore, checkedTotal, useCart } from '../../stores/cart'
import { Button, Checkbox, Empty, Screen, Stepper, SubmitBar, confirm, toast } from '../../ui'
import { errorMessage } from '@mall/contract'

/** The cart kept on the device when the server does not know the shopper yet (merged after sign-in). */
export function LocalCart() {
  const lines = useCart((s) => s.lines)
  if (lines.length === 0) {
    return (
      <Screen className="cart">
        <Empty description="购物车还是空的">
          <Button type="danger" round size="small" onClick={() => openPath('/pages/home/index')}>
            去逛逛
          </Button>
        </Empty>
      </Screen>
    )
  }
  const cart = cartStore.getState()
  const allChecked = lines.every((l) => l.checked)
  const count = lines.reduce((n, l) => (l.checked ? n + l.quantity : n), 0)
  const removeChecked = async () => {
    const ids = lines.filter((l) => l.checked).map((l) => l.skuId)
    if (ids.length === 0) return toast('请选择要删除的商品')
    if (await confirm({ message: `确定删除选中的 ${ids.length} 件商品吗？` })) cart.remove(ids)
  }
  return (
    <Screen className="cart">
      <View className="cart__head">
        <Text>共 {lines.length} 件商品</Text>
        <Text className="cart__remove" onClick={() => void removeChecked()}>
          删除
        </Text>
      </View>
      {lines.map((l) => (
        <View key={l.skuId} className="cart__line">
          <Checkbox checked={l.checked} onChange={() => cart.toggle(l.skuId)} />
          <Image className="cart__image" src={l.image} mode="aspectFill" />
          <View className="cart__info">
            <View className="cart__title">{l.title}</View>
            <View className="cart__spec">{l.specText}</View>
            <View className="cart__bottom">
              <Text className="cart__price">{formatPrice(l.price)}</Text>
              <Stepper
                value={l.quantity}
                onChange={(q) => {
                  const r = cart.setQuantity(l.skuId, q)
                  if (!r.ok) toast(errorMessage(r.code))
                }}
              />
            </View>
          </View>
        </View>
      ))}
      <SubmitBar
        price={checkedTotal(lines)}
        buttonText={`结算(${count})`}
        disabled={count === 0}
        onSubmit={() => toast('请先登录后结算')}
      >
        <Checkbox checked={allChecked} onChange={(c) => cart.toggleAll(c)}>
          全选
        </Checkbox>
      </SubmitBar>
    </Screen>
  )
}
