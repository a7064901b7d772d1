import { act, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import {
  Button,
  Checkbox,
  CountDown,
  DialogHost,
  Stepper,
  Tabs,
  ToastHost,
  confirm,
  formatDuration,
  toast,
} from '../../src/ui'

function ControlledStepper({ max, onChange }: { max: number; onChange: (v: number) => void }) {
  const [value, setValue] = useState(1)
  return (
    <Stepper
      value={value}
      min={1}
      max={max}
      onChange={(v) => {
        setValue(v)
        onChange(v)
      }}
    />
  )
}

describe('Stepper (h5)', () => {
  it('steps within min and max and reports each new value', () => {
    const changes: number[] = []
    render(<ControlledStepper max={3} onChange={(v) => changes.push(v)} />)
    const minus = screen.getByLabelText('减少')
    const plus = screen.getByLabelText('增加')
    fireEvent.click(minus) // already at min: nothing
    fireEvent.click(plus)
    fireEvent.click(plus)
    fireEvent.click(plus) // at max: nothing
    expect(changes).toEqual([2, 3])
    expect(screen.getByLabelText('数量').textContent).toBe('3')
    expect(plus.className).toContain('m-stepper__btn--disabled')
  })

  it('does nothing when disabled', () => {
    const onChange = jest.fn()
    render(<Stepper value={2} disabled onChange={onChange} />)
    fireEvent.click(screen.getByLabelText('增加'))
    fireEvent.click(screen.getByLabelText('减少'))
    expect(onChange).not.toHaveBeenCalled()
  })
})

describe('Button (h5)', () => {
  it('clicks when enabled, never when disabled or loading', () => {
    const onClick = jest.fn()
    const { rerender } = render(<Button onClick={onClick}>去结算</Button>)
    fireEvent.click(screen.getByText('去结算'))
    expect(onClick).toHaveBeenCalledTimes(1)
    rerender(
      <Button disabled onClick={onClick}>
        去结算
      </Button>,
    )
    fireEvent.click(screen.getByText('去结算'))
    rerender(
      <Button loading onClick={onClick}>
        去结算
      </Button>,
    )
    expect(screen.queryByText('去结算')).toBeNull()
    fireEvent.click(screen.getByText('加载中…'))
    expect(onClick).toHaveBeenCalledTimes(1)
  })
})

describe('Checkbox (h5)', () => {
  function Controlled({ disabled }: { disabled?: boolean }) {
    const [checked, setChecked] = useState(false)
    return (
      <Checkbox checked={checked} disabled={disabled} onChange={setChecked}>
        全选
      </Checkbox>
    )
  }
  it('toggles its checked state', () => {
    render(<Controlled />)
    const box = screen.getByRole('checkbox')
    expect(box.getAttribute('aria-checked')).toBe('false')
    fireEvent.click(box)
    expect(box.getAttribute('aria-checked')).toBe('true')
    fireEvent.click(box)
    expect(box.getAttribute('aria-checked')).toBe('false')
  })
  it('stays put when disabled', () => {
    render(<Controlled disabled />)
    fireEvent.click(screen.getByRole('checkbox'))
    expect(screen.getByRole('checkbox').getAttribute('aria-checked')).toBe('false')
  })
})

describe('Tabs (h5)', () => {
  it('marks the active tab and reports a change only for another tab', () => {
    const onChange = jest.fn()
    function Controlled() {
      const [active, setActive] = useState(0)
      return (
        <Tabs
          tabs={['全部', '待付款', '待发货']}
          active={active}
          onChange={(i) => {
            setActive(i)
            onChange(i)
          }}
        />
      )
    }
    render(<Controlled />)
    fireEvent.click(screen.getByText('全部'))
    expect(onChange).not.toHaveBeenCalled()
    fireEvent.click(screen.getByText('待发货'))
    expect(onChange).toHaveBeenCalledWith(2)
    const tabs = screen.getAllByRole('tab')
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).toEqual(['false', 'false', 'true'])
  })
})

describe('CountDown (h5)', () => {
  beforeEach(() => jest.useFakeTimers())
  afterEach(() => jest.useRealTimers())

  it('formats durations with vant tokens', () => {
    expect(formatDuration(3_723_000, 'HH:mm:ss')).toBe('01:02:03')
    expect(formatDuration(90_061_000, 'DD天HH:mm:ss')).toBe('01天01:01:01')
    expect(formatDuration(-5, 'mm:ss')).toBe('00:00')
  })

  it('counts down and fires onFinish exactly once', () => {
    const onFinish = jest.fn()
    render(<CountDown time={3000} format="mm:ss" onFinish={onFinish} />)
    expect(screen.getByText('00:03')).toBeTruthy()
    act(() => jest.advanceTimersByTime(1250))
    expect(screen.getByText('00:01')).toBeTruthy()
    act(() => jest.advanceTimersByTime(5000))
    expect(screen.getByText('00:00')).toBeTruthy()
    expect(onFinish).toHaveBeenCalledTimes(1)
  })
})

describe('Dialog and Toast (h5)', () => {
  it('confirm() shows the dialog and resolves with the button pressed', async () => {
    render(<DialogHost />)
    expect(screen.queryByRole('dialog')).toBeNull()
    let answer: Promise<boolean>
    act(() => {
      answer = confirm({ title: '删除商品', message: '确定删除吗？' })
    })
    expect(screen.getByRole('dialog')).toBeTruthy()
    expect(screen.getByText('确定删除吗？')).toBeTruthy()
    fireEvent.click(screen.getByText('确认'))
    await expect(answer!).resolves.toBe(true)
    expect(screen.queryByRole('dialog')).toBeNull()

    act(() => {
      answer = confirm({ message: '放弃修改？', cancelText: '再想想' })
    })
    fireEvent.click(screen.getByText('再想想'))
    await expect(answer!).resolves.toBe(false)
  })

  it('toast() shows a message that disappears after its duration', () => {
    jest.useFakeTimers()
    render(<ToastHost />)
    act(() => toast('已加入购物车', 'success', 1500))
    expect(screen.getByRole('alert').textContent).toContain('已加入购物车')
    act(() => jest.advanceTimersByTime(1600))
    expect(screen.queryByRole('alert')).toBeNull()
    jest.useRealTimers()
  })
})
