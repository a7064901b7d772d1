// the harness first: it installs the Taro hooks before the page module copies them
import { fail, gateway, ok, taroPage } from './harness'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Checkout, { sourceOf } from '../../../src/packages/order/checkout/index'
import { order, preview } from './fixtures'

const REQUEST_ID = /^[A-Za-z0-9_-]{8,64}$/

describe('checkout page', () => {
  it('renders the breakdown per source exactly as the preview says', async () => {
    taroPage()
    const g = gateway({ 'order.preview': [ok(preview)] })
    render(<Checkout />)
    expect(await screen.findByText('商品金额')).toBeTruthy()
    expect(g.sent).toEqual([
      { fn: 'shop', action: 'order.preview', input: { source: { kind: 'cart' }, coupon: 'auto', points: 0 } },
    ])
    const rows = [...document.querySelectorAll('.breakdown__row')].map((r) => r.textContent)
    expect(rows).toEqual([
      '商品金额¥398.00',
      '会员价-¥10.00',
      '满减-¥20.00',
      '优惠券-¥20.00',
      '积分抵扣-¥3.00',
      '运费¥0.00',
      '实付款¥345.00',
    ])
    expect(screen.getByText('满300减20')).toBeTruthy()
    expect(screen.getByText('张三')).toBeTruthy()
    expect(document.querySelector('.m-submit-bar')?.textContent).toContain('¥345.00')
  })

  it('buy now asks for the sku; changing the coupon (including 不使用) asks for a new preview', async () => {
    taroPage({ skuId: 'sku9', quantity: '2' })
    const g = gateway({ 'order.preview': [ok(preview)] })
    render(<Checkout />)
    await screen.findByText('商品金额')
    expect(g.sent[0].input.source).toEqual({ kind: 'buyNow', skuId: 'sku9', quantity: 2 })
    g.answer('order.preview', ok({ ...preview, couponId: null }))
    fireEvent.click(screen.getByText('满300减20'))
    fireEvent.click(screen.getByText('不使用优惠券'))
    await waitFor(() => expect(g.calls('order.preview')).toHaveLength(2))
    expect(g.calls('order.preview')[1].input.coupon).toBe('none')
  })

  it('积分: offers what the order may take, ticking asks for it, submit sends what the preview used', async () => {
    taroPage()
    const g = gateway({
      'order.preview': [ok({ ...preview, pointsUsed: 0, pointsDeduction: 0 })],
      'order.submit': [ok(order())],
    })
    render(<Checkout />)
    expect(await screen.findByText('可用 600 积分抵扣 ¥6.00')).toBeTruthy()
    g.answer('order.preview', ok({ ...preview, pointsUsed: 600, pointsDeduction: 600 }))
    fireEvent.click(screen.getByText('可用 600 积分抵扣 ¥6.00'))
    expect(await screen.findByText('已用 600 积分，抵扣 ¥6.00')).toBeTruthy()
    expect(g.calls('order.preview')[1].input.points).toBe(600)
    fireEvent.click(screen.getByText('提交订单'))
    await waitFor(() => expect(g.calls('order.submit')).toHaveLength(1))
    expect(g.calls('order.submit')[0].input.points).toBe(600)
  })

  it('积分 the order cannot take: the row says so and cannot be ticked', async () => {
    taroPage()
    const g = gateway({
      'order.preview': [ok({ ...preview, pointsUsed: 0, pointsMax: 0, pointsMaxDeduction: 0 })],
    })
    render(<Checkout />)
    const row = await screen.findByText('共 1200 积分，本单不可用')
    fireEvent.click(row)
    expect(document.querySelector('.checkout__points [aria-checked="true"]')).toBeNull()
    expect(g.calls('order.preview')).toHaveLength(1)
  })

  it('the pay sheet shows the wallet balance, and 余额支付 cannot be tapped when it does not cover the order', async () => {
    taroPage()
    const g = gateway({
      'order.preview': [ok(preview)],
      'order.submit': [ok(order())],
      'user.wallet': [
        ok({ balance: 100, bonus: 0, frozen: 0, withdrawable: 100, entries: [], cursor: null }),
      ],
    })
    render(<Checkout />)
    await screen.findByText('商品金额')
    fireEvent.click(screen.getByText('提交订单'))
    expect(await screen.findByText('钱包余额 ¥1.00，不足以支付本单')).toBeTruthy()
    expect(g.calls('user.wallet')[0].input).toEqual({ limit: 1 })
    fireEvent.click(screen.getByText('余额支付'))
    expect(g.calls('pay.balance')).toHaveLength(0)
  })

  it('a retried submit sends the same requestId; then pays by balance and lands on the order', async () => {
    const taro = taroPage()
    const g = gateway({
      'order.preview': [ok(preview)],
      'order.submit': [new TypeError('Failed to fetch'), ok(order())],
      'pay.balance': [ok({ status: 'paid', balance: 10000 })],
    })
    render(<Checkout />)
    await screen.findByText('商品金额')
    fireEvent.click(screen.getByText('提交订单'))
    expect(await screen.findByText('（NETWORK）')).toBeTruthy()
    fireEvent.click(screen.getByText('提交订单'))
    expect(await screen.findByText('微信支付')).toBeTruthy()

    const [first, second] = g.calls('order.submit')
    expect(first.input.requestId).toMatch(REQUEST_ID)
    expect(second.input.requestId).toBe(first.input.requestId)
    expect(first.input).toEqual({
      source: { kind: 'cart' },
      addressId: 'addr1',
      coupon: 'c1',
      points: 300,
      requestId: first.input.requestId,
      expectedPayable: 34500,
    })

    fireEvent.click(screen.getByText('余额支付'))
    await waitFor(() =>
      expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/order/detail/index?id=o1' }),
    )
    expect(g.calls('pay.balance')[0].input).toEqual({ orderId: 'o1' })
  })

  it('shows the error code and message of a refused submit; an amount change re-reads the preview', async () => {
    taroPage()
    const g = gateway({
      'order.preview': [ok(preview)],
      'order.submit': [fail('AMOUNT_MISMATCH', '订单金额已变化，请确认后重新提交')],
    })
    render(<Checkout />)
    await screen.findByText('商品金额')
    fireEvent.click(screen.getByText('提交订单'))
    expect(await screen.findByText('（AMOUNT_MISMATCH）')).toBeTruthy()
    expect(document.querySelector('.checkout__error')?.textContent).toContain(
      '订单金额已变化，请确认后重新提交',
    )
    await waitFor(() => expect(g.calls('order.preview')).toHaveLength(2))
    expect(g.calls('pay.balance')).toHaveLength(0)
  })

  it('after a definite refusal (the server remembers it per requestId) the next submit takes a new id', async () => {
    taroPage()
    const g = gateway({
      'order.preview': [ok(preview)],
      'order.submit': [fail('COUPON_USED', '优惠券已被使用'), ok(order())],
    })
    render(<Checkout />)
    await screen.findByText('商品金额')
    fireEvent.click(screen.getByText('提交订单'))
    expect(await screen.findByText('（COUPON_USED）')).toBeTruthy()
    fireEvent.click(screen.getByText('提交订单'))
    expect(await screen.findByText('微信支付')).toBeTruthy()
    const [first, second] = g.calls('order.submit')
    expect(second.input.requestId).toMatch(REQUEST_ID)
    expect(second.input.requestId).not.toBe(first.input.requestId)
  })

  it('cannot submit while the preview reports a problem', async () => {
    taroPage()
    const g = gateway({
      'order.preview': [
        ok({
          ...preview,
          problems: [{ skuId: 'sku1', code: 'OUT_OF_STOCK', message: '无线蓝牙耳机 库存不足' }],
        }),
      ],
    })
    render(<Checkout />)
    expect(await screen.findByText('无线蓝牙耳机 库存不足')).toBeTruthy()
    fireEvent.click(screen.getByText('提交订单'))
    expect(g.calls('order.submit')).toHaveLength(0)
  })

  it('reads the source from the page query: cart, buy now, buy again', () => {
    expect(sourceOf({})).toEqual({ kind: 'cart' })
    expect(sourceOf({ skuId: 's1', quantity: '3' })).toEqual({ kind: 'buyNow', skuId: 's1', quantity: 3 })
    // a mangled quantity falls back to 1 rather than sending garbage
    expect(sourceOf({ skuId: 's1', quantity: 'x' })).toEqual({ kind: 'buyNow', skuId: 's1', quantity: 1 })
    expect(sourceOf({ orderId: 'o1' })).toEqual({ kind: 'buyAgain', orderId: 'o1' })
  })
})
