import { act, render } from '@testing-library/react'

const mockSetBadge = jest.fn((_o: unknown) => Promise.resolve())
const mockRemoveBadge = jest.fn((_o: unknown) => Promise.resolve())
// Taro fires useDidShow when the page shows; here it fires once on render.
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('../mocks/taro.js')
  const { useEffect } = jest.requireActual('react')
  const taro = {
    ...actual,
    setTabBarBadge: (o: unknown) => mockSetBadge(o),
    removeTabBarBadge: (o: unknown) => mockRemoveBadge(o),
  }
  return { ...taro, __esModule: true, default: taro, useDidShow: (fn: () => void) => useEffect(fn, []) }
})
import { noteCart, useCartBadge } from '../../src/lib/cartBadge'
import { sessionStore } from '../../src/stores/session'

function TabPage({ read }: { read?: boolean }) {
  useCartBadge({ read })
  return null
}

const respond = (body: unknown) => ({ status: 200, json: async () => body }) as unknown as Response

it('the cart tab shows the units in the cart, 99+ past 99, and nothing for an empty cart', async () => {
  globalThis.fetch = jest.fn(async () =>
    respond({ ok: true, data: { items: [{ quantity: 2 }, { quantity: 1 }] } }),
  ) as unknown as typeof fetch
  act(() => sessionStore.getState().setDevIdentity({ openid: 'o_a', name: 'A' }))
  // home never reads the cart (its first screen is one call)
  const home = render(<TabPage read={false} />)
  expect(globalThis.fetch).not.toHaveBeenCalled()
  home.unmount()
  render(<TabPage />)
  await act(async () => undefined)
  expect(mockSetBadge).toHaveBeenLastCalledWith({ index: 2, text: '3' })
  noteCart({ items: [{ quantity: 120 }] }, true)
  expect(mockSetBadge).toHaveBeenLastCalledWith({ index: 2, text: '99+' })
  noteCart({ items: [] }, true)
  expect(mockRemoveBadge).toHaveBeenLastCalledWith({ index: 2 })
})
