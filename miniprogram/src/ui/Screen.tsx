import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { DialogHost } from './Dialog'
import { ToastHost } from './Toast'
import { PrivacyPopup } from '../components/privacy/PrivacyPopup'

/** Page root: every page renders inside one so toast(), confirm() and the privacy popup work everywhere. */
export function Screen({ children, className }: { children?: ReactNode; className?: string }) {
  return (
    <View className={`screen${className ? ` ${className}` : ''}`}>
      {children}
      <ToastHost />
      <DialogHost />
      <PrivacyPopup />
    </View>
  )
}
