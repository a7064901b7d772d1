import { useReachBottom as taroUseReachBottom } from '@tarojs/taro'

// Taro's page hook; test doubles of @tarojs/taro that predate it simply never fire it.
// (A namespace import of @tarojs/taro breaks Taro's api transform in the h5 build: use a named one.)
type Hook = (callback: () => void) => void
export const useReachBottom: Hook = (taroUseReachBottom as Hook | undefined) ?? (() => undefined)
