import { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'

export const POLL_MS = 1500

/** Runs `tick` every POLL_MS while the page is shown and `active`; one tick at a time. */
export function usePoll(active: boolean, tick: () => Promise<void>): void {
  const [shown, setShown] = useState(true)
  const latest = useRef(tick)
  latest.current = tick
  useDidShow(() => setShown(true))
  useDidHide(() => setShown(false))
  useEffect(() => {
    if (!active || !shown) return
    let running = false
    const timer = setInterval(() => {
      if (running) return
      running = true
      void latest.current().finally(() => {
        running = false
      })
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [active, shown])
}
