import type { ProductDetail, SkuStock } from '@mall/contract'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import GoodsDetail from '../../../src/packages/goods/detail/index'
import { card, tee } from './fixtures'
import { installGateway, Refusal, type Handlers } from './gateway'
import { fire, pageEvents } from './taro-mock'

jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro')
  const { taroOverrides } = jest.requireActual('./taro-mock')
  return { ...actual, ...taroOverrides, default: Object.assign(actual.default, taroOverrides) }
})

const stockOf = (p: ProductDetail, skuId: string, override: Partial<SkuStock> = {}): SkuStock => {
  const s = p.skus.find((x) => x.id === skuId)!
  return {
    skuId,
    spuId: p.id,
    status: 'onShelf',
    stock: s.stock,
    soldOut: s.soldOut,
    fewLeft: s.fewLeft,
    price: s.price,
    ...override,
  }
}

function gateway(extra: Handlers = {}) {
  const product = tee()
  return installGateway({
    'catalog.product': () => product,
    'catalog.recommend': () => ({
      sameCategory: [card('p-polo', 'POLO衫', 12900)],
      boughtTogether: [card('p-sock', '棉袜五双装', 2990)],
      forYou: [],
    }),
    'catalog.skuStock': ({ skuIds }) => ({ items: skuIds.map((id) => stockOf(product, id)) }),
    'cart.add': ({ skuId, quantity }) => ({ items: [], invalid: [], skuId, quantity }) as never,
    'user.favorites.add': () => ({ favorite: true }),
    'user.favorites.remove': () => ({ removed: 1 }),
    ...extra,
  })
}

const value = (text: string) =>
  [...document.querySelectorAll('.sku-picker__value')].find((e) => e.textContent === text) as HTMLElement
const disabled = (text: string) => value(text).classList.contains('sku-picker__value--disabled')
const pickerButton = (kind: 'cart' | 'buy') =>
  document.querySelector(`.sku-picker__confirm--${kind} .m-btn`) as HTMLElement
const openPicker = async (text: '加入购物车' | '立即购买') => {
  fireEvent.click(
    document.querySelector(`.m-goods-action__button--${text === '加入购物车' ? 'warning' : 'danger'}`)!,
  )
  await waitFor(() => expect(document.querySelector('.sku-picker')).not.toBeNull())
}

beforeEach(() => {
  jest.clearAllMocks()
  pageEvents.params = { id: 'p-tee' }
})

