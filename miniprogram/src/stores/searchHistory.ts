import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { persist } from './persist'

export const MAX_HISTORY = 10
export const MAX_KEYWORD = 30
export const SEARCH_KEY = 'mall:search'

export interface SearchHistoryState {
  keywords: string[]
  /** Most recent first, no duplicates; blank input is ignored. Returns whether it was recorded. */
  add: (keyword: string) => boolean
  clear: () => void
}

export const searchHistoryStore = createStore<SearchHistoryState>()((set, get) => ({
  keywords: [],
  add(keyword) {
    const k = keyword.trim().slice(0, MAX_KEYWORD)
    if (!k) return false
    set({ keywords: [k, ...get().keywords.filter((x) => x !== k)].slice(0, MAX_HISTORY) })
    return true
  },
  clear: () => set({ keywords: [] }),
}))
persist(searchHistoryStore, SEARCH_KEY, (s) => ({ keywords: s.keywords }))

export const useSearchHistory = <T>(select: (s: SearchHistoryState) => T): T =>
  useStore(searchHistoryStore, select)
