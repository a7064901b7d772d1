import { formatYuan } from '../lib/money'
import type { CardProps } from './types'

export function Card(p: CardProps) {
  return (
    <van-card
      thumb={p.thumb}
      title={p.title}
      desc={p.desc}
      price={formatYuan(p.price)}
      originPrice={p.originPrice === undefined ? undefined : formatYuan(p.originPrice)}
      num={p.num}
      tag={p.tag}
      onClick={() => p.onClick?.()}
    />
  )
}
