// the harness first: it installs the Taro hooks before the page module copies them
import { fail, gateway, ok, taroPage } from './order/harness'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import AdminMembers from '../../src/packages/admin/members/index'
import AdminMemberDetail from '../../src/packages/admin/members/detail/index'

// Screen's privacy popup asks Taro which page is showing (not every shared mock has it yet)
if (!(Taro as { getCurrentInstance?: unknown }).getCurrentInstance)
  Object.assign(Taro, { getCurrentInstance: () => ({ router: { path: '/packages/admin/members/index' } }) })

const row = (n: number, extra: object = {}) => ({
  openid: `o_member_${n}`,
  nickname: `会员${n}`,
  avatar: null,
  phoneMasked: n === 1 ? '139****5678' : null,
  level: 1,
  levelName: '银卡会员',
  points: 100 * n,
  balance: 1050 * n,
  joinedAt: Date.UTC(2026, 0, n, 4),
  deleted: false,
  ...extra,
})

const detail = () => ({
  ...row(1),
  gender: 2,
  birthday: '1990-05-01',
  growth: 1200,
  nextLevel: { level: 2, name: '金卡会员', growth: 5000 },
  wallet: { balance: 1050, bonus: 500, frozen: 0, withdrawable: 550 },
  orders: [
    { id: 'o1', orderNo: 'NO20260101', status: 'paid', statusLabel: '待发货', payable: 5000, createdAt: 1 },
  ],
  ledger: [
    {
      id: 'adj_r1',
      kind: 'adjust',
      kindLabel: '后台调整',
      amount: 500,
      bonusAmount: 500,
      balanceAfter: 1050,
      at: 2,
      ref: 'audit_adj_r1',
      reason: '破损补偿',
    },
  ],
  pointsEntries: [],
  adjustments: [
    {
      id: 'adj_r1',
      book: 'wallet',
      delta: 500,
      reason: '破损补偿',
      actor: 'o_admin',
      actorName: '店长',
      at: 2,
    },
  ],
})

/** Types into the Field labelled `label` the way Taro's h5 Input/Textarea reports it. */
function typeInto(label: string, value: string) {
  const field = screen.getByText(label).closest('.m-field') as HTMLElement
  const input = field.querySelector('taro-input-core, taro-textarea-core, input, textarea') as HTMLElement
  act(() => {
    input.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}

/** Types into the search box and confirms, as the keyboard's search key does. */
function search(value: string) {
  const input = document.querySelector('.m-search taro-input-core, .m-search input') as HTMLElement
  act(() => {
    input.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
    input.dispatchEvent(new CustomEvent('confirm', { detail: { value }, bubbles: true }))
  })
}

describe('admin members', () => {
  it('lists members with masked phones, pages on, searches, and opens a member', async () => {
    taroPage()
    const g = gateway({
      'admin.members.list': [
        ok({ items: [row(1), row(2)], cursor: 'c1' }),
        ok({ items: [row(3)], cursor: null }),
      ],
    })
    render(<AdminMembers />)
    expect(await screen.findByText('139****5678')).toBeTruthy()
    expect(screen.getAllByText('未绑定手机')).toHaveLength(1)
    expect(screen.getByText('余额 ¥21.00')).toBeTruthy()
    expect(g.sent[0]).toEqual({ fn: 'admin', action: 'admin.members.list', input: { pageSize: 20 } })
    fireEvent.click(screen.getByText('加载更多'))
    expect(await screen.findByText('会员3')).toBeTruthy()
    expect(g.calls('admin.members.list')[1]!.input).toEqual({ pageSize: 20, cursor: 'c1' })
    expect(document.body.textContent).not.toMatch(/(^|\D)1[3-9]\d{9}(\D|$)/)

    g.answer('admin.members.list', ok({ items: [row(2)], cursor: null }))
    search(' 会员2 ')
    expect(await screen.findByText('“会员2”的搜索结果')).toBeTruthy()
    expect(g.calls('admin.members.list').at(-1)!.input).toEqual({ pageSize: 20, query: '会员2' })
    await waitFor(() => expect(screen.queryByText('会员1')).toBeNull())

    fireEvent.click(screen.getByText('会员2'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/packages/admin/members/detail/index?openid=o_member_2',
    })
  })

  it('a shopper sees the FORBIDDEN message', async () => {
    taroPage()
    gateway({ 'admin.members.list': [fail('FORBIDDEN', '没有权限执行此操作')] })
    render(<AdminMembers />)
    expect(await screen.findByText('没有权限执行此操作')).toBeTruthy()
  })

  it('detail: level progress, wallet buckets, adjustments; a balance debit in yuan needs a reason', async () => {
    taroPage({ openid: 'o_member_1' })
    const g = gateway({
      'admin.members.detail': [ok(detail())],
      'admin.members.adjustBalance': [
        ok({ entryId: 'adj_x', openid: 'o_member_1', delta: -1050, balanceAfter: 0, at: 3 }),
      ],
    })
    render(<AdminMemberDetail />)
    expect(await screen.findByText('成长值 1200 · 距 金卡会员 还差 3800')).toBeTruthy()
    expect(screen.getByText('¥5.50')).toBeTruthy()
    expect(screen.getAllByText(/破损补偿/).length).toBeGreaterThan(0)
    expect(screen.getByText('订单号 NO20260101')).toBeTruthy()
    expect(g.sent[0]!.input).toEqual({ openid: 'o_member_1' })

    fireEvent.click(screen.getByText('调整余额'))
    fireEvent.click(screen.getByText('扣减'))
    typeInto('金额（元）', '10.50')
    fireEvent.click(screen.getByText('确认调整'))
    expect(await screen.findByText('请填写调整原因（至少 2 个字）')).toBeTruthy()
    expect(g.calls('admin.members.adjustBalance')).toHaveLength(0)
    typeInto('调整原因', '误充退回')
    fireEvent.click(screen.getByText('确认调整'))
    await waitFor(() => expect(g.calls('admin.members.adjustBalance')).toHaveLength(1))
    const sent = g.calls('admin.members.adjustBalance')
    expect(sent[0]!.input).toEqual({
      openid: 'o_member_1',
      deltaFen: -1050,
      reason: '误充退回',
      requestId: expect.stringMatching(/^adm_[a-z0-9_]{8,60}$/),
    })
  })
})
