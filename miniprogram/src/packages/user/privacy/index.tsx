import { Text, View } from '@tarojs/components'
import { PRIVACY_VERSION } from '@mall/contract'
import { formatTime } from '../../../lib/time'
import { agreePrivacy, usePrivacy } from '../../../stores/privacy'
import { Button, Screen } from '../../../ui'
import '../shared/member.css'
import './index.css'

/** What the mall collects, why, where it is kept and for how long: one row per kind of data. */
const COLLECTED: Array<{ what: string; why: string; when: string }> = [
  {
    what: '微信身份标识（openid）',
    why: '识别您的账号，关联订单、钱包、积分与优惠券',
    when: '首次打开商城时由微信提供',
  },
  {
    what: '手机号',
    why: '绑定账号、售后与配送联系；加密存储，页面与日志中只显示 138****0001 形式',
    when: '您在“绑定手机号”中通过短信验证码或微信手机号快速验证提供',
  },
  {
    what: '收货地址（收货人、电话、地址）',
    why: '配送订单、售后退货；电话加密存储，仅您本人与发货的商家可见',
    when: '您新增地址或从微信导入地址时',
  },
  {
    what: '头像、昵称、性别、生日',
    why: '在“我的”与评价中展示；头像与昵称经微信内容安全检测后才会显示',
    when: '您在“个人资料”中填写时（均为选填）',
  },
  {
    what: '订单、支付、退款、售后与评价记录',
    why: '完成交易、履行售后与依法保存交易记录',
    when: '您下单、支付、申请售后或评价时',
  },
  {
    what: '钱包余额与积分明细、优惠券',
    why: '记账与对账，支付与退款',
    when: '充值、消费、退款、积分变动时',
  },
  {
    what: '收藏与浏览足迹',
    why: '方便您找回商品；足迹最多保留最近的记录',
    when: '您收藏或浏览商品时',
  },
  {
    what: '上传的照片与剪贴板',
    why: '售后凭证与评价晒图（经内容安全检测）；复制退货地址时写入剪贴板',
    when: '仅在您主动选择照片或点击复制时',
  },
]

const RIGHTS = [
  '查看与更正：在“我的 - 个人资料”中随时修改头像、昵称、性别、生日，更换手机号。',
  '导出：在“个人资料”中点击“导出我的数据”，获得一份包含上述全部信息的 JSON 文件（链接 1 小时内有效）。',
  '注销：在“个人资料”中注销账号。没有未完成的订单、售后且钱包余额为 0 时可注销；注销后个人信息立即删除，订单与账务记录按法律要求匿名保存。',
  '撤回同意：在微信“设置 - 隐私”中管理授权；撤回后需要手机号、地址、相册等信息的功能将无法使用。',
]

export default function PrivacyPolicy() {
  const agreed = usePrivacy((s) => (s.agreedVersion === PRIVACY_VERSION ? s.agreedAt : null))
  return (
    <Screen className="mb-page privacy-page">
      <View className="mb-block mb-block--pad">
        <View className="mb-block__title">微商城隐私政策</View>
        <View className="mb-text">
          版本 {PRIVACY_VERSION}
          。我们只收集提供服务所必需的信息，不出售您的个人信息；在您同意本政策之前，商城不会调用手机号、收货地址、头像、相册、剪贴板、位置等接口，也不会进行任何统计追踪。
        </View>
      </View>
      <View className="mb-block mb-block--pad">
        <View className="mb-block__title">我们收集什么、为什么</View>
        {COLLECTED.map((c) => (
          <View key={c.what} className="privacy-item">
            <View className="privacy-item__what">{c.what}</View>
            <View className="mb-text">用途：{c.why}</View>
            <View className="privacy-item__when">来源：{c.when}</View>
          </View>
        ))}
      </View>
      <View className="mb-block mb-block--pad">
        <View className="mb-block__title">存储与保护</View>
        <View className="mb-text">
          数据保存在微信云开发（中国境内）。手机号使用 AES-256-GCM
          加密，检索只用不可逆的密钥哈希；验证码只保存哈希值，5 分钟后失效。个人信息保存至您注销账号为止。
        </View>
      </View>
      <View className="mb-block mb-block--pad">
        <View className="mb-block__title">您的权利</View>
        {RIGHTS.map((r) => (
          <View key={r} className="mb-text privacy-right">
            {r}
          </View>
        ))}
      </View>
      <View className="mb-block mb-block--pad">
        <View className="mb-block__title">第三方与联系我们</View>
        <View className="mb-text">
          微信支付处理您的支付信息，微信内容安全服务检测您提交的文字与图片，腾讯云短信发送验证码。如有疑问，请通过商城客服联系我们，我们会在
          15 个工作日内答复。
        </View>
      </View>
      <View className="mb-actions">
        {agreed ? (
          <Text className="mb-hint">您已于 {formatTime(agreed)} 同意本政策</Text>
        ) : (
          <Button type="danger" round block onClick={agreePrivacy}>
            同意本政策
          </Button>
        )}
      </View>
    </Screen>
  )
}
