// the harness first: it installs the Taro hooks before the page module copies them
import { gateway, ok, taroPage } from './order/harness'
import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import AddressEdit from '../../src/packages/user/addresses/edit/index'

// Screen's privacy popup asks Taro which page is showing (not every shared mock has it yet)
if (!(Taro as { getCurrentInstance?: unknown }).getCurrentInstance)
  Object.assign(Taro, {
    getCurrentInstance: () => ({ router: { path: '/packages/user/addresses/edit/index' } }),
  })

/** Types into the Field labelled `label` the way Taro's h5 Input reports it. */
function typeInto(label: string, value: string) {
  const field = screen.getByText(label).closest('.m-field') as HTMLElement
  const input = field.querySelector('taro-input-core, input') as HTMLElement
  act(() => {
    input.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
  })
}

describe('address form', () => {
  it('says 请输入正确的手机号 for a short number and sends nothing; a valid one is saved', async () => {
    taroPage({})
    const g = gateway({ 'address.save': [ok({ id: 'a1' })] })
    render(<AddressEdit />)
    for (const [label, value] of [
      ['收货人', '张三'],
      ['手机号', '1380013'],
      ['省份', '广东省'],
      ['城市', '深圳市'],
      ['区县', '南山区'],
      ['详细地址', '科技园1号'],
    ])
      typeInto(label!, value!)
    fireEvent.click(screen.getByText('保存'))
    expect(await screen.findByText('请输入正确的手机号')).toBeTruthy()
    expect(g.calls('address.save')).toHaveLength(0)
    typeInto('手机号', '138 0013 8000')
    fireEvent.click(screen.getByText('保存'))
    await screen.findByText('已保存')
    expect(g.calls('address.save')[0]!.input).toMatchObject({ phone: '138 0013 8000' })
  })
})
