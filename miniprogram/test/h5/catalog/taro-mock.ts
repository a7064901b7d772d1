// Page hooks the shared @tarojs/taro double leaves out (reach-bottom) or never fires (did-show), plus
// per-test router params. Used from jest.mock factories in this folder.
import { useEffect, useRef } from 'react'

export const pageEvents = {
  params: {} as Record<string, string>,
  reachBottom: new Set<() => void>(),
  didShow: new Set<() => void>(),
  /** the page's onShareAppMessage, as WeChat would call it from the capsule menu */
  share: null as null | (() => unknown),
}

function subscribe(set: Set<() => void>, callback: () => void) {
  const ref = useRef(callback)
  ref.current = callback
  useEffect(() => {
    const fn = () => ref.current()
    set.add(fn)
    return () => {
      set.delete(fn)
    }
  }, [set])
}

export const taroOverrides = {
  useRouter: () => ({ params: pageEvents.params }),
  useReachBottom: (cb: () => void) => subscribe(pageEvents.reachBottom, cb),
  useDidShow: (cb: () => void) => subscribe(pageEvents.didShow, cb),
  previewImage: jest.fn(() => Promise.resolve()),
  useShareAppMessage: (cb: () => unknown) => {
    pageEvents.share = cb
  },
}

export const fire = (set: Set<() => void>) => [...set].forEach((fn) => fn())
