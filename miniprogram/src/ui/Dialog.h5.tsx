import { View } from '@tarojs/components'
import { useStore } from 'zustand'
import { feedbackStore, settleDialog } from './feedback'
import './h5.css'

/** Renders the dialog requested through confirm(); put one in every page (Screen does). */
export function DialogHost() {
  const d = useStore(feedbackStore, (s) => s.dialog)
  if (!d.show) return null
  return (
    <View className="m-overlay m-overlay--center">
      <View className="m-dialog" role="dialog" aria-label={d.title || d.message}>
        {d.title ? <View className="m-dialog__title">{d.title}</View> : null}
        <View className="m-dialog__message">{d.message}</View>
        <View className="m-dialog__footer">
          {d.showCancel ? (
            <View className="m-dialog__button" role="button" onClick={() => settleDialog(false)}>
              {d.cancelText}
            </View>
          ) : null}
          <View
            className="m-dialog__button m-dialog__button--confirm"
            role="button"
            onClick={() => settleDialog(true)}
          >
            {d.confirmText}
          </View>
        </View>
      </View>
    </View>
  )
}
