import type { AftersaleQuote, AftersaleType } from '@mall/contract'
import { useEffect, useRef, useState } from 'react'
import { ApiError, call } from '../../../api'

export type QuoteState =
  | { state: 'idle' }
  | { state: 'loading'; last: AftersaleQuote | null }
  | { state: 'ready'; quote: AftersaleQuote }
  | { state: 'error'; error: ApiError }

const DEBOUNCE_MS = 250

/**
 * The server's offer for the current selection. Steppers fire on every tap, so calls are debounced and
 * an answer that arrives after a newer selection is dropped (the shopper must never see a stale amount).
 */
export function useQuote(
  orderId: string,
  type: AftersaleType | null,
  lines: Array<{ skuId: string; quantity: number }>,
): QuoteState {
  const [quote, setQuote] = useState<QuoteState>({ state: 'idle' })
  const generation = useRef(0)
  const key = type ? `${type}|${lines.map((l) => `${l.skuId}:${l.quantity}`).join(',')}` : ''
  const latest = useRef(lines)
  latest.current = lines

  useEffect(() => {
    const mine = ++generation.current
    if (!type || latest.current.length === 0) return setQuote({ state: 'idle' })
    setQuote((q) => ({
      state: 'loading',
      last: q.state === 'ready' ? q.quote : q.state === 'loading' ? q.last : null,
    }))
    const timer = setTimeout(() => {
      call('aftersale.quote', { orderId, type, lines: latest.current })
        .then((q) => mine === generation.current && setQuote({ state: 'ready', quote: q }))
        .catch((e: unknown) => {
          if (mine === generation.current)
            setQuote({ state: 'error', error: e instanceof ApiError ? e : new ApiError('INTERNAL') })
        })
    }, DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [orderId, type, key])

  return quote
}
