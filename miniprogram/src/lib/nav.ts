import Taro from '@tarojs/taro'

const TABS = ['/pages/home/index', '/pages/category/index', '/pages/cart/index', '/pages/me/index']

/** Opens an in-app path; tab pages need switchTab, everything else navigateTo. */
export function openPath(path: string): void {
  const bare = path.split('?')[0]
  if (TABS.includes(bare)) void Taro.switchTab({ url: bare })
  else void Taro.navigateTo({ url: path })
}

export const goodsPath = (id: string) => `/packages/goods/detail/index?id=${encodeURIComponent(id)}`
