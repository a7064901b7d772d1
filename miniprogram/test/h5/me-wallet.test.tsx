import { act, render, screen, waitFor } from '@testing-library/react'
import Me from '../../src/pages/me/index'
import { sessionStore } from '../../src/stores/session'

// Taro fires useDidShow when the page shows; here it fires once on render.
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('../mocks/taro.js')
  const { useEffect } = jest.requireActual('react')
  return { ...actual, __esModule: true, default: actual, useDidShow: (fn: () => void) => useEffect(fn, []) }
})

const respond = (status: number, body: unknown) => ({ status, json: async () => body }) as unknown as Response

it('shows the shopper’s wallet balance from user.wallet, and -- when it cannot be read', async () => {
  const fetchMock = jest
    .fn()
    .mockResolvedValue(respond(200, { ok: true, data: { balance: 12495, entries: [] } }))
  globalThis.fetch = fetchMock
  const { unmount } = render(<Me />)
  expect(await screen.findByText('¥124.95')).toBeTruthy()
  const calls = (fetchMock.mock.calls as Array<[string, RequestInit | undefined]>).filter(([url]) =>
    url.endsWith('/functions/shop'),
  )
  // the header's member.me, the wallet, the order badges and the cart tab's count: one call each
  const sent = calls.map(([, init]) => JSON.parse(String(init?.body)) as { action: string })
  expect(sent.map((c) => c.action).sort()).toEqual(['cart.get', 'member.me', 'order.counts', 'user.wallet'])
  expect(sent.find((c) => c.action === 'user.wallet')).toEqual({ action: 'user.wallet', input: { limit: 1 } })
  unmount()
  globalThis.fetch = jest
    .fn()
    .mockResolvedValue(respond(502, { ok: false, code: 'FUNCTION_FAILED', message: 'x' }))
  render(<Me />)
  expect(await screen.findByText('--')).toBeTruthy()
})

it('switching the h5 identity shows the new shopper’s balance and badges, never the previous one’s', async () => {
  const balances: Record<string, number> = { o_a: 50000, o_b: 20000 }
  const pending: Record<string, number> = { o_a: 3, o_b: 0 }
  globalThis.fetch = jest.fn(async (_url: string, init?: RequestInit) => {
    const who = (init?.headers as Record<string, string> | undefined)?.['x-mall-dev-openid'] ?? ''
    const { action } = JSON.parse(String(init?.body ?? '{}')) as { action: string }
    if (action === 'user.wallet')
      return respond(200, { ok: true, data: { balance: balances[who], entries: [] } })
    if (action === 'order.counts')
      return respond(200, {
        ok: true,
        data: { awaitingPayment: pending[who], paid: 0, shipped: 0, aftersale: 0 },
      })
    return respond(200, { ok: true, data: { nickname: who, phone: '', phoneBound: false } })
  }) as unknown as typeof fetch
  act(() => sessionStore.getState().setDevIdentity({ openid: 'o_a', name: 'A' }))
  render(<Me />)
  expect(await screen.findByText('¥500.00')).toBeTruthy()
  expect(document.querySelector('.me__badge')?.textContent).toBe('3')
  act(() => sessionStore.getState().setDevIdentity({ openid: 'o_b', name: 'B' }))
  // at once: A's figures are gone before B's arrive
  expect(screen.queryByText('¥500.00')).toBeNull()
  expect(await screen.findByText('¥200.00')).toBeTruthy()
  await waitFor(() => expect(document.querySelector('.me__badge')).toBeNull())
})
