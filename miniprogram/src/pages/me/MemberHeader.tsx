import { Image, Text, View } from '@tarojs/components'
import { call } from '../../api'
import { openPath } from '../../lib/nav'
import { useSession } from '../../stores/session'
import { useShopperData } from './useShopperData'
import './MemberHeader.css'

const PROFILE = '/packages/user/profile/index'
const PHONE = '/packages/user/phone/index'

/**
 * The me page's header: avatar (审核中 while a new one waits for content security), nickname, the masked
 * phone or a 绑定手机号 link, and the way into the profile. `member.me` is its one call; it also creates the
 * member on first contact.
 */
export function MemberHeader() {
  const identity = useSession((s) => s.devIdentity)
  const { data: me, failed, reload } = useShopperData(() => call('member.me', {}))

  const name = me?.nickname || identity?.name || '微信用户'
  return (
    <View className="me__header member-header" onClick={() => openPath(PROFILE)}>
      <View className="member-header__avatar">
        {me?.avatar ? (
          <Image className="member-header__img" src={me.avatar} mode="aspectFill" />
        ) : (
          <Text>{name.slice(0, 1)}</Text>
        )}
        {me?.avatarPending ? <Text className="member-header__pending">审核中</Text> : null}
      </View>
      <View className="member-header__info">
        <View className="me__name">{name}</View>
        {me?.phoneBound ? (
          <Text className="me__hint">{me.phone}</Text>
        ) : (
          <Text
            className="member-header__bind"
            onClick={(e) => {
              e.stopPropagation()
              if (failed) reload()
              else openPath(PHONE)
            }}
          >
            {failed ? '加载失败，点此重试' : '绑定手机号 ›'}
          </Text>
        )}
      </View>
      <Text className="member-header__more">个人资料 ›</Text>
    </View>
  )
}
