import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../../api'

export interface Page<T> {
  items: T[]
  cursor: string | null
}

export interface Paged<T> {
  items: T[]
  /** null: nothing more to load */
  cursor: string | null
  loading: boolean
  error: ApiError | null
  /** replaces everything with the first page */
  reload: () => Promise<void>
  /** appends the next page; a no-op while loading or at the end */
  loadMore: () => Promise<void>
  /** starts from an already fetched first page (e.g. the home feed of catalog.home) */
  seed: (page: Page<T>) => void
  setItems: (update: (items: T[]) => T[]) => void
}

/**
 * Cursor pagination. A generation counter drops answers to a request made before the last reload, so a
 * slow page of an old query never lands in the list of a new one.
 */
export function usePaged<T>(fetchPage: (cursor: string | undefined) => Promise<Page<T>>): Paged<T> {
  const [state, setState] = useState<{ items: T[]; cursor: string | null; started: boolean }>({
    items: [],
    cursor: null,
    started: false,
  })
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<ApiError | null>(null)
  const gen = useRef(0)
  const busy = useRef(false)
  // the bottom was reached while a page was loading: the next page follows it (the shopper is still at
  // the bottom, and Taro fires reach-bottom only on crossing the threshold again)
  const wanted = useRef(false)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage

  const run = useCallback(async (cursor: string | undefined, replace: boolean) => {
    if (replace) wanted.current = false
    const mine = replace ? ++gen.current : gen.current
    busy.current = true
    setLoading(true)
    setError(null)
    try {
      const page = await fetchRef.current(cursor)
      if (mine !== gen.current) return
      setState((s) => ({
        items: replace ? page.items : [...s.items, ...page.items],
        cursor: page.cursor,
        started: true,
      }))
    } catch (e) {
      if (mine !== gen.current) return
      setError(e instanceof ApiError ? e : new ApiError('INTERNAL'))
    } finally {
      if (mine === gen.current) {
        busy.current = false
        setLoading(false)
      }
    }
  }, [])

  const reload = useCallback(() => run(undefined, true), [run])
  const stateRef = useRef(state)
  stateRef.current = state
  const loadMore = useCallback(async () => {
    const { cursor, started } = stateRef.current
    if (busy.current) {
      wanted.current = true
      return
    }
    if (!started || cursor === null) return
    await run(cursor, false)
  }, [run])
  // once the page that was loading has landed (and rendered, so the cursor is its end), the wanted one
  useEffect(() => {
    if (loading || !wanted.current) return
    wanted.current = false
    void loadMore()
  }, [loading, state, loadMore])
  const seed = useCallback((page: Page<T>) => {
    gen.current++
    busy.current = false
    wanted.current = false
    setLoading(false)
    setError(null)
    setState({ items: page.items, cursor: page.cursor, started: true })
  }, [])
  const setItems = useCallback(
    (update: (items: T[]) => T[]) => setState((s) => ({ ...s, items: update(s.items) })),
    [],
  )
  return { items: state.items, cursor: state.cursor, loading, error, reload, loadMore, seed, setItems }
}
