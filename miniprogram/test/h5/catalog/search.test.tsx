import type { ActionInput } from '@mall/contract'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import SearchPage from '../../../src/packages/goods/search/index'
import { searchHistoryStore } from '../../../src/stores/searchHistory'
import { card } from './fixtures'
import { installGateway } from './gateway'
import { fire, pageEvents } from './taro-mock'

jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro')
  const { taroOverrides } = jest.requireActual('./taro-mock')
  return { ...actual, ...taroOverrides, default: Object.assign(actual.default, taroOverrides) }
})

const page1 = [card('p1', '蓝牙耳机 Pro', 19900), card('p2', '蓝牙耳机 Lite', 9900)]
const page2 = [card('p3', '蓝牙音箱', 29900)]
const brands = [
  { id: 'b1', name: '声学' },
  { id: 'b2', name: '悦听' },
]

function gateway() {
  return installGateway({
    'catalog.search': (input: ActionInput<'catalog.search'>) =>
      input.keyword === '没有的东西'
        ? { items: [], cursor: null }
        : input.cursor === 'next'
          ? { items: page2, cursor: null }
          : { items: page1, cursor: 'next', brands },
    'catalog.hotWords': () => ({ words: ['耳机', '保温杯'] }),
    'catalog.categories': () => ({
      tree: [{ id: 'c1', name: '数码家电', icon: '', level: 1, children: [] }],
    }),
  })
}

/**
 * Taro's <Input> is a stencil web component: <taro-input-core> is in the DOM at once, the <input> inside
 * it only after the component's own render, which a busy machine can leave until after the popup's text
 * appears. So wait for that inner element, not for anything else on the page.
 */
const typeInto = async (field: string, value: string) => {
  const input = await waitFor(() => {
    const el = document.querySelector(`${field} taro-input-core input`)
    if (!el) throw new Error(`${field}: <input> not rendered yet`)
    return el
  })
  fireEvent.input(input, { target: { value } })
}

beforeEach(() => {
  jest.clearAllMocks()
  searchHistoryStore.getState().clear()
  pageEvents.params = {}
})

