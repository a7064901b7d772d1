import { View } from '@tarojs/components'
import type { AftersaleView } from '@mall/contract'
import { useState } from 'react'
import { ApiError, call } from '../../../api'
import { Button, Field } from '../../../ui'
import { Stars } from '../shared/Stars'

/** The service rating, once per request; shown read-only after it is given. */
export function RateForm({ id, onDone }: { id: string; onDone: (view: AftersaleView) => void }) {
  const [score, setScore] = useState(0)
  const [comment, setComment] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const send = async () => {
    if (busy) return
    if (score === 0) return setError('请选择评分')
    setBusy(true)
    setError('')
    try {
      onDone(await call('aftersale.rate', { aftersaleId: id, score, comment: comment.trim() || undefined }))
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '提交失败，请重试')
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className="as-block rate-form">
      <View className="as-block__title">评价本次售后服务</View>
      <Stars value={score} onChange={setScore} />
      <Field
        type="textarea"
        value={comment}
        maxlength={200}
        placeholder="说说您对本次售后服务的感受（选填）"
        errorMessage={error || undefined}
        onChange={setComment}
      />
      <View className="as-form__actions">
        <Button type="danger" round block loading={busy} onClick={() => void send()}>
          提交评价
        </Button>
      </View>
    </View>
  )
}
