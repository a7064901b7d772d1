import { render, screen } from '@testing-library/react'
import Me from '../../src/pages/me/index'

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
  // the header's member.me, then the wallet
  expect(calls.map(([, init]) => JSON.parse(String(init?.body)))).toEqual([
    { action: 'member.me', input: {} },
    { action: 'user.wallet', input: { limit: 1 } },
  ])
  unmount()
  globalThis.fetch = jest
    .fn()
    .mockResolvedValue(respond(502, { ok: false, code: 'FUNCTION_FAILED', message: 'x' }))
  render(<Me />)
  expect(await screen.findByText('--')).toBeTruthy()
})
