import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { openPath } from '../../lib/nav'
import { AGREE_BUTTON_ID, agreePrivacy, refusePrivacy, usePrivacy } from '../../stores/privacy'
import './PrivacyPopup.css'

export const PRIVACY_PAGE = '/packages/user/privacy/index'

const weapp = process.env.TARO_ENV === 'weapp'

/**
 * The consent popup, rendered by every page (ui/Screen) and shown when the privacy store opens it. On weapp the
 * agree button is WeChat's `agreePrivacyAuthorization` button: tapping it is the consent WeChat itself checks.
 */
export function PrivacyPopup() {
  const show = usePrivacy((s) => s.show)
  if (!show) return null
  // The policy page opened from the popup reads the policy; the popup waits on the page below it.
  if ((Taro.getCurrentInstance().router?.path ?? '').includes('packages/user/privacy')) return null
  return (
    <View className="privacy-mask" catchMove>
      <View className="privacy-card" role="dialog" aria-label="隐私保护提示">
        <View className="privacy-card__title">隐私保护提示</View>
        <View className="privacy-card__body">
          <Text>感谢您使用微商城。使用前请阅读</Text>
          <Text className="privacy-card__link" onClick={() => openPath(PRIVACY_PAGE)}>
            《微商城隐私政策》
          </Text>
          <Text>
            ：我们仅为提供服务收集必要信息——手机号用于绑定账号与找回订单，收货地址用于配送，头像和昵称用于展示；您同意后才会调用相关功能，也可以随时在“我的-个人资料”中导出或删除您的数据。
          </Text>
        </View>
        <View className="privacy-card__actions">
          <Button className="privacy-btn privacy-btn--refuse" onClick={refusePrivacy}>
            不同意
          </Button>
          {weapp ? (
            <Button
              id={AGREE_BUTTON_ID}
              className="privacy-btn privacy-btn--agree"
              openType="agreePrivacyAuthorization"
              onAgreePrivacyAuthorization={agreePrivacy}
            >
              同意并继续
            </Button>
          ) : (
            <Button id={AGREE_BUTTON_ID} className="privacy-btn privacy-btn--agree" onClick={agreePrivacy}>
              同意并继续
            </Button>
          )}
        </View>
      </View>
    </View>
  )
}
