import Taro from '@tarojs/taro'
import type { StoreApi } from 'zustand/vanilla'

interface Saved<P> {
  v: number
  state: P
}

/**
 * Keeps part of a vanilla store in Taro storage (wx storage on weapp, localStorage on h5).
 * Hydrates synchronously at call time, then writes on every change of the picked slice.
 * A different `version` or unreadable data is ignored (the store keeps its defaults), so a
 * format change never crashes a launch.
 */
export function persist<S, P extends Partial<S>>(
  store: StoreApi<S>,
  key: string,
  pick: (state: S) => P,
  version = 1,
): () => void {
  try {
    const saved = Taro.getStorageSync(key) as Saved<P> | '' | undefined
    if (
      saved &&
      typeof saved === 'object' &&
      saved.v === version &&
      saved.state &&
      typeof saved.state === 'object'
    ) {
      store.setState(saved.state)
    }
  } catch {
    // storage unavailable: start from defaults
  }
  let last = JSON.stringify(pick(store.getState()))
  return store.subscribe((state) => {
    const next = JSON.stringify(pick(state))
    if (next === last) return
    last = next
    try {
      Taro.setStorageSync(key, { v: version, state: JSON.parse(next) as P })
    } catch {
      // storage full or unavailable: the in-memory state stays correct for this run
    }
  })
}
