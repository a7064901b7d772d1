import { View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import { ApiError } from '../../../api'
import { Button, Popup } from '../../../ui'

interface Props {
  /** Class of the sheet; its title and actions are `${block}__title` and `${block}__actions`. */
  block: string
  title: ReactNode
  submitText: string
  busy: boolean
  onSubmit: () => void
  onClose: () => void
  children: ReactNode
}

/** A bottom sheet with a title, the fields and one submit button. */
export function FormPopup({ block, title, submitText, busy, onSubmit, onClose, children }: Props) {
  return (
    <Popup show position="bottom" round closeable onClose={onClose}>
      <View className={block}>
        <View className={`${block}__title`}>{title}</View>
        {children}
        <View className={`${block}__actions`}>
          <Button type="danger" round block loading={busy} onClick={onSubmit}>
            {submitText}
          </Button>
        </View>
      </View>
    </Popup>
  )
}

/**
 * One submission at a time for a form: the server's message (or a generic one) lands in `error`, shown
 * under the fields; the caller validates first and sets its own `error` for what it refuses.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setError('')
    try {
      await work()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '操作失败，请重试')
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, setError, run }
}
