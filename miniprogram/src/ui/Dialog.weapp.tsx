import { useStore } from 'zustand'
import { feedbackStore, settleDialog } from './feedback'

/** Renders the dialog requested through confirm(); put one in every page (Screen does). */
export function DialogHost() {
  const d = useStore(feedbackStore, (s) => s.dialog)
  return (
    <van-dialog
      show={d.show}
      title={d.title}
      message={d.message}
      showCancelButton={d.showCancel}
      confirmButtonText={d.confirmText}
      cancelButtonText={d.cancelText}
      onConfirm={() => settleDialog(true)}
      onCancel={() => settleDialog(false)}
    />
  )
}
