import { View } from '@tarojs/components'
import type { AdminAftersaleDetail } from '@mall/contract'
import { useState } from 'react'
import { ApiError, call } from '../../../../api'
import { Button, Field, Popup } from '../../../../ui'

interface Props {
  id: string
  onClose: () => void
  onDone: (view: AdminAftersaleDetail) => void
}

/** A refusal always carries its reason: the shopper reads it on the request. */
export function RejectForm({ id, onClose, onDone }: Props) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const reject = async () => {
    if (busy) return
    if (!reason.trim()) return setError('请填写拒绝原因')
    setBusy(true)
    setError('')
    try {
      onDone(await call('admin.aftersales.reject', { aftersaleId: id, reason: reason.trim() }))
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '操作失败，请重试')
    } finally {
      setBusy(false)
    }
  }
  return (
    <Popup show position="bottom" round closeable onClose={onClose}>
      <View className="as-form">
        <View className="as-form__title">拒绝售后申请</View>
        <Field
          label="拒绝原因"
          type="textarea"
          required
          value={reason}
          maxlength={100}
          placeholder="买家会看到这个原因"
          errorMessage={error || undefined}
          onChange={setReason}
        />
        <View className="as-form__actions">
          <Button type="danger" round block loading={busy} onClick={() => void reject()}>
            确认拒绝
          </Button>
        </View>
      </View>
    </Popup>
  )
}
