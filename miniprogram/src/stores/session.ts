import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { persist } from './persist'

export interface DevIdentity {
  openid: string
  name: string
}

export interface SessionState {
  /** h5 only: the identity the local gateway should act as (sent as x-mall-dev-openid). */
  devIdentity: DevIdentity | null
  setDevIdentity: (identity: DevIdentity | null) => void
}

export const SESSION_KEY = 'mall:session'

export const sessionStore = createStore<SessionState>()((set) => ({
  devIdentity: null,
  setDevIdentity: (devIdentity) => set({ devIdentity }),
}))
persist(sessionStore, SESSION_KEY, (s) => ({ devIdentity: s.devIdentity }))

export const useSession = <T>(select: (s: SessionState) => T): T => useStore(sessionStore, select)
