import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import home from '../fixtures/catalog-home.json'
import Home from '../../src/pages/home/index'
import { sessionStore } from '../../src/stores/session'

// fetch is the h5 transport's boundary with the gateway; the stub answers like the gateway would.
const respond = (status: number, body: unknown) => ({ status, json: async () => body }) as unknown as Response
let fetchMock: jest.Mock

beforeEach(() => {
  // A shopper who picked an identity: the only fetch is then the function call.
  sessionStore.getState().setDevIdentity({ openid: 'o_test_shopper', name: '测试顾客' })
  fetchMock = jest.fn()
  globalThis.fetch = fetchMock
})

describe('home page', () => {
  it('renders banners, category shortcuts and the product feed from one catalog.home call', async () => {
    fetchMock.mockResolvedValue(respond(200, { ok: true, data: home }))
    render(<Home />)
    expect(document.querySelector('.m-skeleton')).not.toBeNull()
    expect(await screen.findByText('无线蓝牙耳机 主动降噪 长续航')).toBeTruthy()

    expect(fetchMock).toHaveBeenCalledTimes(1)
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
    expect(url).toBe('/functions/shop')
    expect(JSON.parse(String(init.body))).toEqual({ action: 'catalog.home', input: {} })

    for (const c of home.categories) expect(screen.getByText(c.name)).toBeTruthy()
    expect(document.querySelectorAll('.product-card')).toHaveLength(4)
    // prices come in fen and are formatted only here
    expect(screen.getByText('¥199.00')).toBeTruthy()
    expect(screen.getByText('¥299.00')).toBeTruthy()
    expect(screen.getByText('会员 ¥49.90')).toBeTruthy()
    expect(screen.getByText('¥128.50')).toBeTruthy()
    expect(screen.getByText('已售 5021')).toBeTruthy()
    expect(document.querySelectorAll('.home__banner-image')).toHaveLength(2)
    expect(document.querySelector('.m-skeleton')).toBeNull()

    fireEvent.click(screen.getByText('纯棉短袖T恤 男女同款'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/goods/detail/index?id=p0002' })
  })

  it('shows the error with a retry that loads the page', async () => {
    fetchMock
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(respond(200, { ok: true, data: home }))
    render(<Home />)
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()
    expect(document.querySelectorAll('.product-card')).toHaveLength(0)
    fireEvent.click(screen.getByText('重新加载'))
    await waitFor(() => expect(document.querySelectorAll('.product-card')).toHaveLength(4))
    expect(fetchMock).toHaveBeenCalledTimes(2)
  })

  it('shows the server message of a failure envelope', async () => {
    fetchMock.mockResolvedValue(
      respond(502, { ok: false, code: 'FUNCTION_FAILED', message: '服务暂时不可用，请稍后再试' }),
    )
    render(<Home />)
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
  })

  it('shows an empty state when the feed is empty', async () => {
    fetchMock.mockResolvedValue(
      respond(200, { ok: true, data: { ...home, feed: { items: [], cursor: null } } }),
    )
    render(<Home />)
    expect(await screen.findByText('暂无商品，稍后再来看看')).toBeTruthy()
  })
})
