import { View } from '@tarojs/components'
import type { AdminAdjustResult } from '@mall/contract'
import { useState } from 'react'
import { ApiError, call } from '../../../../api'
import { Button, Field, Popup, RadioGroup } from '../../../../ui'

interface Props {
  openid: string
  book: 'points' | 'wallet'
  onClose: () => void
  onDone: (r: AdminAdjustResult) => void
}

/** A fresh idempotency key per form: a retry after a lost answer is the same adjustment, never a second. */
const newRequestId = () => `adm_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`

/** Points (whole numbers) or balance (yuan, 2 decimals); add or take; a reason is required. */
export function AdjustForm({ openid, book, onClose, onDone }: Props) {
  const [sign, setSign] = useState<'add' | 'take'>('add')
  const [amount, setAmount] = useState('')
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [requestId] = useState(newRequestId)
  const points = book === 'points'

  const parse = (): number | null => {
    const s = amount.trim()
    if (points) return /^\d{1,7}$/.test(s) && Number(s) > 0 ? Number(s) : null
    if (!/^\d{1,6}(\.\d{1,2})?$/.test(s)) return null
    const fen = Math.round(Number(s) * 100)
    return fen > 0 ? fen : null
  }
  const submit = async () => {
    if (busy) return
    const n = parse()
    if (n === null) return setError(points ? '请输入正整数积分' : '请输入金额（元，最多两位小数）')
    const why = reason.trim()
    if (why.length < 2) return setError('请填写调整原因（至少 2 个字）')
    setBusy(true)
    setError('')
    const delta = sign === 'add' ? n : -n
    try {
      onDone(
        points
          ? await call('admin.members.adjustPoints', { openid, delta, reason: why, requestId })
          : await call('admin.members.adjustBalance', { openid, deltaFen: delta, reason: why, requestId }),
      )
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '操作失败，请重试')
    } finally {
      setBusy(false)
    }
  }
  return (
    <Popup show position="bottom" round closeable onClose={onClose}>
      <View className="member-form">
        <View className="member-form__title">{points ? '调整积分' : '调整余额'}</View>
        <RadioGroup
          value={sign}
          direction="horizontal"
          options={[
            { name: 'add', label: points ? '增加' : '增加（赠送金，不可提现）' },
            { name: 'take', label: '扣减' },
          ]}
          onChange={(v) => setSign(v as 'add' | 'take')}
        />
        <Field
          label={points ? '积分' : '金额（元）'}
          type={points ? 'number' : 'digit'}
          required
          value={amount}
          placeholder={points ? '例如 100' : '例如 10.00'}
          onChange={setAmount}
        />
        <Field
          label="调整原因"
          type="textarea"
          required
          value={reason}
          maxlength={100}
          placeholder="2-100 字，其他管理员可见，会员不可见"
          errorMessage={error || undefined}
          onChange={setReason}
        />
        <View className="member-form__actions">
          <Button type="danger" round block loading={busy} onClick={() => void submit()}>
            确认调整
          </Button>
        </View>
      </View>
    </Popup>
  )
}
