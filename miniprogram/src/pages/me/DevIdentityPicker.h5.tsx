import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { gatewayUrl } from '../../api/transport.h5'
import { sessionStore, useSession, type DevIdentity } from '../../stores/session'
import { Loading, RadioGroup, toast } from '../../ui'

/** Accepts `[{openid, name|nickname|label}]` or `{identities: [...]}` from the gateway's dev endpoint. */
export function parseIdentities(body: unknown): DevIdentity[] {
  const list = Array.isArray(body) ? body : (body as { identities?: unknown })?.identities
  if (!Array.isArray(list)) return []
  return list.flatMap((x: unknown) => {
    if (typeof x === 'string') return [{ openid: x, name: x }]
    const o = x as Record<string, unknown>
    if (!o || typeof o.openid !== 'string') return []
    const name = [o.name, o.nickname, o.label].find((v) => typeof v === 'string') as string | undefined
    return [{ openid: o.openid, name: `${name ?? o.openid}${o.role === 'admin' ? '（管理员）' : ''}` }]
  })
}

/** h5 only: act as one of the emulator's seeded users (the gateway trusts x-mall-dev-openid). */
export function DevIdentityPicker() {
  const current = useSession((s) => s.devIdentity)
  const [list, setList] = useState<DevIdentity[] | null>(null)
  useEffect(() => {
    fetch(`${gatewayUrl()}/__dev/identities`)
      .then((r) => r.json())
      .then((body) => setList(parseIdentities(body)))
      .catch(() => setList([]))
  }, [])
  return (
    <View className="dev-picker">
      <View className="dev-picker__title">开发身份（仅本地 H5）</View>
      <View className="dev-picker__note">选择一个测试用户，后续请求将以该身份发送</View>
      {list === null ? (
        <Loading size="16px">加载中</Loading>
      ) : list.length === 0 ? (
        <View className="dev-picker__note">未获取到测试身份（本地网关未启动？）</View>
      ) : (
        <RadioGroup
          value={current?.openid ?? ''}
          options={list.map((i) => ({ name: i.openid, label: i.name }))}
          onChange={(openid) => {
            const chosen = list.find((i) => i.openid === openid) ?? null
            sessionStore.getState().setDevIdentity(chosen)
            if (chosen) toast(`已切换为 ${chosen.name}`)
          }}
        />
      )}
    </View>
  )
}
