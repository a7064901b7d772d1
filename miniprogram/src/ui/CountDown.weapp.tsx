import type { CountDownProps } from './types'

export function CountDown(p: CountDownProps) {
  return <van-count-down time={p.time} format={p.format ?? 'HH:mm:ss'} onFinish={() => p.onFinish?.()} />
}
