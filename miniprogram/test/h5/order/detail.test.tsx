// the harness first: it installs the Taro hooks before the page module copies them
import { gateway, ok, taroPage } from './harness'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { agreePrivacy } from '../../../src/stores/privacy'
import OrderDetailPage from '../../../src/packages/order/detail/index'
import { order, paidOrder } from './fixtures'

describe('order detail page', () => {
  it('shows the order and picks up a status change by polling within 2 s', async () => {
    taroPage({ id: 'o1' })
    const g = gateway({
      'order.detail': [ok(order()), ok(paidOrder())],
      'order.status': [
        ok({ status: 'awaitingPayment', version: 1, updatedAt: 1 }),
        ok({ status: 'paid', version: 2, updatedAt: 2 }),
      ],
    })
    render(<OrderDetailPage />)
    expect(await screen.findByText('待付款')).toBeTruthy()
    expect(screen.getByText('M20261125000001')).toBeTruthy()
    expect(screen.getByText('去支付')).toBeTruthy()
    expect(screen.getByText('取消订单')).toBeTruthy()
    expect(document.querySelector('.order-detail__countdown')).not.toBeNull()
    const shownAt = Date.now()
    // first poll: unchanged (no refetch); second poll: paid -> the detail is re-read
    expect(await screen.findByText('待发货', {}, { timeout: 4000 })).toBeTruthy()
    expect(Date.now() - shownAt).toBeLessThan(3500)
    expect(g.calls('order.status').length).toBeGreaterThanOrEqual(2)
    expect(g.calls('order.status')[0].input).toEqual({ orderId: 'o1' })
    expect(g.calls('order.detail')).toHaveLength(2)
    expect(screen.queryByText('去支付')).toBeNull()
    expect(screen.getByText('余额支付')).toBeTruthy()
    expect(screen.getByText('再次购买')).toBeTruthy()
  }, 10000)

  it('confirms receipt after the dialog and shows the shipping details', async () => {
    taroPage({ id: 'o1' })
    const shipped = order({
      status: 'shipped',
      statusLabel: '待收货',
      expireAt: null,
      shipping: { carrier: '顺丰速运', trackingNo: 'SF1234567890', shippedAt: Date.UTC(2026, 10, 25, 8) },
      can: { pay: false, cancel: false, confirmReceipt: true, buyAgain: true },
    })
    const g = gateway({
      'order.detail': [ok(shipped)],
      'order.status': [ok({ status: 'shipped', version: 3, updatedAt: 3 })],
      'order.confirmReceipt': [
        ok({
          ...shipped,
          status: 'received',
          statusLabel: '已收货',
          can: { ...shipped.can, confirmReceipt: false },
        }),
      ],
    })
    render(<OrderDetailPage />)
    expect(await screen.findByText('SF1234567890')).toBeTruthy()
    expect(screen.getByText('顺丰速运')).toBeTruthy()
    fireEvent.click(screen.getByText('确认收货'))
    fireEvent.click(await screen.findByText('确认'))
    expect(await screen.findByText('已收货')).toBeTruthy()
    expect(g.calls('order.confirmReceipt')[0].input).toEqual({ orderId: 'o1' })
  })

  it('the order and tracking numbers copy with one tap, once the shopper has agreed to the privacy policy', async () => {
    taroPage({ id: 'o1' })
    agreePrivacy()
    const setClipboardData = jest.fn(() => Promise.resolve())
    Object.assign(Taro, { setClipboardData })
    const shipped = order({
      status: 'shipped',
      statusLabel: '待收货',
      expireAt: null,
      shipping: { carrier: '顺丰速运', trackingNo: 'SF1234567890', shippedAt: Date.UTC(2026, 10, 25, 8) },
      can: { pay: false, cancel: false, confirmReceipt: true, buyAgain: true },
    })
    gateway({
      'order.detail': [ok(shipped)],
      'order.status': [ok({ status: 'shipped', version: 3, updatedAt: 3 })],
    })
    render(<OrderDetailPage />)
    fireEvent.click(await screen.findByText('SF1234567890'))
    await waitFor(() => expect(setClipboardData).toHaveBeenLastCalledWith({ data: 'SF1234567890' }))
    fireEvent.click(screen.getByText('M20261125000001'))
    await waitFor(() => expect(setClipboardData).toHaveBeenLastCalledWith({ data: 'M20261125000001' }))
    expect(await screen.findByText('订单编号已复制')).toBeTruthy()
  })

  it('back from the h5 cashier: asks the server (pay.query), never the redirect, and drops payResult', async () => {
    taroPage({ id: 'o1' })
    window.history.replaceState(null, '', '/?payResult=ok#/packages/order/detail/index?id=o1')
    const g = gateway({
      'pay.query': [ok({ status: 'paid', paid: true })],
      'order.detail': [ok(paidOrder())],
      'order.status': [ok({ status: 'paid', version: 2, updatedAt: 2 })],
    })
    render(<OrderDetailPage />)
    expect(await screen.findByText('待发货')).toBeTruthy()
    expect(g.sent.slice(0, 2).map((s) => s.action)).toEqual(['pay.query', 'order.detail'])
    expect(g.calls('pay.query')[0].input).toEqual({ orderId: 'o1' })
    expect(window.location.search).toBe('')
    expect(window.location.hash).toBe('#/packages/order/detail/index?id=o1')
  })

  it('a refunded order shows the amount gone back in words, never the internal refund number', async () => {
    taroPage({ id: 'o1' })
    gateway({
      'order.detail': [
        ok(
          order({
            status: 'refunded',
            statusLabel: '已退款',
            expireAt: null,
            payment: { method: 'balance', paidAt: Date.UTC(2026, 10, 25, 7, 1, 0) },
            refund: {
              amount: 1805,
              status: 'success',
              label: '退款成功 ¥18.05',
              at: Date.UTC(2026, 10, 25, 7, 3, 0),
            },
            can: { pay: false, cancel: false, confirmReceipt: false, buyAgain: true },
          }),
        ),
      ],
    })
    render(<OrderDetailPage />)
    // the server's words, as they are (the view carries no refund number at all)
    expect(await screen.findByText('退款成功 ¥18.05')).toBeTruthy()
    expect(screen.getByText('退款时间')).toBeTruthy()
  })
})
