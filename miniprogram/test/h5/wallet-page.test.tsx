import { fireEvent, render, screen } from '@testing-library/react'
import WalletPage from '../../src/packages/wallet/index/index'

// Taro fires useDidShow when the page shows; here it fires once on render.
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('../mocks/taro.js')
  const { useEffect } = jest.requireActual('react')
  return {
    ...actual,
    __esModule: true,
    default: actual,
    useDidShow: (fn: () => void) => useEffect(fn, []),
    useReachBottom: () => undefined,
  }
})

const respond = (status: number, body: unknown) => ({ status, json: async () => body }) as unknown as Response

const view = (entries: object[]) => ({
  ok: true,
  data: { balance: 8_000, bonus: 1_000, frozen: 500, withdrawable: 7_000, entries, cursor: null },
})

it('shows the balance, its buckets and the history, and asks again with the tab filter', async () => {
  const fetchMock = jest.fn().mockResolvedValue(
    respond(
      200,
      view([
        { id: 'pay_o1', amount: -7_500, bonusAmount: -500, kind: 'pay', label: '余额支付', at: 2 },
        { id: 'rcb_rc1', amount: 1_000, bonusAmount: 1_000, kind: 'bonus', label: '充值赠送', at: 1 },
      ]),
    ),
  )
  globalThis.fetch = fetchMock
  render(<WalletPage />)
  expect(await screen.findByText('80.00')).toBeTruthy()
  expect(screen.getByText('70.00')).toBeTruthy()
  expect(screen.getByText('10.00')).toBeTruthy()
  expect(screen.getByText('5.00')).toBeTruthy()
  expect(screen.getByText('余额支付')).toBeTruthy()
  expect(screen.getByText('-75.00')).toBeTruthy()
  expect(screen.getByText('含赠送金 ¥5.00')).toBeTruthy()
  expect(screen.getByText('+10.00')).toBeTruthy()
  fireEvent.click(screen.getByText('退款'))
  await screen.findByText('80.00')
  const bodies = (fetchMock.mock.calls as Array<[string, RequestInit | undefined]>)
    .filter(([url]) => url.endsWith('/functions/shop'))
    .map(([, init]) => JSON.parse(String(init?.body)))
  expect(bodies).toEqual([
    { action: 'user.wallet', input: { limit: 20, filter: 'all' } },
    { action: 'user.wallet', input: { limit: 20, filter: 'refund' } },
  ])
})
