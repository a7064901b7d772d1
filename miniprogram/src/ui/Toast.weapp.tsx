import { useStore } from 'zustand'
import { feedbackStore } from './feedback'

/** Renders the toast requested through toast(); put one in every page (Screen does). */
export function ToastHost() {
  const t = useStore(feedbackStore, (s) => s.toast)
  return <van-toast show={t.show} message={t.message} type={t.type} forbidClick={t.type === 'loading'} />
}
