import type { CategoryNode } from '@mall/contract'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Category from '../../../src/pages/category/index'
import { installGateway, Refusal } from './gateway'

const node = (id: string, name: string, level: 1 | 2 | 3, children: CategoryNode[] = []): CategoryNode => ({
  id,
  name,
  icon: `/img/${id}.png`,
  level,
  children,
})

const tree: CategoryNode[] = [
  node('c1', '数码家电', 1, [
    node('c11', '手机通讯', 2, [node('c111', '智能手机', 3), node('c112', '手机壳膜', 3)]),
    node('c12', '耳机音响', 2, [node('c121', '蓝牙耳机', 3)]),
  ]),
  node('c2', '服饰鞋包', 1, [node('c21', '男装', 2, [node('c211', 'T恤', 3), node('c212', '衬衫', 3)])]),
]

beforeEach(() => jest.clearAllMocks())

describe('category page', () => {
  it('shows level 1 in the sidebar and level 2 sections with level 3 tiles from one catalog.categories call', async () => {
    const gw = installGateway({ 'catalog.categories': () => ({ tree }) })
    render(<Category />)
    expect(await screen.findByText('智能手机')).toBeTruthy()
    expect(gw.actions()).toEqual(['catalog.categories'])

    const sidebar = [...document.querySelectorAll('.m-sidebar__item')].map((e) => e.textContent)
    expect(sidebar).toEqual(['数码家电', '服饰鞋包'])
    expect([...document.querySelectorAll('.category__section-title')].map((e) => e.textContent)).toEqual([
      '手机通讯',
      '耳机音响',
    ])
    expect(document.querySelectorAll('.category__tile')).toHaveLength(3)
    expect(screen.queryByText('T恤')).toBeNull()

    fireEvent.click(screen.getByText('服饰鞋包'))
    expect(await screen.findByText('T恤')).toBeTruthy()
    expect(screen.queryByText('智能手机')).toBeNull()
    expect(document.querySelectorAll('.category__tile')).toHaveLength(2)
    // switching sections is local: no further call
    expect(gw.actions()).toEqual(['catalog.categories'])
  })

  it('opens search filtered by the tapped leaf category', async () => {
    installGateway({ 'catalog.categories': () => ({ tree }) })
    render(<Category />)
    fireEvent.click(await screen.findByText('蓝牙耳机'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/packages/goods/search/index?categoryId=c121&categoryName=%E8%93%9D%E7%89%99%E8%80%B3%E6%9C%BA',
    })
  })

  it('shows the server message with a retry that loads the tree', async () => {
    let fail = true
    const gw = installGateway({
      'catalog.categories': () => (fail ? new Refusal('INTERNAL', '服务繁忙，请稍后再试') : { tree }),
    })
    render(<Category />)
    expect(await screen.findByText('服务繁忙，请稍后再试')).toBeTruthy()
    fail = false
    fireEvent.click(screen.getByText('重新加载'))
    expect(await screen.findByText('智能手机')).toBeTruthy()
    await waitFor(() => expect(gw.of('catalog.categories')).toHaveLength(2))
  })
})
