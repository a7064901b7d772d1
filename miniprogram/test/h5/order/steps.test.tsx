// the harness first: it installs the Taro hooks before the page module copies them
import { fail, gateway, ok, taroPage } from './harness'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import AdminSteps from '../../../src/packages/admin/steps/index'

const dead = {
  id: 'o1:uploadShipping',
  kind: 'shipping.upload',
  kindLabel: '上传发货信息',
  flow: 'admin.ship',
  ref: 'o1',
  status: 'dead',
  attempts: 6,
  lastError: 'errcode 10060001',
  createdAt: Date.UTC(2026, 10, 25, 7, 1),
  nextAttemptAt: Date.UTC(2026, 10, 25, 9, 1),
}

describe('admin steps (dead letters)', () => {
  beforeEach(() => taroPage())

  it('lists dead letters with their error and replays one; the pending tab asks for pending steps', async () => {
    const g = gateway({
      'admin.steps.list': [ok({ items: [dead] }), ok({ items: [] })],
      'admin.steps.replay': [ok({ ...dead, status: 'done', attempts: 1, lastError: null })],
    })
    render(<AdminSteps />)
    expect(await screen.findByText('errcode 10060001')).toBeTruthy()
    expect(screen.getByText('上传发货信息')).toBeTruthy()
    expect(g.sent[0]).toEqual({ fn: 'admin', action: 'admin.steps.list', input: { status: 'dead' } })
    fireEvent.click(screen.getByText('重新执行'))
    await waitFor(() => expect(g.calls('admin.steps.replay')).toHaveLength(1))
    await waitFor(() => expect(screen.queryByText('errcode 10060001')).toBeNull())
    expect(g.calls('admin.steps.replay')[0].input).toEqual({ stepId: 'o1:uploadShipping' })
    fireEvent.click(screen.getByText('待执行'))
    expect(await screen.findByText('没有待执行的步骤')).toBeTruthy()
    expect(g.calls('admin.steps.list')[1].input).toEqual({ status: 'pending' })
  })

  it('a replay that fails again keeps the step and says why; FORBIDDEN shows the message', async () => {
    const g = gateway({
      'admin.steps.list': [ok({ items: [dead] })],
      'admin.steps.replay': [ok({ ...dead, attempts: 1, lastError: 'errcode 10060002' })],
    })
    render(<AdminSteps />)
    fireEvent.click(await screen.findByText('重新执行'))
    await waitFor(() => expect(g.calls('admin.steps.replay')).toHaveLength(1))
    expect(screen.getByText('上传发货信息')).toBeTruthy()
  })

  it('a shopper opening it by path sees 没有权限执行此操作', async () => {
    gateway({ 'admin.steps.list': [fail('FORBIDDEN', '没有权限执行此操作')] })
    render(<AdminSteps />)
    expect(await screen.findByText('没有权限执行此操作')).toBeTruthy()
  })
})
