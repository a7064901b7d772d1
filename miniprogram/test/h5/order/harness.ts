import Taro from '@tarojs/taro'
import { configure } from '@testing-library/react'
import { sessionStore } from '../../../src/stores/session'

// Taro's web components render asynchronously; on two shared cores a full run needs more than 1 s.
configure({ asyncUtilTimeout: 5000 })

// fetch is the h5 transport's boundary with the gateway: each action answers from a queue of envelopes,
// the last one repeating. Every request is recorded as {fn, action, input}.
type Envelope = { ok: true; data: unknown } | { ok: false; code: string; message?: string }
export type Answer = Envelope | Error

export interface Sent {
  fn: string
  action: string
  input: Record<string, unknown>
}

export const ok = (data: unknown): Envelope => ({ ok: true, data })
export const fail = (code: string, message?: string): Envelope => ({ ok: false, code, message })

export function gateway(answers: Record<string, Answer[]>) {
  const sent: Sent[] = []
  // A shopper who picked an identity: every fetch below is then a function call.
  sessionStore.getState().setDevIdentity({ openid: 'o_test_shopper', name: '测试顾客' })
  const queues = new Map(Object.entries(answers).map(([k, v]) => [k, [...v]]))
  const fetchMock = jest.fn(async (url: string, init: RequestInit) => {
    const { action, input } = JSON.parse(String(init.body)) as {
      action: string
      input: Record<string, unknown>
    }
    sent.push({ fn: url.replace('/functions/', ''), action, input })
    const q = queues.get(action)
    if (!q || q.length === 0) throw new Error(`no answer for ${action}`)
    const answer = q.length > 1 ? q.shift()! : q[0]
    if (answer instanceof Error) throw answer
    const status = answer.ok ? 200 : 400
    return { status, json: async () => answer } as unknown as Response
  })
  globalThis.fetch = fetchMock as unknown as typeof fetch
  return {
    sent,
    calls: (action: string) => sent.filter((s) => s.action === action),
    /** replaces what an action answers from now on */
    answer: (action: string, ...next: Answer[]) => queues.set(action, next),
  }
}

type Hooked = typeof Taro & Record<string, jest.Mock | ((...a: never[]) => unknown)>

// Installed when this module loads, so import it BEFORE a page: a page importing both the default and
// named exports of @tarojs/taro gets a copy of the module object taken at its own import time.
let params: Record<string, string> = {}
const redirectTo = jest.fn(() => Promise.resolve())
const navigateBack = jest.fn(() => Promise.resolve())
Object.assign(Taro as Hooked, {
  useRouter: () => ({ params }),
  useDidHide: () => {},
  useReachBottom: () => {},
  redirectTo,
  navigateBack,
})

/** The Taro slice these pages use beyond the shared mock: router params, page hooks, navigation. */
export function taroPage(next: Record<string, string> = {}) {
  params = next
  redirectTo.mockClear()
  navigateBack.mockClear()
  ;(Taro.navigateTo as jest.Mock).mockClear()
  return { redirectTo, navigateBack }
}
