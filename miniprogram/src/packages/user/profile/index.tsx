import { Button as TaroButton, Image, Input, Picker, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActionInput, MemberProfile } from '@mall/contract'
import { useEffect, useState } from 'react'
import { call, type ApiError } from '../../../api'
import { choosePhotos, uploadPhoto } from '../../../api/upload'
import { openPath } from '../../../lib/nav'
import { privacyConsented, privacyStore, requirePrivacy } from '../../../stores/privacy'
import { Button, Empty, RadioGroup, Screen, Skeleton, confirm, toast } from '../../../ui'
import { asApiError, PHONE_PATH, PRIVACY_PATH } from '../shared/consent'
import '../shared/member.css'
import './index.css'

type Load = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; me: MemberProfile }

const weapp = process.env.TARO_ENV === 'weapp'
const GENDERS = [
  { name: '1', label: '男' },
  { name: '2', label: '女' },
  { name: '0', label: '保密' },
]
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)

/**
 * The member's own profile: avatar (chooseAvatar on weapp, a picked photo on h5; shown once content
 * security passed it), nickname (`type="nickname"` on weapp; checked with msgSecCheck), gender, birthday,
 * the phone, and the two rights: export my data, delete my account.
 */
export default function Profile() {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [nickname, setNickname] = useState('')
  const [busy, setBusy] = useState<string | null>(null)

  const fetchMe = async () => {
    try {
      const me = await call('member.me', {})
      setLoad({ state: 'ready', me })
      setNickname(me.nickname)
    } catch (e) {
      setLoad({ state: 'error', error: asApiError(e) })
    }
  }
  useEffect(() => {
    void fetchMe()
  }, [])

  const save = async (input: ActionInput<'member.profile.update'>, what: string) => {
    setBusy(what)
    try {
      const me = await call('member.profile.update', input)
      setLoad({ state: 'ready', me })
      setNickname(me.nickname)
      toast(input.avatar ? '头像已提交，审核通过后显示' : '已保存', 'success')
    } catch (e) {
      toast(asApiError(e).message)
      if (load.state === 'ready') setNickname(load.me.nickname)
    } finally {
      setBusy(null)
    }
  }

  const uploadAvatar = async (tempPath: string) => {
    setBusy('avatar')
    try {
      const fileID = await uploadPhoto('avatar', tempPath)
      await save({ avatar: fileID }, 'avatar')
    } catch (e) {
      toast(asApiError(e).message)
      setBusy(null)
    }
  }

  // h5 (and weapp before consent): pick a photo through the guarded picker
  const pickAvatar = async () => {
    const [path] = await choosePhotos(1).catch(() => [] as string[])
    if (path) await uploadAvatar(path)
  }

  const saveNickname = (value: string) => {
    const v = value.trim()
    if (load.state !== 'ready' || v === load.me.nickname) return
    if (!v) {
      setNickname(load.me.nickname)
      return toast('昵称不能为空')
    }
    void save({ nickname: v }, 'nickname')
  }

  const exportData = async () => {
    setBusy('export')
    try {
      const r = await call('member.export', {})
      const kb = Math.max(1, Math.round(r.bytes / 1024))
      if (weapp) {
        const copy = await confirm({
          title: '数据已导出',
          message: `已生成您的数据文件（约${kb} KB），链接1小时内有效。复制链接后可在浏览器中打开下载。`,
          confirmText: '复制链接',
        })
        // the clipboard is a privacy API
        if (copy && (await requirePrivacy())) await Taro.setClipboardData({ data: r.url })
      } else {
        const open = await confirm({
          title: '数据已导出',
          message: `已生成您的数据文件（约${kb} KB），链接1小时内有效。`,
          confirmText: '打开文件',
        })
        if (open) window.open(r.url, '_blank')
      }
    } catch (e) {
      toast(asApiError(e).message)
    } finally {
      setBusy(null)
    }
  }

  const deleteAccount = async () => {
    const sure = await confirm({
      title: '注销账号',
      message:
        '注销后将删除您的头像、昵称、手机号、收货地址、购物车、收藏与足迹，且无法恢复；订单与账务记录会匿名保存。有未完成的订单、售后或钱包余额时不能注销。',
      confirmText: '确认注销',
    })
    if (!sure) return
    setBusy('delete')
    try {
      await call('member.account.delete', { confirm: true })
      // the consent went with the account: a returning visitor is asked again
      privacyStore.setState({ agreedVersion: null, agreedAt: null, refusedAt: null, recorded: false })
      toast('账号已注销', 'success')
      setTimeout(() => void Taro.switchTab({ url: '/pages/home/index' }), 1000)
    } catch (e) {
      toast(asApiError(e).message, 'text', 3500)
    } finally {
      setBusy(null)
    }
  }

  if (load.state === 'loading')
    return (
      <Screen className="mb-page">
        <Skeleton loading rows={6} avatar title />
      </Screen>
    )
  if (load.state === 'error')
    return (
      <Screen className="mb-page">
        <Empty image="network" description={load.error.message}>
          <Button type="danger" round size="small" onClick={() => void fetchMe()}>
            重新加载
          </Button>
        </Empty>
      </Screen>
    )

  const { me } = load
  const avatarView = (
    <View className="profile-avatar">
      {me.avatar ? (
        <Image className="profile-avatar__img" src={me.avatar} mode="aspectFill" />
      ) : (
        <Text className="profile-avatar__ph">{(me.nickname || '微').slice(0, 1)}</Text>
      )}
      {me.avatarPending || busy === 'avatar' ? (
        <Text className="profile-avatar__pending">{busy === 'avatar' ? '上传中' : '审核中'}</Text>
      ) : null}
    </View>
  )
  return (
    <Screen className="mb-page profile-page">
      <View className="mb-block">
        <View className="mb-row profile-row--avatar">
          <Text className="mb-row__label">头像</Text>
          {weapp && privacyConsented() ? (
            <TaroButton
              className="mb-plain-btn"
              openType="chooseAvatar"
              onChooseAvatar={(e) => void uploadAvatar((e.detail as { avatarUrl: string }).avatarUrl)}
            >
              {avatarView}
              <Text className="mb-row__arrow">›</Text>
            </TaroButton>
          ) : (
            <View className="mb-plain-btn" onClick={() => void pickAvatar()}>
              {avatarView}
              <Text className="mb-row__arrow">›</Text>
            </View>
          )}
        </View>
        <View className="mb-row">
          <Text className="mb-row__label">昵称</Text>
          <Input
            className="mb-row__input"
            type={weapp ? 'nickname' : 'text'}
            maxlength={20}
            placeholder="请输入昵称"
            value={nickname}
            disabled={busy === 'nickname'}
            onInput={(e) => setNickname(e.detail.value)}
            onBlur={(e) => saveNickname(e.detail.value)}
            onConfirm={(e) => saveNickname(e.detail.value)}
          />
        </View>
        <View className="mb-row">
          <Text className="mb-row__label">性别</Text>
          <View className="mb-row__value">
            <RadioGroup
              value={String(me.gender)}
              options={GENDERS}
              direction="horizontal"
              onChange={(g) => void save({ gender: Number(g) as 0 | 1 | 2 }, 'gender')}
            />
          </View>
        </View>
        <Picker
          mode="date"
          value={me.birthday || '1995-01-01'}
          start="1900-01-01"
          end={today()}
          onChange={(e) => void save({ birthday: String(e.detail.value) }, 'birthday')}
        >
          <View className="mb-row">
            <Text className="mb-row__label">生日</Text>
            <Text className="mb-row__value">{me.birthday || '未设置'}</Text>
            <Text className="mb-row__arrow">›</Text>
          </View>
        </Picker>
        <View className="mb-row" onClick={() => openPath(PHONE_PATH)}>
          <Text className="mb-row__label">手机号</Text>
          <Text className="mb-row__value">{me.phoneBound ? me.phone : '去绑定'}</Text>
          <Text className="mb-row__arrow">›</Text>
        </View>
      </View>
      <View className="mb-hint">
        头像与昵称经微信内容安全检测后展示；等级 Lv{me.level}，成长值 {me.growth}，积分 {me.points}。
      </View>

      <View className="mb-block">
        <View className="mb-row" onClick={() => openPath(PRIVACY_PATH)}>
          <Text className="mb-row__label">隐私政策</Text>
          <Text className="mb-row__value">{me.privacyCurrent ? '已同意' : '未同意'}</Text>
          <Text className="mb-row__arrow">›</Text>
        </View>
        <View className="mb-row" onClick={() => busy === null && void exportData()}>
          <Text className="mb-row__label profile-row__wide">导出我的数据</Text>
          <Text className="mb-row__value">{busy === 'export' ? '生成中…' : 'JSON 文件'}</Text>
          <Text className="mb-row__arrow">›</Text>
        </View>
      </View>
      <View className="mb-actions">
        <Button
          type="danger"
          plain
          round
          block
          loading={busy === 'delete'}
          onClick={() => void deleteAccount()}
        >
          注销账号
        </Button>
      </View>
    </Screen>
  )
}
