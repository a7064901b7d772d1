import * as taro from '@tarojs/taro'

// Taro's page hook; test doubles of @tarojs/taro that predate it simply never fire it.
type Hook = (callback: () => void) => void
const hooks = taro as unknown as { useReachBottom?: Hook }
export const useReachBottom: Hook = hooks.useReachBottom ?? (() => undefined)
