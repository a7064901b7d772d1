// the harness first: it installs the Taro hooks before the page module copies them
import { fail, gateway, ok, taroPage } from './harness'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import AdminOrders from '../../../src/packages/admin/index/index'
import { paidOrder } from './fixtures'

const row = () => ({
  ...paidOrder(),
  receiver: { name: '张三', phoneMasked: '138****0000', region: '广东省 深圳市 南山区' },
  paidAt: Date.UTC(2026, 10, 25, 7, 1),
  paymentMethod: 'balance',
})

/** Types into the Field labelled `label` the way Taro's h5 Input reports it (an input event with detail). */
function typeInto(label: string, value: string) {
  const field = screen.getByText(label).closest('.m-field') as HTMLElement
  const input = field.querySelector('taro-input-core, input') as HTMLElement
  const event = new CustomEvent('input', { detail: { value }, bubbles: true })
  input.dispatchEvent(event)
}

describe('admin orders to ship', () => {
  beforeEach(() => taroPage())

  it('lists paid orders with the masked phone and ships one with carrier and tracking number', async () => {
    const receiver = {
      orderId: 'o1',
      orderNo: 'M1',
      name: '张三',
      phone: '13800000000',
      address: '广东省深圳市南山区科技园 1 号',
      postalCode: null,
    }
    const g = gateway({
      'admin.orders.list': [ok({ items: [row()], cursor: null })],
      'admin.orders.receiver': [ok(receiver)],
    })
    render(<AdminOrders />)
    expect(await screen.findByText('138****0000')).toBeTruthy()
    expect(g.sent[0]).toEqual({ fn: 'admin', action: 'admin.orders.list', input: { pageSize: 20 } })
    fireEvent.click(screen.getByText('发货'))
    // the ship form, and only it, opens the receiver's phone for the waybill
    expect(await screen.findByText('13800000000')).toBeTruthy()
    expect(g.calls('admin.orders.receiver')[0].input).toEqual({ orderId: 'o1' })
    fireEvent.click(screen.getByText('中通快递'))
    // an empty tracking number never reaches the server
    fireEvent.click(screen.getByText('确认发货'))
    expect(await screen.findByText('请填写运单号')).toBeTruthy()
    expect(g.calls('admin.orders.ship')).toHaveLength(0)

    g.answer('admin.orders.ship', fail('INVALID_INPUT', '运单号格式不正确'))
    typeInto('运单号', 'ZT#1')
    fireEvent.click(screen.getByText('确认发货'))
    expect(await screen.findByText('运单号格式不正确')).toBeTruthy()

    g.answer('admin.orders.ship', ok({ ...paidOrder(), status: 'shipped', statusLabel: '待收货' }))
    typeInto('运单号', 'ZT20261125')
    fireEvent.click(screen.getByText('确认发货'))
    await screen.findByText('暂无待发货订单')
    expect(g.calls('admin.orders.ship').at(-1)).toEqual({
      fn: 'admin',
      action: 'admin.orders.ship',
      input: { orderId: 'o1', carrier: '中通快递', trackingNo: 'ZT20261125' },
    })
  })

  it('a shopper sees the FORBIDDEN message and nothing to ship', async () => {
    gateway({ 'admin.orders.list': [fail('FORBIDDEN', '没有权限执行该操作')] })
    render(<AdminOrders />)
    expect(await screen.findByText('没有权限执行该操作')).toBeTruthy()
    expect(screen.queryByText('发货')).toBeNull()
    await waitFor(() => expect(document.querySelectorAll('.admin-order')).toHaveLength(0))
  })
})
