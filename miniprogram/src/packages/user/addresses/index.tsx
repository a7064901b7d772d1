import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, call } from '../../../api'
import { pickAddress } from '../../../components/order/addressPick'
import { addressEditPath, isWeapp } from '../../../components/order/paths'
import type { Address } from '../../../components/order/types'
import { openPath } from '../../../lib/nav'
import { requirePrivacy } from '../../../stores/privacy'
import { Button, Empty, Screen, Skeleton, Tag, toast } from '../../../ui'
import './index.css'

type Load = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; list: Address[] }

const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

/** The address book; opened with ?select=1 from checkout, a tap chooses the address and goes back. */
export default function Addresses() {
  const { params } = useRouter()
  const selecting = params.select === '1'
  const [load, setLoad] = useState<Load>({ state: 'loading' })

  const fetchList = useCallback(async () => {
    try {
      setLoad({ state: 'ready', list: await call('address.list', {}) })
    } catch (e) {
      setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [])
  useEffect(() => {
    void fetchList()
  }, [fetchList])
  // back from the edit page the list has changed (the first show is the mount above)
  const firstShow = useRef(true)
  useDidShow(() => {
    if (firstShow.current) firstShow.current = false
    else void fetchList()
  })

  const choose = (a: Address) => {
    if (!selecting) return openPath(addressEditPath(a.id))
    pickAddress(a.id)
    void Taro.navigateBack()
  }
  const importWechat = async () => {
    try {
      // the address chooser is a privacy API: never before consent
      if (!(await requirePrivacy())) return
      const a = await Taro.chooseAddress()
      await call('address.save', {
        name: a.userName,
        phone: a.telNumber,
        province: a.provinceName,
        city: a.cityName,
        district: a.countyName,
        detail: a.detailInfo,
        postalCode: a.postalCode || undefined,
      })
      toast('已导入', 'success')
      void fetchList()
    } catch (e) {
      if (e instanceof ApiError) toast(e.message)
    }
  }

  return (
    <Screen className="addresses">
      {load.state === 'loading' ? (
        <Skeleton loading rows={5} title />
      ) : load.state === 'error' ? (
        <Empty image="network" description={load.error.message}>
          <Button type="danger" round size="small" onClick={() => void fetchList()}>
            重新加载
          </Button>
        </Empty>
      ) : load.list.length === 0 ? (
        <Empty description="还没有收货地址" />
      ) : (
        load.list.map((a) => (
          <View key={a.id} className="address-item" onClick={() => choose(a)}>
            <View className="address-item__body">
              <View className="address-item__who">
                <Text>{a.name}</Text>
                <Text className="address-item__phone">{a.phone}</Text>
                {a.isDefault ? (
                  <Tag type="danger" plain round>
                    默认
                  </Tag>
                ) : null}
              </View>
              <View className="address-item__where">
                {a.province} {a.city} {a.district} {a.detail}
              </View>
            </View>
            <Text
              className="address-item__edit"
              onClick={(e) => {
                e.stopPropagation()
                openPath(addressEditPath(a.id))
              }}
            >
              编辑
            </Text>
          </View>
        ))
      )}
      <View className="addresses__actions">
        {isWeapp() ? (
          <Button round block onClick={() => void importWechat()}>
            导入微信地址
          </Button>
        ) : null}
        <Button type="danger" round block onClick={() => openPath(addressEditPath())}>
          新增地址
        </Button>
      </View>
    </Screen>
  )
}
