import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, call } from '../../../api'
import { AddressCard } from '../../../components/order/AddressCard'
import { takePickedAddress } from '../../../components/order/addressPick'
import { Breakdown } from '../../../components/order/Breakdown'
import { OrderLines } from '../../../components/order/OrderLines'
import { PaySheet } from '../../../components/order/PaySheet'
import { addressesPath, isWeapp, orderDetailPath } from '../../../components/order/paths'
import { newRequestId } from '../../../components/order/requestId'
import type { CheckoutPreview, CheckoutSource, OrderDetail } from '../../../components/order/types'
import { openPath } from '../../../lib/nav'
import { requirePrivacy } from '../../../stores/privacy'
import { formatPrice } from '../../../lib/money'
import { Button, Cell, Checkbox, Empty, Field, Screen, Skeleton, SubmitBar, toast } from '../../../ui'
import { CouponPicker } from './CouponPicker'
import './index.css'

type Load =
  { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; preview: CheckoutPreview }

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

/** cart (no params), buy now (?skuId=&quantity=) or buy again (?orderId=) */
export function sourceOf(params: Record<string, string | undefined>): CheckoutSource {
  if (params.orderId) return { kind: 'buyAgain', orderId: params.orderId }
  if (params.skuId) {
    const quantity = Number(params.quantity ?? 1)
    return { kind: 'buyNow', skuId: params.skuId, quantity: Number.isInteger(quantity) ? quantity : 1 }
  }
  return { kind: 'cart' }
}

/** 积分: what this order could take off, and a tick to use it (what it took off once ticked). */
function PointsRow({
  preview,
  on,
  onChange,
}: {
  preview: CheckoutPreview
  on: boolean
  onChange: (on: boolean) => void
}) {
  const usable = preview.pointsMax > 0
  const label =
    on && preview.pointsUsed > 0
      ? `已用 ${preview.pointsUsed} 积分，抵扣 ${formatPrice(preview.pointsDeduction)}`
      : usable
        ? `可用 ${preview.pointsMax} 积分抵扣 ${formatPrice(preview.pointsMaxDeduction)}`
        : `共 ${preview.pointsAvailable} 积分，本单不可用`
  return (
    <View className="checkout__points" onClick={() => usable && onChange(!on)}>
      <Text className="checkout__points-title">积分</Text>
      <Text className="checkout__points-value">{label}</Text>
      <Checkbox checked={on && usable} disabled={!usable} onChange={(v) => usable && onChange(v)} />
    </View>
  )
}

/** Answers after which the order may or may not exist: only these retry under the same request id. */
const UNSURE = new Set(['NETWORK', 'INTERNAL', 'FUNCTION_FAILED', 'DUPLICATE_REQUEST', 'CONFLICT'])

