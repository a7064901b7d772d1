// the harness first: it installs the Taro hooks before the page module copies them
import { fail, gateway, ok, taroPage } from './harness'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import Cart from '../../../src/pages/cart/index'
import { cartStore } from '../../../src/stores/cart'
import { cartItem, cartView, flaggedCart } from './fixtures'

beforeEach(() => {
  taroPage()
  cartStore.getState().clear()
})

const itemOf = (title: string) => screen.getByText(title).closest('.cart-item') as HTMLElement

describe('cart tab', () => {
  it('shows the server cart with its flags, hint and payable', async () => {
    const g = gateway({ 'cart.get': [ok(flaggedCart())] })
    render(<Cart />)
    expect(await screen.findByText('无线蓝牙耳机')).toBeTruthy()
    expect(g.sent).toEqual([{ fn: 'shop', action: 'cart.get', input: {} }])
    expect(document.querySelectorAll('.cart-item')).toHaveLength(3)
    expect(itemOf('无线蓝牙耳机').textContent).toContain('价格变动')
    expect(itemOf('无线蓝牙耳机').textContent).toContain('比加入时降¥10.00')
    expect(itemOf('纯棉短袖T恤').textContent).toContain('已下架')
    expect(itemOf('纯棉短袖T恤').className).toContain('cart-item--gone')
    expect(itemOf('保温杯 500ml').textContent).toContain('库存不足')
    expect(itemOf('保温杯 500ml').textContent).toContain('仅剩2件')
    expect(screen.getByText('再买¥11.00可减¥20.00')).toBeTruthy()
    // the payable is the server's (115.70), not a client sum of the lines
    expect(document.querySelector('.m-submit-bar')?.textContent).toContain('¥115.70')
    expect(document.querySelector('.cart__summary')?.textContent).toContain('已优惠¥10.00')
  })

  it('changes the quantity on the server and shows what it answered; a refusal shows its message', async () => {
    const g = gateway({ 'cart.get': [ok(cartView())] })
    render(<Cart />)
    await screen.findByText('无线蓝牙耳机')
    g.answer('cart.setQuantity', ok(cartView([cartItem({ quantity: 2 })], { payable: 17800 })))
    fireEvent.click(screen.getByLabelText('增加'))
    await waitFor(() => expect(screen.getByLabelText('数量').textContent).toBe('2'))
    expect(g.calls('cart.setQuantity')[0].input).toEqual({ skuId: 'sku1', quantity: 2 })
    expect(document.querySelector('.m-submit-bar')?.textContent).toContain('¥178.00')

    g.answer('cart.setQuantity', fail('OUT_OF_STOCK', '库存不足'))
    fireEvent.click(screen.getByLabelText('增加'))
    expect(await screen.findByText('库存不足')).toBeTruthy()
    expect(screen.getByLabelText('数量').textContent).toBe('2')
  })

  it('selects one line and all lines through cart.select', async () => {
    const g = gateway({ 'cart.get': [ok(cartView())] })
    render(<Cart />)
    await screen.findByText('无线蓝牙耳机')
    g.answer('cart.select', ok(cartView([cartItem({ selected: false })], { payable: 0, selectedCount: 0 })))
    fireEvent.click(itemOf('无线蓝牙耳机').querySelector('[role="checkbox"]') as HTMLElement)
    await waitFor(() => expect(g.calls('cart.select')).toHaveLength(1))
    expect(g.calls('cart.select')[0].input).toEqual({ skuId: 'sku1', selected: false })
    await waitFor(() =>
      expect(itemOf('无线蓝牙耳机').querySelector('[role="checkbox"]')?.getAttribute('aria-checked')).toBe(
        'false',
      ),
    )
    // nothing selected: 去结算 is inert
    fireEvent.click(screen.getByText('去结算'))
    expect(Taro.navigateTo).not.toHaveBeenCalled()

    g.answer('cart.select', ok(cartView()))
    expect(screen.getByText('已选 0 件')).toBeTruthy()
    fireEvent.click(screen.getByText('全选'))
    await waitFor(() => expect(g.calls('cart.select')).toHaveLength(2))
    expect(g.calls('cart.select')[1].input).toEqual({ selected: true })
    await screen.findByText('已选 1 件')
    fireEvent.click(screen.getByText('去结算'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/order/checkout/index' })
  })

  it('merges the local cart into the server cart once, then clears it', async () => {
    cartStore.getState().add({ skuId: 'sku1', spuId: 'p1', title: 't', image: '', specText: '', price: 1 }, 2)
    const g = gateway({ 'cart.merge': [ok(cartView([cartItem({ quantity: 3 })]))] })
    render(<Cart />)
    await screen.findByText('无线蓝牙耳机')
    expect(g.sent).toEqual([
      {
        fn: 'shop',
        action: 'cart.merge',
        input: { lines: [{ skuId: 'sku1', quantity: 2, selected: true }] },
      },
    ])
    expect(cartStore.getState().lines).toEqual([])
  })

  it('keeps the local cart when the merge is refused', async () => {
    cartStore
      .getState()
      .add({ skuId: 'sku1', spuId: 'p1', title: '本地商品', image: '', specText: '', price: 100 }, 1)
    gateway({ 'cart.merge': [fail('INTERNAL', '服务繁忙')] })
    render(<Cart />)
    expect(await screen.findByText('服务繁忙')).toBeTruthy()
    expect(cartStore.getState().lines.map((l) => l.skuId)).toEqual(['sku1'])
  })
})
