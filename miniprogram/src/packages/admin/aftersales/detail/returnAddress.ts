import type { ReturnAddress } from '@mall/contract'
import Taro from '@tarojs/taro'

// The merchant's last return address, so the next approval starts filled in (on this device only).
const KEY = 'mall:admin:returnAddress'

export function lastReturnAddress(): ReturnAddress {
  try {
    const v = Taro.getStorageSync(KEY) as Partial<ReturnAddress> | ''
    if (v && typeof v === 'object')
      return { name: v.name ?? '', phone: v.phone ?? '', address: v.address ?? '' }
  } catch {
    // unreadable storage: start empty
  }
  return { name: '', phone: '', address: '' }
}

export function rememberReturnAddress(a: ReturnAddress): void {
  try {
    Taro.setStorageSync(KEY, a)
  } catch {
    // only a convenience
  }
}