describe('product detail page', () => {
  it('shows gallery, price block, reviews summary, parameters, rich detail and recommendations', async () => {
    const gw = gateway()
    render(<GoodsDetail />)
    expect(await screen.findByText('纯棉短袖T恤 男女同款')).toBeTruthy()
    expect(gw.of('catalog.product')).toEqual([{ id: 'p-tee' }])
    expect(document.querySelectorAll('.goods-detail__gallery-image')).toHaveLength(2)
    expect(screen.getByText('¥99.00')).toBeTruthy()
    expect(screen.getByText('¥89.00')).toBeTruthy()
    expect(screen.getByText('¥159.00').className).toContain('price-block__market')
    expect(screen.getByText('商品评价（12）')).toBeTruthy()
    expect(screen.getByText('好评率 92% · 4.6分')).toBeTruthy()
    expect(screen.getByText('有图 3')).toBeTruthy()
    expect(document.querySelectorAll('.review__image')).toHaveLength(2)
    expect(screen.getByText('100%棉')).toBeTruthy()
    expect(screen.getByText('全场满300减30')).toBeTruthy()
    expect(await screen.findByText('POLO衫')).toBeTruthy()
    expect(screen.getByText('买了又买')).toBeTruthy()
    expect(screen.queryByText('猜你喜欢')).toBeNull()
    expect(gw.of('catalog.recommend')).toEqual([{ spuId: 'p-tee', limit: 6 }])
  })

  it('转发 shares this product: its title, its first photo and the path that opens it', async () => {
    gateway()
    render(<GoodsDetail />)
    await screen.findByText('纯棉短袖T恤 男女同款')
    expect(pageEvents.share?.()).toEqual({
      title: '纯棉短袖T恤 男女同款',
      path: '/packages/goods/detail/index?id=p-tee',
      imageUrl: tee().images[0],
    })
  })

  it('tapping a gallery photo opens the preview of all of them, at that one', async () => {
    gateway()
    render(<GoodsDetail />)
    await screen.findByText('纯棉短袖T恤 男女同款')
    const photos = [...document.querySelectorAll('.goods-detail__gallery-image')] as HTMLElement[]
    fireEvent.click(photos[1]!)
    const urls = tee().images
    expect(Taro.previewImage).toHaveBeenLastCalledWith({ urls, current: urls[1] })
  })

  it('the SKU picker disables sold-out values and combinations, shows few-left and bounds the quantity', async () => {
    gateway()
    render(<GoodsDetail />)
    await screen.findByText('纯棉短袖T恤 男女同款')
    await openPicker('加入购物车')
    expect(disabled('红')).toBe(true) // the server marks it sold out
    expect(disabled('黑')).toBe(false)
    fireEvent.click(value('红'))
    expect(value('红').classList.contains('sku-picker__value--active')).toBe(false)

    fireEvent.click(value('白'))
    await waitFor(() => expect(disabled('M')).toBe(true)) // 白 M has no stock
    expect(disabled('L')).toBe(false)

    fireEvent.click(value('黑'))
    await waitFor(() => expect(disabled('M')).toBe(false))
    fireEvent.click(value('L'))
    expect(await screen.findByText('仅剩3件')).toBeTruthy()
    const plus = screen.getByLabelText('增加')
    for (let i = 0; i < 4; i++) fireEvent.click(plus)
    await waitFor(() => expect(screen.getByLabelText('数量').textContent).toBe('3'))
    expect(plus.className).toContain('m-stepper__btn--disabled')
  })

  it('re-reads the stock of the chosen SKU before adding it to the cart', async () => {
    const gw = gateway()
    render(<GoodsDetail />)
    await screen.findByText('纯棉短袖T恤 男女同款')
    await openPicker('加入购物车')
    fireEvent.click(value('黑'))
    fireEvent.click(value('M'))
    fireEvent.click(screen.getByLabelText('增加'))
    fireEvent.click(pickerButton('cart'))
    expect(await screen.findByText('已加入购物车')).toBeTruthy()
    const actions = gw.actions().filter((a) => a === 'catalog.skuStock' || a === 'cart.add')
    expect(actions).toEqual(['catalog.skuStock', 'cart.add'])
    expect(gw.of('catalog.skuStock')).toEqual([{ skuIds: ['s-bm'] }])
    expect(gw.of('cart.add')).toEqual([{ skuId: 's-bm', quantity: 2 }])
    await waitFor(() => expect(document.querySelector('.sku-picker')).toBeNull())
  })

  it('does not add a SKU that sold out meanwhile, says so and disables it', async () => {
    const gw = gateway({
      'catalog.skuStock': ({ skuIds }) => ({
        items: skuIds.map((id) =>
          stockOf(tee(), id, id === 's-bm' ? { stock: 0, soldOut: true, fewLeft: null } : {}),
        ),
      }),
    })
    render(<GoodsDetail />)
    await screen.findByText('纯棉短袖T恤 男女同款')
    await openPicker('加入购物车')
    fireEvent.click(value('黑'))
    fireEvent.click(value('M'))
    fireEvent.click(pickerButton('cart'))
    expect(await screen.findByText('该规格已售罄')).toBeTruthy()
    expect(gw.of('cart.add')).toEqual([])
    expect(screen.getByText('已售罄')).toBeTruthy()
    expect(disabled('M')).toBe(true)
  })

  it('lowers the quantity to what is left when the stock dropped below it', async () => {
    const gw = gateway({
      'catalog.skuStock': ({ skuIds }) => ({
        items: skuIds.map((id) => stockOf(tee(), id, id === 's-bm' ? { stock: 1, fewLeft: 1 } : {})),
      }),
    })
    render(<GoodsDetail />)
    await screen.findByText('纯棉短袖T恤 男女同款')
    await openPicker('加入购物车')
    fireEvent.click(value('黑'))
    fireEvent.click(value('M'))
    fireEvent.click(screen.getByLabelText('增加'))
    fireEvent.click(pickerButton('cart'))
    expect(await screen.findByText('库存不足，仅剩1件')).toBeTruthy()
    expect(gw.of('cart.add')).toEqual([])
    expect(screen.getByLabelText('数量').textContent).toBe('1')
  })

  it('shows the server message when the cart refuses the line', async () => {
    gateway({ 'cart.add': () => new Refusal('OUT_OF_STOCK', '库存不足') })
    render(<GoodsDetail />)
    await screen.findByText('纯棉短袖T恤 男女同款')
    await openPicker('加入购物车')
    fireEvent.click(value('白'))
    fireEvent.click(value('L'))
    fireEvent.click(pickerButton('cart'))
    expect(await screen.findByText('库存不足')).toBeTruthy()
    expect(document.querySelector('.sku-picker')).not.toBeNull()
  })

  it('asks for the missing specs instead of calling the server', async () => {
    const gw = gateway()
    render(<GoodsDetail />)
    await screen.findByText('纯棉短袖T恤 男女同款')
    await openPicker('加入购物车')
    fireEvent.click(value('黑'))
    fireEvent.click(pickerButton('cart'))
    expect((await screen.findByRole('alert')).textContent).toBe('请选择 尺码')
    expect(gw.of('catalog.skuStock')).toEqual([])
  })

  it('buy now re-reads stock and opens checkout with the SKU and quantity', async () => {
    const gw = gateway()
    render(<GoodsDetail />)
    await screen.findByText('纯棉短袖T恤 男女同款')
    await openPicker('立即购买')
    expect(pickerButton('cart')).toBeNull()
    fireEvent.click(value('白'))
    fireEvent.click(value('L'))
    fireEvent.click(pickerButton('buy'))
    await waitFor(() =>
      expect(Taro.navigateTo).toHaveBeenCalledWith({
        url: '/packages/order/checkout/index?skuId=s-wl&quantity=1',
      }),
    )
    expect(gw.of('catalog.skuStock')).toEqual([{ skuIds: ['s-wl'] }])
  })

  it('re-reads the stock of every SKU when the page shows again', async () => {
    const gw = gateway({
      'catalog.skuStock': ({ skuIds }) => ({
        items: skuIds.map((id) =>
          stockOf(tee(), id, id === 's-wl' ? { stock: 0, soldOut: true, fewLeft: null } : {}),
        ),
      }),
    })
    render(<GoodsDetail />)
    await screen.findByText('纯棉短袖T恤 男女同款')
    act(() => fire(pageEvents.didShow))
    await waitFor(() =>
      expect(gw.of('catalog.skuStock')).toEqual([{ skuIds: ['s-bm', 's-bl', 's-wm', 's-wl', 's-rm'] }]),
    )
    await openPicker('加入购物车')
    // 白 is now sold out in every size
    await waitFor(() => expect(disabled('白')).toBe(true))
  })

  it('toggles the favourite through the server', async () => {
    const gw = gateway()
    render(<GoodsDetail />)
    await screen.findByText('纯棉短袖T恤 男女同款')
    fireEvent.click(screen.getByText('收藏'))
    expect(await screen.findByText('已收藏', { selector: '.m-goods-action__icon *' })).toBeTruthy()
    expect(gw.of('user.favorites.add')).toEqual([{ spuId: 'p-tee' }])
    fireEvent.click(screen.getByText('已收藏', { selector: '.m-goods-action__icon *' }))
    await waitFor(() => expect(gw.of('user.favorites.remove')).toEqual([{ spuIds: ['p-tee'] }]))
  })

  it('shows not-found without a retry for an unknown product', async () => {
    gateway({ 'catalog.product': () => new Refusal('NOT_FOUND', '内容不存在或已删除') })
    render(<GoodsDetail />)
    expect(await screen.findByText('内容不存在或已删除')).toBeTruthy()
    expect(screen.queryByText('重新加载')).toBeNull()
  })
})
