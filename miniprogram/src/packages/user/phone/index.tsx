import { Button as TaroButton, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { MemberProfile } from '@mall/contract'
import { useEffect, useRef, useState } from 'react'
import { call, type ApiError } from '../../../api'
import { Button, Empty, Screen, Skeleton, toast } from '../../../ui'
import { asApiError, withConsent } from '../shared/consent'
import '../shared/member.css'
import './index.css'

type Load = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; me: MemberProfile }

const weapp = process.env.TARO_ENV === 'weapp'
const MOBILE_RE = /^1[3-9]\d{9}$/

/**
 * Bind (or change) the member's phone: WeChat's phone button (weapp; a dev input on h5 stands in for it, the
 * emulator accepts `dev:<phone>` codes) or an SMS code. One phone belongs to one member: the server says so.
 */
export default function BindPhone() {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  const [devPhone, setDevPhone] = useState('')
  const [wait, setWait] = useState(0)
  const [busy, setBusy] = useState<'send' | 'bind' | 'wechat' | null>(null)
  const timer = useRef<ReturnType<typeof setInterval>>()

  const fetchMe = async () => {
    try {
      setLoad({ state: 'ready', me: await call('member.me', {}) })
    } catch (e) {
      setLoad({ state: 'error', error: asApiError(e) })
    }
  }
  useEffect(() => {
    void fetchMe()
    return () => clearInterval(timer.current)
  }, [])

  const countdown = (seconds: number) => {
    clearInterval(timer.current)
    setWait(seconds)
    timer.current = setInterval(() => {
      setWait((w) => {
        if (w <= 1) clearInterval(timer.current)
        return w - 1
      })
    }, 1000)
  }

  const done = (masked: string) => {
    toast(`已绑定 ${masked}`, 'success')
    setTimeout(() => void Taro.navigateBack().catch(() => fetchMe()), 800)
  }

  const sendCode = async () => {
    if (!MOBILE_RE.test(phone)) return toast('请输入正确的手机号')
    setBusy('send')
    try {
      const r = await withConsent(() => call('member.phone.sendCode', { phone }))
      if (!r) return
      toast(`验证码已发送至 ${r.phone}`)
      countdown(r.resendInSeconds)
    } catch (e) {
      toast(asApiError(e).message)
    } finally {
      setBusy(null)
    }
  }

  const bind = async () => {
    if (!MOBILE_RE.test(phone)) return toast('请输入正确的手机号')
    if (!/^\d{6}$/.test(code)) return toast('请输入6位验证码')
    setBusy('bind')
    try {
      const r = await withConsent(() => call('member.phone.bind', { phone, code }))
      if (r) done(r.phone)
    } catch (e) {
      toast(asApiError(e).message)
    } finally {
      setBusy(null)
    }
  }

  const bindWechat = async (wxCode: string) => {
    setBusy('wechat')
    try {
      const r = await withConsent(() => call('member.phone.bindWechat', { code: wxCode }))
      if (r) done(r.phone)
    } catch (e) {
      const err = asApiError(e)
      toast(err.message, 'text', 3000)
    } finally {
      setBusy(null)
    }
  }

  const onGetPhoneNumber = (e: { detail: { code?: string; errMsg?: string } }) => {
    // no code: the user declined, or the app has no quota left (WeChat says so in errMsg)
    if (!e.detail.code) return toast('未获取到手机号，可使用短信验证码绑定')
    void bindWechat(e.detail.code)
  }

  if (load.state === 'loading')
    return (
      <Screen className="mb-page">
        <Skeleton loading rows={5} title />
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
  return (
    <Screen className="mb-page phone-page">
      <View className="mb-block mb-block--pad">
        <View className="phone-page__title">{me.phoneBound ? '更换手机号' : '绑定手机号'}</View>
        <View className="mb-text">
          {me.phoneBound
            ? `当前绑定：${me.phone}。换绑后原手机号将解除绑定。`
            : '绑定后可用手机号找回订单、接收配送与售后联系。一个手机号只能绑定一个账号。'}
        </View>
      </View>

      <View className="mb-block mb-block--pad">
        <View className="mb-block__title">微信手机号快速验证</View>
        {weapp ? (
          <TaroButton
            className="phone-page__wechat"
            openType="getPhoneNumber"
            disabled={busy !== null}
            onGetPhoneNumber={onGetPhoneNumber}
          >
            {busy === 'wechat' ? '绑定中…' : '微信一键绑定'}
          </TaroButton>
        ) : (
          <View>
            <View className="mb-hint phone-page__dev">开发环境（h5）：输入手机号模拟微信授权</View>
            <View className="mb-row">
              <Input
                className="mb-row__input phone-page__input"
                type="number"
                maxlength={11}
                placeholder="模拟微信返回的手机号"
                value={devPhone}
                onInput={(e) => setDevPhone(e.detail.value)}
              />
            </View>
            <Button
              type="primary"
              round
              block
              disabled={busy !== null || !MOBILE_RE.test(devPhone)}
              onClick={() => void bindWechat(`dev:${devPhone}`)}
            >
              模拟微信一键绑定
            </Button>
          </View>
        )}
      </View>

      <View className="mb-block">
        <View className="mb-block__title phone-page__sms-title">短信验证码绑定</View>
        <View className="mb-row">
          <Text className="mb-row__label">手机号</Text>
          <Input
            className="mb-row__input"
            type="number"
            maxlength={11}
            placeholder="请输入手机号"
            value={phone}
            onInput={(e) => setPhone(e.detail.value)}
          />
        </View>
        <View className="mb-row">
          <Text className="mb-row__label">验证码</Text>
          <Input
            className="mb-row__input"
            type="number"
            maxlength={6}
            placeholder="6位验证码"
            value={code}
            onInput={(e) => setCode(e.detail.value)}
          />
          <Text
            className={`phone-page__send${wait > 0 || busy === 'send' ? ' phone-page__send--off' : ''}`}
            onClick={() => wait <= 0 && busy === null && void sendCode()}
          >
            {wait > 0 ? `${wait}秒后重发` : busy === 'send' ? '发送中…' : '获取验证码'}
          </Text>
        </View>
      </View>
      <View className="mb-hint">
        验证码5分钟内有效，最多可输错5次；同一手机号每分钟1次、每小时5次，每天最多获取10次。
      </View>
      <View className="mb-actions">
        <Button type="danger" round block loading={busy === 'bind'} onClick={() => void bind()}>
          {me.phoneBound ? '确认换绑' : '确认绑定'}
        </Button>
      </View>
    </Screen>
  )
}
