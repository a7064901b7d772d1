import type { SavedProduct } from '@mall/contract'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Favorites from '../../../src/packages/user/favorites/index'
import Footprints from '../../../src/packages/user/footprints/index'
import { settleDialog } from '../../../src/ui/feedback'
import { card } from './fixtures'
import { installGateway } from './gateway'

const saved = (id: string, title: string, extra: Partial<SavedProduct> = {}): SavedProduct => ({
  ...card(id, title, 4900),
  status: 'onShelf',
  at: Date.UTC(2026, 0, 1),
  ...extra,
})

describe('favourites and footprints', () => {
  it('lists favourites, marks off-shelf ones and removes one through the server', async () => {
    const gw = installGateway({
      'user.favorites.list': () => ({
        items: [saved('p1', '羊毛围巾'), saved('p2', '复古台灯', { status: 'offShelf' })],
        cursor: null,
      }),
      'user.favorites.remove': () => ({ removed: 1 }),
    })
    render(<Favorites />)
    expect(await screen.findByText('羊毛围巾')).toBeTruthy()
    expect(screen.getByText('已下架')).toBeTruthy()
    expect(gw.of('user.favorites.list')).toEqual([{}])
    fireEvent.click(screen.getAllByText('取消收藏')[0])
    await waitFor(() => expect(screen.queryByText('羊毛围巾')).toBeNull())
    expect(gw.of('user.favorites.remove')).toEqual([{ spuIds: ['p1'] }])
  })

  it('shows the empty state without favourites', async () => {
    installGateway({ 'user.favorites.list': () => ({ items: [], cursor: null }) })
    render(<Favorites />)
    expect(await screen.findByText('还没有收藏的商品')).toBeTruthy()
  })

  it('clears every footprint after confirmation', async () => {
    const gw = installGateway({
      'user.footprints.list': () => ({
        items: [saved('p1', '羊毛围巾'), saved('p3', '陶瓷马克杯')],
        cursor: null,
      }),
      'user.footprints.clear': () => ({ removed: 2 }),
    })
    render(<Footprints />)
    expect(await screen.findByText('陶瓷马克杯')).toBeTruthy()
    fireEvent.click(screen.getByText('清空'))
    expect(await screen.findByText('确定清空全部浏览记录吗？')).toBeTruthy()
    act(() => settleDialog(true))
    expect(await screen.findByText('还没有浏览过商品')).toBeTruthy()
    expect(gw.of('user.footprints.clear')).toEqual([{}])
  })
})
