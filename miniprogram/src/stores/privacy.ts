/**
 * Privacy consent. WeChat blocks every privacy API (phone, address, avatar, clipboard, location, album) until
 * the user agrees to the mini-program's privacy guide; when one is called first, it fires
 * `onNeedPrivacyAuthorization` and waits for our popup (components/privacy) to answer. h5 has no such event,
 * so the popup shows at first launch and the answer is remembered here.
 *
 *   requirePrivacy()      every caller of a privacy API awaits it first (false = refused: do not call)
 *   privacyConsented()    what the tracking SDK checks: nothing is tracked before consent
 *
 * The consent is recorded on the server too (`member.privacy.agree`, users.privacy), retried at the next
 * launch if that call failed.
 */
import Taro from '@tarojs/taro'
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import { PRIVACY_VERSION } from '@mall/contract'
import { call } from '../api'
import { toast } from '../ui/feedback'
import { persist } from './persist'

export interface PrivacyState {
  /** the policy version agreed to, null = never */
  agreedVersion: string | null
  agreedAt: number | null
  /** the last refusal (h5 does not ask again at every launch after it) */
  refusedAt: number | null
  /** the server has the current consent */
  recorded: boolean
  /** the popup is open */
  show: boolean
}

export const PRIVACY_KEY = 'mall:privacy'
/** The id of the popup's agree button: WeChat checks that exactly this button was tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree'

export const privacyStore = createStore<PrivacyState>()(() => ({
  agreedVersion: null,
  agreedAt: null,
  refusedAt: null,
  recorded: false,
  show: false,
}))
persist(privacyStore, PRIVACY_KEY, (s) => ({
  agreedVersion: s.agreedVersion,
  agreedAt: s.agreedAt,
  refusedAt: s.refusedAt,
  recorded: s.recorded,
}))

export const usePrivacy = <T>(select: (s: PrivacyState) => T): T => useStore(privacyStore, select)

type WxResolve = (o: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void

/** WeChat's pending privacy API calls (each waits for our answer). */
const wxPending: WxResolve[] = []
/** Our own callers waiting in requirePrivacy(). */
const waiters: Array<(ok: boolean) => void> = []

/** The answer tracking and analytics check: true only after the current policy was agreed to. */
export const privacyConsented = (): boolean => privacyStore.getState().agreedVersion === PRIVACY_VERSION

const weapp = process.env.TARO_ENV === 'weapp'

function open(): void {
  privacyStore.setState({ show: true })
}

function settle(ok: boolean): void {
  privacyStore.setState({ show: false })
  for (const w of waiters.splice(0)) w(ok)
}

function record(): void {
  call('member.privacy.agree', { version: PRIVACY_VERSION }).then(
    () => privacyStore.setState({ recorded: true }),
    // kept false: the next launch sends it again
    () => undefined,
  )
}

/** The popup's agree button (on weapp it is also WeChat's `agreePrivacyAuthorization` button). */
export function agreePrivacy(): void {
  privacyStore.setState({
    agreedVersion: PRIVACY_VERSION,
    agreedAt: Date.now(),
    refusedAt: null,
    recorded: false,
  })
  for (const r of wxPending.splice(0)) r({ event: 'agree', buttonId: AGREE_BUTTON_ID })
  settle(true)
  record()
}

export function refusePrivacy(): void {
  privacyStore.setState({ refusedAt: Date.now() })
  for (const r of wxPending.splice(0)) r({ event: 'disagree' })
  settle(false)
}

/** WeChat's own view on weapp (the user may have agreed in an earlier install); undefined when unknown. */
function wechatNeedsAuthorization(): Promise<boolean | undefined> {
  if (!weapp || typeof Taro.getPrivacySetting !== 'function') return Promise.resolve(undefined)
  return new Promise((resolve) => {
    Taro.getPrivacySetting({
      success: (r) => resolve(r.needAuthorization),
      fail: () => resolve(undefined),
    })
  })
}

/**
 * Resolves true once the user has agreed (asking with the popup if needed), false if they refuse. Call it
 * before any privacy API; on false, do not call the API.
 */
export async function requirePrivacy(): Promise<boolean> {
  if (privacyConsented()) {
    // WeChat may still ask (a new privacy type in the guide): its event then opens the popup itself.
    return true
  }
  if ((await wechatNeedsAuthorization()) === false) {
    // Agreed with WeChat already (before this version of the app kept its own record).
    agreePrivacy()
    return true
  }
  const answer = new Promise<boolean>((resolve) => waiters.push(resolve))
  open()
  const ok = await answer
  if (!ok) toast('同意隐私政策后才能使用该功能')
  return ok
}

let initialised = false

/** At launch (app.ts): WeChat's event opens our popup; h5 asks once at first launch. */
export function initPrivacy(): void {
  if (initialised) return
  initialised = true
  const s = privacyStore.getState()
  if (privacyConsented() && !s.recorded) record()
  if (weapp) {
    if (typeof Taro.onNeedPrivacyAuthorization === 'function')
      Taro.onNeedPrivacyAuthorization((resolve) => {
        wxPending.push(resolve as WxResolve)
        ;(resolve as WxResolve)({ event: 'exposureAuthorization' })
        open()
      })
    return
  }
  if (!privacyConsented() && s.refusedAt === null) open()
}
