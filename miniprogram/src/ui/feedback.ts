import { createStore } from 'zustand/vanilla'
import type { DialogState, ToastState, ToastType } from './types'

// Toast and Dialog are driven by one small store so that pages call plain functions (toast(), confirm())
// and each platform's host component renders the state: <van-toast>/<van-dialog> on weapp, plain views on h5.

interface FeedbackState {
  toast: ToastState
  dialog: DialogState
}

const closedDialog: DialogState = {
  show: false,
  title: '',
  message: '',
  confirmText: '确认',
  cancelText: '取消',
  showCancel: true,
}

export const feedbackStore = createStore<FeedbackState>(() => ({
  toast: { show: false, message: '', type: 'text' },
  dialog: closedDialog,
}))

let toastTimer: ReturnType<typeof setTimeout> | undefined
let pendingDialog: ((ok: boolean) => void) | undefined

export function toast(message: string, type: ToastType = 'text', durationMs = 2000): void {
  if (toastTimer) clearTimeout(toastTimer)
  feedbackStore.setState({ toast: { show: true, message, type } })
  if (durationMs > 0) toastTimer = setTimeout(hideToast, durationMs)
}

export function hideToast(): void {
  if (toastTimer) clearTimeout(toastTimer)
  toastTimer = undefined
  feedbackStore.setState((s) => ({ toast: { ...s.toast, show: false } }))
}

export interface ConfirmOptions {
  title?: string
  message: string
  confirmText?: string
  cancelText?: string
  showCancel?: boolean
}

/** Opens the dialog; resolves true on confirm, false on cancel. A second call cancels the first. */
export function confirm(options: ConfirmOptions): Promise<boolean> {
  pendingDialog?.(false)
  feedbackStore.setState({
    dialog: {
      show: true,
      title: options.title ?? '',
      message: options.message,
      confirmText: options.confirmText ?? '确认',
      cancelText: options.cancelText ?? '取消',
      showCancel: options.showCancel ?? true,
    },
  })
  return new Promise((resolve) => {
    pendingDialog = resolve
  })
}

/** Called by the dialog hosts when a button is pressed. */
export function settleDialog(ok: boolean): void {
  const resolve = pendingDialog
  pendingDialog = undefined
  feedbackStore.setState((s) => ({ dialog: { ...s.dialog, show: false } }))
  resolve?.(ok)
}