export default function Checkout() {
  const { params } = useRouter()
  const source = useRef(sourceOf(params)).current
  // one id per attempt: a retried submit (timeout, double tap) names the same order; after a definite
  // refusal the server remembers that answer for the id, so the next attempt takes a new one
  const requestId = useRef(newRequestId())
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [addressId, setAddressId] = useState<string | undefined>(undefined)
  const [coupon, setCoupon] = useState<string>('auto')
  // points are opt-in: the server caps what it takes (share of the payable, the balance)
  const [usePoints, setUsePoints] = useState(false)
  // the most this order can take, as the last preview said (never more than the shopper holds)
  const pointsMax = useRef(0)
  const [remark, setRemark] = useState('')
  const [showCoupons, setShowCoupons] = useState(false)
  const [submitting, setSubmitting] = useState(false)
  const [submitError, setSubmitError] = useState<ApiError | null>(null)
  const [order, setOrder] = useState<OrderDetail | null>(null)

  const fetchPreview = useCallback(async () => {
    try {
      const points = usePoints ? pointsMax.current : 0
      const preview = await call('order.preview', { source, addressId, coupon, points })
      pointsMax.current = preview.pointsMax
      setLoad({ state: 'ready', preview })
    } catch (e) {
      setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [source, addressId, coupon, usePoints])

  useEffect(() => {
    void fetchPreview()
  }, [fetchPreview])

  useDidShow(() => {
    const picked = takePickedAddress()
    if (picked) setAddressId(picked)
  })

  const importWechatAddress = async () => {
    try {
      // the address chooser is a privacy API: never before consent
      if (!(await requirePrivacy())) return
      const a = await Taro.chooseAddress()
      const saved = await call('address.save', {
        name: a.userName,
        phone: a.telNumber,
        province: a.provinceName,
        city: a.cityName,
        district: a.countyName,
        detail: a.detailInfo,
        postalCode: a.postalCode || undefined,
      })
      setAddressId(saved.id)
    } catch (e) {
      if (e instanceof ApiError) toast(e.message)
    }
  }

  if (load.state === 'loading') {
    return (
      <Screen className="checkout">
        <Skeleton loading rows={8} title />
      </Screen>
    )
  }
  if (load.state === 'error') {
    return (
      <Screen className="checkout">
        <Empty image="error" description={load.error.message}>
          <Button type="danger" round size="small" onClick={() => void fetchPreview()}>
            重新加载
          </Button>
        </Empty>
      </Screen>
    )
  }

  const { preview } = load
  const goToOrder = (id: string) => void Taro.redirectTo({ url: orderDetailPath(id) })

  const submit = async () => {
    if (submitting) return
    if (order) return setOrder({ ...order }) // already placed: just reopen the payment choice
    if (!preview.address) return toast('请先添加收货地址')
    setSubmitting(true)
    setSubmitError(null)
    try {
      const placed = await call('order.submit', {
        source,
        addressId: preview.address.id,
        coupon: preview.couponId ?? 'none',
        points: preview.pointsUsed,
        remark: remark.trim() || undefined,
        requestId: requestId.current,
        expectedPayable: preview.totals.payable,
      })
      setOrder(placed)
    } catch (e) {
      const err = asApiError(e)
      if (!UNSURE.has(err.code)) requestId.current = newRequestId()
      setSubmitError(err)
      toast(err.message)
      // the amount moved under the shopper: show the new one before they try again
      if (err.code === 'AMOUNT_MISMATCH') void fetchPreview()
    } finally {
      setSubmitting(false)
    }
  }

  const blocked = preview.problems.length > 0 || !preview.address
  const chosen = preview.coupons.find((c) => c.id === preview.couponId)
  const usable = preview.coupons.filter((c) => c.applicable).length
  return (
    <Screen className="checkout">
      <AddressCard address={preview.address} onClick={() => openPath(addressesPath(true))} />
      {isWeapp() ? (
        <View className="checkout__import" onClick={() => void importWechatAddress()}>
          导入微信地址
        </View>
      ) : null}
      <OrderLines lines={preview.lines} />
      {preview.problems.length > 0 ? (
        <View className="order-block checkout__problems">
          {preview.problems.map((p) => (
            <View key={`${p.skuId}-${p.code}`} className="checkout__problem">
              {p.message}
            </View>
          ))}
        </View>
      ) : null}
      <View className="order-block checkout__options">
        <Cell
          title="优惠券"
          value={chosen ? `${chosen.title}` : usable > 0 ? `${usable}张可用` : '不使用'}
          isLink
          onClick={() => setShowCoupons(true)}
        />
        {preview.pointsAvailable > 0 ? (
          <PointsRow preview={preview} on={usePoints} onChange={setUsePoints} />
        ) : null}
        <Field
          label="备注"
          value={remark}
          placeholder="选填，给商家留言"
          maxlength={200}
          onChange={setRemark}
        />
      </View>
      <Breakdown entries={preview.breakdown} totals={preview.totals} />
      {submitError ? (
        <View className="checkout__error">
          <Text>{submitError.message}</Text>
          <Text className="checkout__error-code">（{submitError.code}）</Text>
        </View>
      ) : null}
      <View className="checkout__spacer" />
      <SubmitBar
        price={preview.totals.payable}
        label="实付："
        buttonText="提交订单"
        disabled={blocked}
        loading={submitting}
        onSubmit={() => void submit()}
      />
      <CouponPicker
        show={showCoupons}
        coupons={preview.coupons}
        value={preview.couponId ?? 'none'}
        onClose={() => setShowCoupons(false)}
        onChange={(choice) => {
          setShowCoupons(false)
          setCoupon(choice)
        }}
      />
      {order ? (
        <PaySheet
          show
          orderId={order.id}
          payable={order.totals.payable}
          onClose={() => goToOrder(order.id)}
          onDone={() => goToOrder(order.id)}
        />
      ) : null}
    </Screen>
  )
}
