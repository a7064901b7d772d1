import { act, render, screen, waitFor } from '@testing-library/react'
import home from '../../fixtures/catalog-home.json'
import Home from '../../../src/pages/home/index'
import { card } from './fixtures'
import { installGateway } from './gateway'
import { fire, pageEvents } from './taro-mock'

jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro')
  const { taroOverrides } = jest.requireActual('./taro-mock')
  return { ...actual, ...taroOverrides, default: Object.assign(actual.default, taroOverrides) }
})

describe('home feed', () => {
  it('keeps the first screen to one call and continues the feed with catalog.feed on reach-bottom', async () => {
    const gw = installGateway({
      'catalog.home': () => ({ ...home, feed: { items: home.feed.items, cursor: 'f2' } }) as never,
      'catalog.feed': ({ cursor }) =>
        cursor === 'f2'
          ? { items: [card('p9', '保温杯 500ml', 5900)], cursor: 'f3' }
          : { items: [card('p10', '帆布托特包', 3900)], cursor: null },
    })
    render(<Home />)
    await waitFor(() => expect(document.querySelectorAll('.product-card')).toHaveLength(4))
    expect(gw.actions()).toEqual(['catalog.home'])

    act(() => fire(pageEvents.reachBottom))
    expect(await screen.findByText('保温杯 500ml')).toBeTruthy()
    act(() => fire(pageEvents.reachBottom))
    expect(await screen.findByText('帆布托特包')).toBeTruthy()
    expect(gw.of('catalog.feed')).toEqual([{ cursor: 'f2' }, { cursor: 'f3' }])
    expect(screen.getByText('没有更多了')).toBeTruthy()
    act(() => fire(pageEvents.reachBottom))
    await new Promise((r) => setTimeout(r, 20))
    expect(gw.of('catalog.feed')).toHaveLength(2)
    expect(document.querySelectorAll('.product-card')).toHaveLength(6)
  })
})
