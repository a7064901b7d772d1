import type { AdminAftersaleDetail } from '@mall/contract'
import { useState } from 'react'
import { call } from '../../../../api'
import { Field } from '../../../../ui'
import { FormPopup, useSubmit } from '../../shared/FormPopup'

interface Props {
  id: string
  onClose: () => void
  onDone: (view: AdminAftersaleDetail) => void
}

/** A refusal always carries its reason: the shopper reads it on the request. */
export function RejectForm({ id, onClose, onDone }: Props) {
  const [reason, setReason] = useState('')
  const { busy, error, setError, run } = useSubmit()
  const reject = async () => {
    if (busy) return
    if (!reason.trim()) return setError('请填写拒绝原因')
    await run(async () =>
      onDone(await call('admin.aftersales.reject', { aftersaleId: id, reason: reason.trim() })),
    )
  }
  return (
    <FormPopup
      block="as-form"
      title="拒绝售后申请"
      submitText="确认拒绝"
      busy={busy}
      onSubmit={() => void reject()}
      onClose={onClose}
    >
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
    </FormPopup>
  )
}
