// A stand-in for the local gateway at the h5 transport's boundary (fetch): each action answers from a
// handler, every request is recorded, and a handler may fail with a contract error envelope.
import type { ActionInput, ActionName, ActionOutput, ErrorCode } from '@mall/contract'
import { configure } from '@testing-library/react'
import { sessionStore } from '../../../src/stores/session'

// Taro's web components render asynchronously; on two shared cores a full run needs more than 1 s.
configure({ asyncUtilTimeout: 5000 })

export class Refusal {
  constructor(
    readonly code: ErrorCode,
    readonly message: string,
  ) {}
}

type Handler<A extends ActionName> = (input: ActionInput<A>) => ActionOutput<A> | Refusal
export type Handlers = { [A in ActionName]?: Handler<A> }

export interface Call {
  action: ActionName
  input: Record<string, unknown>
}

export function installGateway(handlers: Handlers) {
  const calls: Call[] = []
  // A shopper who picked an identity: every fetch below is then a function call.
  sessionStore.getState().setDevIdentity({ openid: 'o_test_shopper', name: '测试顾客' })
  const fetchMock = jest.fn(async (_url: string, init: RequestInit) => {
    const { action, input } = JSON.parse(String(init.body)) as Call
    calls.push({ action, input })
    const handler = handlers[action] as ((i: unknown) => unknown) | undefined
    const body = !handler
      ? { ok: false, code: 'NOT_FOUND', message: `no handler for ${action}` }
      : (() => {
          const out = handler(input)
          return out instanceof Refusal
            ? { ok: false, code: out.code, message: out.message }
            : { ok: true, data: out }
        })()
    return { status: body.ok ? 200 : 400, json: async () => body } as unknown as Response
  })
  globalThis.fetch = fetchMock as unknown as typeof fetch
  return {
    calls,
    of: (action: ActionName) => calls.filter((c) => c.action === action).map((c) => c.input),
    actions: () => calls.map((c) => c.action),
  }
}
