import { fireEvent, render, screen } from '@testing-library/react'
import { DevIdentityPicker, parseIdentities } from '../../src/pages/me/DevIdentityPicker.h5'
import { sessionStore } from '../../src/stores/session'

describe('dev identity list from GET /__dev/identities', () => {
  it("reads the emulator's {identities: [...]} and marks admins", () => {
    expect(
      parseIdentities({
        identities: [
          { openid: 'o_alice', name: 'Alice', role: 'shopper', unionid: 'u1' },
          { openid: 'o_boss', name: '店长', role: 'admin' },
        ],
      }),
    ).toEqual([
      { openid: 'o_alice', name: 'Alice' },
      { openid: 'o_boss', name: '店长（管理员）' },
    ])
  })

  it('accepts a bare array and skips entries without an openid', () => {
    expect(parseIdentities(['o_x', { name: 'no id' }, null, { openid: 'o_y' }])).toEqual([
      { openid: 'o_x', name: 'o_x' },
      { openid: 'o_y', name: 'o_y' },
    ])
    expect(parseIdentities({ error: 'nope' })).toEqual([])
    expect(parseIdentities('garbage')).toEqual([])
  })
})

describe('DevIdentityPicker (h5 我的 page)', () => {
  it('lists the identities and stores the chosen openid for later calls', async () => {
    globalThis.fetch = jest.fn().mockResolvedValue({
      json: async () => ({
        identities: [
          { openid: 'o_alice', name: 'Alice', role: 'shopper' },
          { openid: 'o_boss', name: '店长', role: 'admin' },
        ],
      }),
    })
    render(<DevIdentityPicker />)
    fireEvent.click(await screen.findByText('店长（管理员）'))
    expect(globalThis.fetch).toHaveBeenCalledWith('/__dev/identities')
    expect(sessionStore.getState().devIdentity).toEqual({ openid: 'o_boss', name: '店长（管理员）' })
    expect(screen.getAllByRole('radio').map((r) => r.getAttribute('aria-checked'))).toEqual(['false', 'true'])
  })

  it('says so when the gateway is not running', async () => {
    globalThis.fetch = jest.fn().mockRejectedValue(new TypeError('Failed to fetch'))
    render(<DevIdentityPicker />)
    expect(await screen.findByText('未获取到测试身份（本地网关未启动？）')).toBeTruthy()
  })
})
