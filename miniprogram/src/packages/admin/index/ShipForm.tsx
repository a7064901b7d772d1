import { Text, View } from '@tarojs/components'
import type { AdminOrderReceiver } from '@mall/contract'
import { useEffect, useState } from 'react'
import { ApiError, call } from '../../../api'
import type { AdminOrderRow } from '../../../components/order/types'
import { Button, Field, Popup, RadioGroup } from '../../../ui'

export const CARRIERS = ['顺丰速运', '中通快递', '圆通速递', '韵达快递', '申通快递', '京东物流', 'EMS']

interface Props {
  order: AdminOrderRow
  onClose: () => void
  onShipped: () => void
}

type Receiver =
  { state: 'loading' } | { state: 'ready'; to: AdminOrderReceiver } | { state: 'error'; message: string }

/**
 * Whom the parcel goes to, phone in full for the waybill: the one merchant screen that opens it
 * (admin.orders.receiver, audited), so lists only ever carry the mask.
 */
function ReceiverCard({ orderId }: { orderId: string }) {
  const [r, setR] = useState<Receiver>({ state: 'loading' })
  useEffect(() => {
    let live = true
    call('admin.orders.receiver', { orderId }).then(
      (to) => live && setR({ state: 'ready', to }),
      (e: unknown) =>
        live && setR({ state: 'error', message: e instanceof ApiError ? e.message : '收货信息加载失败' }),
    )
    return () => {
      live = false
    }
  }, [orderId])
  if (r.state !== 'ready')
    return (
      <View className="ship-form__receiver ship-form__receiver--muted">
        {r.state === 'loading' ? '收货信息加载中…' : r.message}
      </View>
    )
  return (
    <View className="ship-form__receiver">
      <View>
        <Text className="ship-form__receiver-name">{r.to.name}</Text>
        <Text className="ship-form__receiver-phone">{r.to.phone}</Text>
      </View>
      <View className="ship-form__receiver-address">{r.to.address}</View>
    </View>
  )
}

/** Carrier + tracking number -> admin.orders.ship; the server's message is shown under the form. */
export function ShipForm({ order, onClose, onShipped }: Props) {
  const [carrier, setCarrier] = useState(CARRIERS[0])
  const [trackingNo, setTrackingNo] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const ship = async () => {
    if (busy) return
    if (trackingNo.trim() === '') return setError('请填写运单号')
    setBusy(true)
    setError('')
    try {
      await call('admin.orders.ship', { orderId: order.id, carrier, trackingNo: trackingNo.trim() })
      onShipped()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '发货失败')
    } finally {
      setBusy(false)
    }
  }
  return (
    <Popup show position="bottom" round closeable onClose={onClose}>
      <View className="ship-form">
        <View className="ship-form__title">发货 · {order.orderNo}</View>
        <ReceiverCard orderId={order.id} />
        <View className="ship-form__label">物流公司</View>
        <View className="ship-form__carriers">
          <RadioGroup
            value={carrier}
            direction="horizontal"
            options={CARRIERS.map((c) => ({ name: c, label: c }))}
            onChange={setCarrier}
          />
        </View>
        <Field
          label="运单号"
          value={trackingNo}
          placeholder="请输入运单号"
          maxlength={40}
          errorMessage={error || undefined}
          onChange={setTrackingNo}
        />
        <View className="ship-form__actions">
          <Button type="danger" round block loading={busy} onClick={() => void ship()}>
            确认发货
          </Button>
        </View>
      </View>
    </Popup>
  )
}