describe('search page', () => {
  it('searches the keyword it was opened with and pages by cursor on reach-bottom until the end', async () => {
    pageEvents.params = { keyword: '耳机' }
    const gw = gateway()
    render(<SearchPage />)
    expect(await screen.findByText('蓝牙耳机 Pro')).toBeTruthy()
    expect(gw.of('catalog.search')).toEqual([{ keyword: '耳机', sort: 'default', pageSize: 20 }])

    act(() => fire(pageEvents.reachBottom))
    expect(await screen.findByText('蓝牙音箱')).toBeTruthy()
    expect(gw.of('catalog.search')[1]).toEqual({
      keyword: '耳机',
      sort: 'default',
      pageSize: 20,
      cursor: 'next',
    })
    expect(document.querySelectorAll('.product-card')).toHaveLength(3)
    expect(screen.getByText('没有更多了')).toBeTruthy()

    act(() => fire(pageEvents.reachBottom))
    await new Promise((r) => setTimeout(r, 20))
    expect(gw.of('catalog.search')).toHaveLength(2)

    fireEvent.click(screen.getByText('蓝牙音箱'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/goods/detail/index?id=p3' })
  })

  it('changes the sort from the first page', async () => {
    pageEvents.params = { keyword: '耳机' }
    const gw = gateway()
    render(<SearchPage />)
    await screen.findByText('蓝牙耳机 Pro')
    const sorts = [...document.querySelectorAll('.m-tabs__tab')].map((t) => t.textContent)
    expect(sorts).toEqual(['综合', '销量', '价格↑', '价格↓', '新品'])
    for (const [label, sort] of [
      ['销量', 'sales'],
      ['价格↑', 'priceAsc'],
      ['价格↓', 'priceDesc'],
      ['新品', 'newest'],
    ]) {
      fireEvent.click(screen.getByText(label))
      await waitFor(() =>
        expect(gw.of('catalog.search').at(-1)).toEqual({ keyword: '耳机', sort, pageSize: 20 }),
      )
    }
  })

  it('applies price range, brands, category, in-stock and promotion filters from the popup', async () => {
    pageEvents.params = { keyword: '耳机' }
    const gw = gateway()
    render(<SearchPage />)
    await screen.findByText('蓝牙耳机 Pro')
    fireEvent.click(screen.getByText('筛选'))
    // brands come from the first page; the category choices load when the popup opens
    expect(await screen.findByText('数码家电')).toBeTruthy()
    await typeInto('.filters__price-min', '50')
    await typeInto('.filters__price-max', '199.9')
    fireEvent.click(screen.getByText('悦听'))
    fireEvent.click(screen.getByText('数码家电'))
    fireEvent.click(screen.getByText('仅看有货'))
    fireEvent.click(screen.getByText('促销商品'))
    const before = gw.of('catalog.search').length
    fireEvent.click(screen.getByText('确定'))
    await waitFor(() => expect(gw.of('catalog.search')).toHaveLength(before + 1))
    expect(gw.of('catalog.search').at(-1)).toEqual({
      keyword: '耳机',
      sort: 'default',
      pageSize: 20,
      categoryId: 'c1',
      brandIds: ['b2'],
      minPrice: 5000,
      maxPrice: 19990,
      inStock: true,
      onPromotion: true,
    })
    expect(screen.getByText('筛选(5)')).toBeTruthy()
    expect(screen.getByText('分类：数码家电')).toBeTruthy()
  })

  it('refuses a price range whose minimum is above its maximum and searches nothing', async () => {
    pageEvents.params = { keyword: '耳机' }
    const gw = gateway()
    render(<SearchPage />)
    await screen.findByText('蓝牙耳机 Pro')
    fireEvent.click(screen.getByText('筛选'))
    await screen.findByText('数码家电')
    await typeInto('.filters__price-min', '300')
    await typeInto('.filters__price-max', '100')
    fireEvent.click(screen.getByText('确定'))
    expect(await screen.findByText('最低价不能高于最高价')).toBeTruthy()
    expect(gw.of('catalog.search')).toHaveLength(1)
    await typeInto('.filters__price-max', '1.234')
    fireEvent.click(screen.getByText('确定'))
    expect(await screen.findByText('请输入正确的价格')).toBeTruthy()
    expect(gw.of('catalog.search')).toHaveLength(1)
  })

  it('opened from a category leaf, searches that category', async () => {
    pageEvents.params = { categoryId: 'c121', categoryName: encodeURIComponent('蓝牙耳机') }
    const gw = gateway()
    render(<SearchPage />)
    await screen.findByText('蓝牙耳机 Pro')
    expect(gw.of('catalog.search')).toEqual([{ categoryId: 'c121', sort: 'default', pageSize: 20 }])
    expect(screen.getByText('分类：蓝牙耳机')).toBeTruthy()
  })

  it('without a query shows history and hot words; a hot word searches and is remembered', async () => {
    searchHistoryStore.getState().add('保温杯')
    const gw = gateway()
    render(<SearchPage />)
    expect(await screen.findByText('热门搜索')).toBeTruthy()
    expect(screen.getByText('最近搜索')).toBeTruthy()
    expect(gw.actions()).toEqual(['catalog.hotWords'])
    fireEvent.click(screen.getByText('耳机'))
    expect(await screen.findByText('蓝牙耳机 Pro')).toBeTruthy()
    expect(gw.of('catalog.search')).toEqual([{ keyword: '耳机', sort: 'default', pageSize: 20 }])
    expect(searchHistoryStore.getState().keywords).toEqual(['耳机', '保温杯'])
  })

  it('shows the empty state when nothing matches', async () => {
    pageEvents.params = { keyword: '没有的东西' }
    gateway()
    render(<SearchPage />)
    expect(await screen.findByText('没有找到相关商品，换个词试试')).toBeTruthy()
    expect(document.querySelectorAll('.product-card')).toHaveLength(0)
  })
})
