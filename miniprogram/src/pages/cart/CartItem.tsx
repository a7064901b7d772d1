import type { CartItemView } from '../../components/order/types'
import { Image, Text, View } from '@tarojs/components'
import { formatPrice } from '../../lib/money'
import { Checkbox, Stepper, Tag } from '../../ui'

interface Props {
  item: CartItemView
  busy: boolean
  onSelect: (selected: boolean) => void
  onQuantity: (quantity: number) => void
  onRemove: () => void
}

const specText = (specs: Record<string, string>) => Object.values(specs).join(' / ')

/** One server cart line with its flags; every number shown is the server's. */
export function CartItem({ item, busy, onSelect, onQuantity, onRemove }: Props) {
  const { flags } = item
  const gone = flags.offShelf || flags.missing
  const lowStock = !gone && (flags.outOfStock || flags.insufficientStock)
  return (
    <View className={`cart-item${gone ? ' cart-item--gone' : ''}`}>
      <Checkbox checked={item.selected} disabled={gone || busy} onChange={onSelect} />
      <Image className="cart__image" src={item.image} mode="aspectFill" />
      <View className="cart__info">
        <View className="cart__title">{item.title}</View>
        <View className="cart__spec">{specText(item.specs)}</View>
        <View className="cart-item__flags">
          {gone ? <Tag type="default">已下架</Tag> : null}
          {lowStock ? <Tag type="danger">库存不足</Tag> : null}
          {lowStock && item.stock > 0 ? <Text className="cart-item__note">仅剩{item.stock}件</Text> : null}
          {!gone && flags.priceChanged ? (
            <>
              <Tag type="warning" plain>
                价格变动
              </Tag>
              <Text className="cart-item__note">
                {item.unitPrice < item.addedPrice
                  ? `比加入时降${formatPrice(item.addedPrice - item.unitPrice)}`
                  : `比加入时涨${formatPrice(item.unitPrice - item.addedPrice)}`}
              </Text>
            </>
          ) : null}
        </View>
        <View className="cart__bottom">
          <Text className="cart__price">{formatPrice(item.unitPrice)}</Text>
          <Stepper
            value={item.quantity}
            max={Math.max(item.quantity, Math.min(999, item.stock))}
            disabled={gone || busy}
            onChange={onQuantity}
          />
        </View>
      </View>
      <Text className="cart-item__delete" onClick={onRemove}>
        删除
      </Text>
    </View>
  )
}
