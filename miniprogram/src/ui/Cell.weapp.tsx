import type { CellProps } from './types'

export function Cell(p: CellProps) {
  return (
    <van-cell
      title={p.title}
      value={p.value}
      label={p.label}
      isLink={p.isLink}
      onClick={() => p.onClick?.()}
    />
  )
}
