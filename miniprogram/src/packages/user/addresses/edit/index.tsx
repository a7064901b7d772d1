import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { isMobilePhone } from '@mall/contract'
import { ApiError, call } from '../../../../api'
import type { Address } from '../../../../components/order/types'
import { Button, Checkbox, Field, Screen, confirm, toast } from '../../../../ui'
import '../index.css'

type Form = Omit<Address, 'id' | 'isDefault' | 'postalCode'> & { isDefault: boolean }

const EMPTY: Form = {
  name: '',
  phone: '',
  province: '',
  city: '',
  district: '',
  detail: '',
  isDefault: false,
}
const FIELDS: { key: keyof Omit<Form, 'isDefault'>; label: string; placeholder: string }[] = [
  { key: 'name', label: '收货人', placeholder: '姓名' },
  { key: 'phone', label: '手机号', placeholder: '手机号码' },
  { key: 'province', label: '省份', placeholder: '如 广东省' },
  { key: 'city', label: '城市', placeholder: '如 深圳市' },
  { key: 'district', label: '区县', placeholder: '如 南山区' },
  { key: 'detail', label: '详细地址', placeholder: '街道、楼栋、门牌号' },
]

/** New address (no id) or edit (?id=); the server validates every field and answers with a message. */
export default function AddressEdit() {
  const { params } = useRouter()
  const id = params.id
  const [form, setForm] = useState<Form>(EMPTY)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    if (!id) return
    call('address.list', {})
      .then((list) => {
        const a = list.find((x) => x.id === id)
        if (a) setForm({ ...EMPTY, ...a, isDefault: a.isDefault })
      })
      .catch((e: unknown) => toast(e instanceof ApiError ? e.message : '加载失败'))
  }, [id])

  const save = async () => {
    if (saving) return
    const missing = FIELDS.find((f) => form[f.key].trim() === '')
    if (missing) return toast(`请填写${missing.label}`)
    // the server's own rule (contract), checked before sending so a short number is caught at once
    if (!isMobilePhone(form.phone)) return toast('请输入正确的手机号')
    setSaving(true)
    try {
      await call('address.save', { ...form, id })
      toast('已保存', 'success')
      void Taro.navigateBack()
    } catch (e) {
      toast(e instanceof ApiError ? e.message : '保存失败')
    } finally {
      setSaving(false)
    }
  }
  const remove = async () => {
    if (!id || !(await confirm({ message: '确定删除这个地址吗？' }))) return
    try {
      await call('address.remove', { id })
      void Taro.navigateBack()
    } catch (e) {
      toast(e instanceof ApiError ? e.message : '删除失败')
    }
  }

  return (
    <Screen className="address-edit">
      <View className="address-edit__form">
        {FIELDS.map((f) => (
          <Field
            key={f.key}
            label={f.label}
            value={form[f.key]}
            placeholder={f.placeholder}
            type={f.key === 'phone' ? 'number' : 'text'}
            onChange={(value) => setForm((prev) => ({ ...prev, [f.key]: value }))}
          />
        ))}
        <View className="address-edit__default">
          <Checkbox
            checked={form.isDefault}
            onChange={(isDefault) => setForm((prev) => ({ ...prev, isDefault }))}
          >
            设为默认地址
          </Checkbox>
        </View>
      </View>
      <View className="address-edit__actions">
        <Button type="danger" round block loading={saving} onClick={() => void save()}>
          保存
        </Button>
        {id ? (
          <Button round block onClick={() => void remove()}>
            删除地址
          </Button>
        ) : null}
      </View>
    </Screen>
  )
}
