import type { CartView } from '../../components/order/types'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, call } from '../../api'
import { checkoutPath } from '../../components/order/paths'
import { formatPrice } from '../../lib/money'
import { openPath } from '../../lib/nav'
import { mergeLocalCart, useCart } from '../../stores/cart'
import { Button, Checkbox, Empty, Screen, Skeleton, SubmitBar, confirm, toast } from '../../ui'
import { CartItem } from './CartItem'
import { LocalCart } from './LocalCart'
import { noteCart } from '../../lib/cartBadge'
import './index.css'

type Load = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; cart: CartView }

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

export default function Cart() {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [busy, setBusy] = useState(false)
  const localCount = useCart((s) => s.lines.length)
  const inFlight = useRef(false)

  // One call: the local cart merged into the server cart (which answers with the cart), or cart.get.
  const fetchCart = useCallback(async () => {
    try {
      const merged = await mergeLocalCart((lines) => call('cart.merge', { lines }))
      const cart = merged ?? (await call('cart.get', {}))
      noteCart(cart, true)
      setLoad({ state: 'ready', cart })
    } catch (e) {
      setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [])

  useEffect(() => {
    void fetchCart()
  }, [fetchCart])
  // back on the tab (after adding on a detail page or ordering): the first show is the mount above
  const firstShow = useRef(true)
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else void fetchCart()
  })
  usePullDownRefresh(() => {
    void fetchCart().finally(() => Taro.stopPullDownRefresh())
  })

  /** Every change goes to the server, which answers with the whole cart; one change at a time. */
  const change = async (run: () => Promise<CartView>) => {
    if (inFlight.current) return
    inFlight.current = true
    setBusy(true)
    try {
      const cart = await run()
      noteCart(cart, true)
      setLoad({ state: 'ready', cart })
    } catch (e) {
      toast(asApiError(e).message)
    } finally {
      inFlight.current = false
      setBusy(false)
    }
  }

  if (load.state === 'loading') {
    return (
      <Screen className="cart">
        <Skeleton loading rows={6} title />
      </Screen>
    )
  }
  if (load.state === 'error') {
    // the server does not know the shopper yet: the device's cart is still usable
    if (load.error.code === 'UNAUTHENTICATED' && localCount > 0) return <LocalCart />
    return (
      <Screen className="cart">
        <Empty image="network" description={load.error.message}>
          <Button type="danger" round size="small" onClick={() => void fetchCart()}>
            重新加载
          </Button>
        </Empty>
      </Screen>
    )
  }

  const { cart } = load
  if (cart.items.length === 0) {
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
  const selectable = cart.items.filter((i) => !i.flags.offShelf && !i.flags.missing)
  const allSelected = selectable.length > 0 && selectable.every((i) => i.selected)
  const removeSelected = async () => {
    const ids = cart.items.filter((i) => i.selected).map((i) => i.skuId)
    if (ids.length === 0) return toast('请选择要删除的商品')
    if (await confirm({ message: `确定删除选中的 ${ids.length} 件商品吗？` }))
      await change(() => call('cart.remove', { skuIds: ids }))
  }
  const removeOne = async (skuId: string) => {
    if (await confirm({ message: '确定删除这件商品吗？' }))
      await change(() => call('cart.remove', { skuIds: [skuId] }))
  }
  return (
    <Screen className="cart">
      <View className="cart__head">
        <Text>共 {cart.items.length} 件商品</Text>
        <Text className="cart__remove" onClick={() => void removeSelected()}>
          删除选中
        </Text>
      </View>
      {cart.items.map((item) => (
        <CartItem
          key={item.skuId}
          item={item}
          busy={busy}
          onSelect={(selected) => void change(() => call('cart.select', { skuId: item.skuId, selected }))}
          onQuantity={(quantity) =>
            void change(() => call('cart.setQuantity', { skuId: item.skuId, quantity }))
          }
          onRemove={() => void removeOne(item.skuId)}
        />
      ))}
      <View className="cart__summary">
        <Text>已选 {cart.selectedCount} 件</Text>
        {cart.discountTotal > 0 ? (
          <Text className="cart__saving">已优惠{formatPrice(cart.discountTotal)}</Text>
        ) : null}
      </View>
      {cart.hints.map((h) => (
        <View key={h} className="cart__hint">
          {h}
        </View>
      ))}
      <View className="cart__spacer" />
      <SubmitBar
        price={cart.payable}
        label="合计："
        buttonText="去结算"
        disabled={cart.selectedCount === 0 || busy}
        onSubmit={() => openPath(checkoutPath())}
      >
        <Checkbox
          checked={allSelected}
          disabled={busy || selectable.length === 0}
          onChange={(selected) => void change(() => call('cart.select', { selected }))}
        >
          全选
        </Checkbox>
      </SubmitBar>
    </Screen>
  )
}
