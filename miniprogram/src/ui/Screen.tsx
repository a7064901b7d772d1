import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { DialogHost } from './Dialog'
import { ToastHost } from './Toast'

/** Page root: every page renders inside one so toast() and confirm() work everywhere. */
export function Screen({ children, className }: { children?: ReactNode; className?: string }) {
  return (
    <View className={`screen${className ? ` ${className}` : ''}`}>
      {children}
      <ToastHost />
      <DialogHost />
    </View>
  )
}
