import { Text } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { formatDuration } from './countdown'
import type { CountDownProps } from './types'
import './h5.css'

export function CountDown(p: CountDownProps) {
  const [left, setLeft] = useState(p.time)
  const onFinish = useRef(p.onFinish)
  onFinish.current = p.onFinish
  useEffect(() => {
    const end = Date.now() + p.time
    setLeft(p.time)
    if (p.time <= 0) return
    const timer = setInterval(() => {
      const rest = Math.max(0, end - Date.now())
      setLeft(rest)
      if (rest === 0) {
        clearInterval(timer)
        onFinish.current?.()
      }
    }, 250)
    return () => clearInterval(timer)
  }, [p.time])
  return <Text className="m-count-down">{formatDuration(left, p.format ?? 'HH:mm:ss')}</Text>
}
