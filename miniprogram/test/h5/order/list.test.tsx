// the harness first: it installs the Taro hooks before the page module copies them
import { fail, gateway, ok, taroPage } from './harness'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import OrderList from '../../../src/packages/order/list/index'
import { order } from './fixtures'

const summary = (id: string, over: Record<string, unknown> = {}) => ({
  ...order({ id, orderNo: `NO-${id}` }),
  ...over,
})

describe('order list page', () => {
  it('opens on the tab named by ?status=, switches tabs and pages with the cursor', async () => {
    taroPage({ status: 'paid' })
    const g = gateway({ 'order.list': [ok({ items: [summary('o1')], cursor: 'c1' })] })
    render(<OrderList />)
    expect(await screen.findByText('订单号 NO-o1')).toBeTruthy()
    expect(g.calls('order.list')[0].input).toEqual({ tab: 'paid', pageSize: 10 })

    g.answer('order.list', ok({ items: [summary('o2')], cursor: null }))
    fireEvent.click(screen.getByText('加载更多'))
    expect(await screen.findByText('订单号 NO-o2')).toBeTruthy()
    expect(g.calls('order.list')[1].input).toEqual({ tab: 'paid', pageSize: 10, cursor: 'c1' })
    expect(document.querySelectorAll('.order-card')).toHaveLength(2)
    expect(screen.getByText('没有更多了')).toBeTruthy()

    fireEvent.click(screen.getByText('订单号 NO-o2'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/order/detail/index?id=o2' })

    g.answer('order.list', ok({ items: [], cursor: null }))
    fireEvent.click(screen.getByText('已完成'))
    expect(await screen.findByText('暂无已完成订单')).toBeTruthy()
    expect(g.calls('order.list').at(-1)?.input).toEqual({ tab: 'received', pageSize: 10 })
  })

  it('shows the error with a retry', async () => {
    taroPage()
    const g = gateway({ 'order.list': [fail('FUNCTION_FAILED', '服务暂时不可用，请稍后再试')] })
    render(<OrderList />)
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeTruthy()
    g.answer('order.list', ok({ items: [summary('o1')], cursor: null }))
    fireEvent.click(screen.getByText('重新加载'))
    await waitFor(() => expect(document.querySelectorAll('.order-card')).toHaveLength(1))
    expect(g.calls('order.list')[0].input).toEqual({ tab: 'all', pageSize: 10 })
  })
})
