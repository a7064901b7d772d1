import type { ErrorCode } from '@mall/contract'
import { Button, Empty, Skeleton } from '../../../ui'
import type { NotReady } from './load'

interface Props {
  load: NotReady
  onRetry: () => void
  rows?: number
  /** Failures a retry cannot change, besides FORBIDDEN: no 重新加载 button. */
  final?: readonly ErrorCode[]
}

/** A merchant page before its data is there: the skeleton, or the failure with 重新加载. */
export function LoadState({ load, onRetry, rows = 6, final = [] }: Props) {
  if (load.state === 'loading') return <Skeleton loading rows={rows} title />
  const { error } = load
  return (
    <Empty image="error" description={error.message}>
      {error.code === 'FORBIDDEN' || final.includes(error.code) ? null : (
        <Button type="danger" round size="small" onClick={onRetry}>
          重新加载
        </Button>
      )}
    </Empty>
  )
}
