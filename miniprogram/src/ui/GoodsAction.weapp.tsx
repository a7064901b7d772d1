import type { GoodsActionProps } from './types'

export function GoodsAction(p: GoodsActionProps) {
  return (
    <van-goods-action>
      {(p.icons ?? []).map((i) => (
        <van-goods-action-icon
          key={i.text}
          icon={i.icon}
          text={i.text}
          info={i.info}
          openType={i.openType}
          onClick={() => !i.openType && i.onClick?.()}
        />
      ))}
      {p.buttons.map((b) => (
        <van-goods-action-button
          key={b.text}
          text={b.text}
          type={b.type ?? 'danger'}
          disabled={b.disabled}
          onClick={() => b.onClick?.()}
        />
      ))}
    </van-goods-action>
  )
}
