import { View } from '@tarojs/components'
import type { AftersaleView } from '@mall/contract'
import { useState } from 'react'
import { ApiError, call } from '../../../api'
import { Button, Field, RadioGroup } from '../../../ui'

const CARRIERS = ['顺丰速运', '中通快递', '圆通速递', '韵达快递', '申通快递', '京东物流', 'EMS', '其他']

/** The shopper's parcel back to the merchant: carrier + tracking number -> aftersale.shipBack. */
export function ShipBackForm({ id, onDone }: { id: string; onDone: (view: AftersaleView) => void }) {
  const [carrier, setCarrier] = useState(CARRIERS[0]!)
  const [other, setOther] = useState('')
  const [trackingNo, setTrackingNo] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const send = async () => {
    if (busy) return
    const name = carrier === '其他' ? other.trim() : carrier
    if (!name) return setError('请填写快递公司')
    if (!/^[A-Za-z0-9-]{4,40}$/.test(trackingNo.trim())) return setError('请填写正确的运单号')
    setBusy(true)
    setError('')
    try {
      onDone(
        await call('aftersale.shipBack', { aftersaleId: id, carrier: name, trackingNo: trackingNo.trim() }),
      )
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请重试')
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="as-block ship-back">
      <View className="as-block__title">填写退货物流</View>
      <View className="as-form__label">快递公司</View>
      <RadioGroup
        value={carrier}
        direction="horizontal"
        options={CARRIERS.map((c) => ({ name: c, label: c }))}
        onChange={setCarrier}
      />
      {carrier === '其他' ? (
        <Field
          label="快递公司"
          value={other}
          maxlength={30}
          placeholder="请输入快递公司"
          onChange={setOther}
        />
      ) : null}
      <Field
        label="运单号"
        value={trackingNo}
        maxlength={40}
        placeholder="请输入运单号"
        errorMessage={error || undefined}
        onChange={setTrackingNo}
      />
      <View className="as-form__actions">
        <Button type="danger" round block loading={busy} onClick={() => void send()}>
          提交运单号
        </Button>
      </View>
    </View>
  )
}
