import { View } from '@tarojs/components'
import type { PopupProps } from './types'
import './h5.css'

export function Popup(p: PopupProps) {
  if (!p.show) return null
  const position = p.position ?? 'bottom'
  return (
    <View className="m-overlay" onClick={() => p.onClose?.()}>
      <View
        className={`m-popup m-popup--${position}${p.round === false ? '' : ' m-popup--round'}`}
        onClick={(e) => e.stopPropagation()}
      >
        {p.closeable ? (
          <View className="m-popup__close" role="button" aria-label="关闭" onClick={() => p.onClose?.()}>
            ×
          </View>
        ) : null}
        {p.children}
      </View>
    </View>
  )
}
