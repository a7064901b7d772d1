import type { AdminAdjustResult } from '@mall/contract'
import { useState } from 'react'
import { call } from '../../../../api'
import { Field, RadioGroup } from '../../../../ui'
import { FormPopup, useSubmit } from '../../shared/FormPopup'

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
  const { busy, error, setError, run } = useSubmit()
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
    const delta = sign === 'add' ? n : -n
    await run(async () =>
      onDone(
        points
          ? await call('admin.members.adjustPoints', { openid, delta, reason: why, requestId })
          : await call('admin.members.adjustBalance', { openid, deltaFen: delta, reason: why, requestId }),
      ),
    )
  }
  return (
    <FormPopup
      block="member-form"
      title={points ? '调整积分' : '调整余额'}
      submitText="确认调整"
      busy={busy}
      onSubmit={() => void submit()}
      onClose={onClose}
    >
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
    </FormPopup>
  )
}
