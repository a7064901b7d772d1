import type { PopupProps } from './types'

export function Popup(p: PopupProps) {
  return (
    <van-popup
      show={p.show}
      position={p.position ?? 'bottom'}
      round={p.round ?? true}
      closeable={p.closeable}
      onClose={() => p.onClose?.()}
    >
      {p.children}
    </van-popup>
  )
}
