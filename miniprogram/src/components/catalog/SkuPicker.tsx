import type { ProductDetail } from '@mall/contract'
import { Image, Text, View } from '@tarojs/components'
import { formatPrice } from '../../lib/money'
import { Button, Popup, Stepper } from '../../ui'
import { selectedSku, stockText, valueDisabled, type Selection } from './sku'
import './catalog.css'

export type PickerMode = 'cart' | 'buy' | 'select'

export interface SkuPickerProps {
  show: boolean
  mode: PickerMode
  product: ProductDetail
  selection: Selection
  quantity: number
  busy?: boolean
  onSelect: (selection: Selection) => void
  onQuantity: (quantity: number) => void
  onConfirm: (mode: 'cart' | 'buy') => void
  onClose: () => void
}

/** The spec matrix: per-value availability, the chosen SKU's price and stock, a stock-bounded quantity. */
export function SkuPicker(p: SkuPickerProps) {
  const sku = selectedSku(p.product, p.selection)
  const available = sku !== null && !sku.soldOut && sku.stock > 0
  const shown = sku
    ? (sku.campaignPrice ?? sku.price)
    : (p.product.price.campaign?.min ?? p.product.price.min)
  const missing = p.product.specs.filter((s) => !p.selection[s.name]).map((s) => s.name)
  const toggle = (name: string, value: string) => {
    const next = { ...p.selection }
    if (next[name] === value) delete next[name]
    else next[name] = value
    p.onSelect(next)
  }
  return (
    <Popup show={p.show} position="bottom" round closeable onClose={p.onClose}>
      <View className="sku-picker">
        <View className="sku-picker__head">
          <Image
            className="sku-picker__image"
            src={sku?.image || p.product.images[0] || ''}
            mode="aspectFill"
          />
          <View className="sku-picker__summary">
            <Text className="sku-picker__price">{formatPrice(shown)}</Text>
            {sku?.campaignPrice !== undefined ? <Text className="sku-picker__member">活动价</Text> : null}
            {sku?.memberPrice !== undefined && sku.memberPrice < shown ? (
              <Text className="sku-picker__member">会员价 {formatPrice(sku.memberPrice)}</Text>
            ) : null}
            <Text className={`sku-picker__stock${sku?.fewLeft != null ? ' sku-picker__stock--few' : ''}`}>
              {stockText(sku)}
            </Text>
            <Text className="sku-picker__chosen">
              {missing.length > 0 ? `请选择 ${missing.join(' ')}` : `已选 ${sku?.specText ?? ''}`}
            </Text>
          </View>
        </View>
        {p.product.specs.map((spec) => (
          <View key={spec.name} className="sku-picker__spec">
            <View className="sku-picker__spec-name">{spec.name}</View>
            <View className="sku-picker__values">
              {spec.values.map((v) => {
                const disabled = valueDisabled(p.product, p.selection, spec.name, v.value, v.soldOut)
                const active = p.selection[spec.name] === v.value
                const cls = ['sku-picker__value']
                if (active) cls.push('sku-picker__value--active')
                if (disabled) cls.push('sku-picker__value--disabled')
                return (
                  <View
                    key={v.value}
                    className={cls.join(' ')}
                    aria-disabled={disabled}
                    onClick={() => (!disabled || active) && toggle(spec.name, v.value)}
                  >
                    {v.value}
                  </View>
                )
              })}
            </View>
          </View>
        ))}
        <View className="sku-picker__quantity">
          <Text>购买数量</Text>
          <Stepper
            value={p.quantity}
            min={1}
            max={available ? sku.stock : 1}
            disabled={!available}
            onChange={p.onQuantity}
          />
        </View>
        <View className="sku-picker__actions">
          {p.mode !== 'buy' ? (
            <View className="sku-picker__confirm sku-picker__confirm--cart">
              <Button type="warning" round block loading={p.busy} onClick={() => p.onConfirm('cart')}>
                加入购物车
              </Button>
            </View>
          ) : null}
          {p.mode !== 'cart' ? (
            <View className="sku-picker__confirm sku-picker__confirm--buy">
              <Button type="danger" round block loading={p.busy} onClick={() => p.onConfirm('buy')}>
                立即购买
              </Button>
            </View>
          ) : null}
        </View>
      </View>
    </Popup>
  )
}
