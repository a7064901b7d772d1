import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { useSession } from '../../stores/session'

/**
 * What the 我的 tab shows of the shopper, re-read on every show (other pages change it) and whenever the
 * h5 dev identity changes; the previous shopper's answer is dropped at once and a late answer for them is
 * ignored, so one shopper's balance never shows under another's name.
 */
export function useShopperData<T>(load: () => Promise<T>): {
  data: T | null
  failed: boolean
  reload: () => void
} {
  const openid = useSession((s) => s.devIdentity?.openid ?? '')
  const [state, setState] = useState<{ data: T | null; failed: boolean; of: string }>({
    data: null,
    failed: false,
    of: openid,
  })
  const generation = useRef(0)
  const reload = () => {
    const mine = ++generation.current
    const of = openid
    load().then(
      (data) => mine === generation.current && setState({ data, failed: false, of }),
      () => mine === generation.current && setState({ data: null, failed: true, of }),
    )
  }
  useDidShow(reload)
  const first = useRef(true)
  useEffect(() => {
    // the first show already loads
    if (first.current) first.current = false
    else reload()
  }, [openid])
  const current = state.of === openid
  return { data: current ? state.data : null, failed: current && state.failed, reload }
}
