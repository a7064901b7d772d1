import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../../../api'
import { toast } from '../../../ui'

/** What a merchant page has fetched: nothing yet, the failure to show, or the data. */
export type Load<T> = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; data: T }
export type NotReady = Exclude<Load<unknown>, { state: 'ready' }>

export const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))
export const toastError = (e: unknown) => toast(asApiError(e).message)

/**
 * One fetch for a page (`fetch` memoized by the caller; a new one fetches again). `reload` keeps what is
 * shown until the answer (a refresh after an action must not blank the page); only a retry after a failure
 * shows the skeleton again.
 */
export function useLoad<T>(fetch: () => Promise<T>) {
  const [load, setLoad] = useState<Load<T>>({ state: 'loading' })
  const reload = useCallback(async () => {
    setLoad((l) => (l.state === 'error' ? { state: 'loading' } : l))
    try {
      setLoad({ state: 'ready', data: await fetch() })
    } catch (e) {
      setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [fetch])
  useEffect(() => {
    void reload()
  }, [reload])
  const setData = (data: T) => setLoad({ state: 'ready', data })
  return { load, reload, setData }
}

export interface CursorPage<T> {
  items: T[]
  cursor: string | null
}

/**
 * A list read page by page: `fetchPage(cursor)` (memoized by the caller: a new one, e.g. another tab or
 * query, starts again from the first page). Answers to an older first page are dropped, so a fast tab
 * switch never shows the previous tab's rows; `onPage` sees every answer kept (the queue counts).
 */
export function useCursorList<P extends CursorPage<unknown>>(
  fetchPage: (cursor?: string) => Promise<P>,
  onPage?: (page: P) => void,
) {
  type T = P['items'][number]
  const [load, setLoad] = useState<Load<CursorPage<T>>>({ state: 'loading' })
  const [more, setMore] = useState(false)
  const generation = useRef(0)
  const seen = useRef(onPage)
  seen.current = onPage

  const reload = useCallback(async () => {
    const mine = ++generation.current
    setLoad({ state: 'loading' })
    try {
      const page = await fetchPage()
      if (mine !== generation.current) return
      seen.current?.(page)
      setLoad({ state: 'ready', data: { items: page.items, cursor: page.cursor } })
    } catch (e) {
      if (mine === generation.current) setLoad({ state: 'error', error: asApiError(e) })
    }
  }, [fetchPage])
  useEffect(() => {
    void reload()
  }, [reload])

  const loadMore = async () => {
    if (load.state !== 'ready' || !load.data.cursor || more) return
    const mine = generation.current
    const { items, cursor } = load.data
    setMore(true)
    try {
      const next = await fetchPage(cursor)
      if (mine !== generation.current) return
      seen.current?.(next)
      setLoad({ state: 'ready', data: { items: [...items, ...next.items], cursor: next.cursor } })
    } catch (e) {
      toastError(e)
    } finally {
      setMore(false)
    }
  }

  /** Drops rows handled on this page (shipped, for one) without reading the list again. */
  const removeWhere = (gone: (item: T) => boolean) =>
    setLoad((l) =>
      l.state === 'ready'
        ? { state: 'ready', data: { ...l.data, items: l.data.items.filter((x) => !gone(x)) } }
        : l,
    )

  return { load, more, reload, loadMore, removeWhere }
}
