import type { AdminAftersaleDetail, ReturnAddress } from '@mall/contract'
import { useState } from 'react'
import { call } from '../../../../api'
import { Field } from '../../../../ui'
import { FormPopup, useSubmit } from '../../shared/FormPopup'
import { lastReturnAddress, rememberReturnAddress } from './returnAddress'

interface Props {
  id: string
  onClose: () => void
  onDone: (view: AdminAftersaleDetail) => void
}

/** Approving a return: where the parcel goes. All empty = the shop's default return address. */
export function ApproveForm({ id, onClose, onDone }: Props) {
  const [a, setA] = useState<ReturnAddress>(lastReturnAddress)
  const { busy, error, setError, run } = useSubmit()
  const set = (k: keyof ReturnAddress) => (value: string) => setA((x) => ({ ...x, [k]: value }))
  const approve = async () => {
    if (busy) return
    const t = { name: a.name.trim(), phone: a.phone.trim(), address: a.address.trim() }
    const filled = [t.name, t.phone, t.address].filter(Boolean).length
    if (filled > 0 && filled < 3) return setError('请完整填写收件人、电话和地址，或全部留空使用默认退货地址')
    await run(async () => {
      const view = await call('admin.aftersales.approve', {
        aftersaleId: id,
        returnAddress: filled === 3 ? t : undefined,
      })
      if (filled === 3) rememberReturnAddress(t)
      onDone(view)
    })
  }
  return (
    <FormPopup
      block="as-form"
      title="同意退货 · 退货地址"
      submitText="同意并发送退货地址"
      busy={busy}
      onSubmit={() => void approve()}
      onClose={onClose}
    >
      <Field
        label="收件人"
        value={a.name}
        maxlength={30}
        placeholder="留空使用默认地址"
        onChange={set('name')}
      />
      <Field label="电话" value={a.phone} maxlength={20} placeholder="收件人电话" onChange={set('phone')} />
      <Field
        label="地址"
        type="textarea"
        value={a.address}
        maxlength={120}
        placeholder="省市区及详细地址"
        errorMessage={error || undefined}
        onChange={set('address')}
      />
    </FormPopup>
  )
}
