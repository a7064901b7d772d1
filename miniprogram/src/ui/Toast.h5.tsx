import { View } from '@tarojs/components'
import { useStore } from 'zustand'
import { feedbackStore } from './feedback'
import './h5.css'

const marks = { text: '', success: '✓', fail: '✕', loading: '…' } as const

/** Renders the toast requested through toast(); put one in every page (Screen does). */
export function ToastHost() {
  const t = useStore(feedbackStore, (s) => s.toast)
  if (!t.show) return null
  return (
    <View className="m-toast" role="alert">
      {marks[t.type] ? <View className="m-toast__mark">{marks[t.type]}</View> : null}
      {t.message}
    </View>
  )
}
