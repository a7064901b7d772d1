import { createRequire } from 'node:module'
import path from 'node:path'
import simulate from 'miniprogram-simulate'

const flush = () => new Promise((r) => setTimeout(r, 0))

describe('native price component (src/native/price)', () => {
  const id = simulate.load(path.resolve(__dirname, '../../src/native/price/index'))

  it('formats integer fen and follows property changes', () => {
    const comp = simulate.render(id, { fen: 1999 })
    comp.attach(document.createElement('parent-wrapper'))
    expect(comp.querySelector('.price__yuan').dom.textContent).toBe('19')
    expect(comp.querySelector('.price__cents').dom.textContent).toBe('.99')
    expect(comp.querySelector('.price__origin')).toBeUndefined()

    comp.setData({ fen: 5, origin: 1000 })
    expect(comp.dom.textContent.replace(/\s/g, '')).toBe('¥0.05¥10.00')
  })

  it('shows a placeholder for a non-integer or negative amount instead of a wrong price', () => {
    const comp = simulate.render(id, { fen: 12.5 })
    comp.attach(document.createElement('parent-wrapper'))
    expect(comp.dom.textContent.replace(/\s/g, '')).toBe('¥--')
    comp.setData({ fen: -100 })
    expect(comp.dom.textContent.replace(/\s/g, '')).toBe('¥--')
  })

  it('emits pricetap with the amount', async () => {
    const comp = simulate.render(id, { fen: 300 })
    comp.attach(document.createElement('parent-wrapper'))
    const seen: unknown[] = []
    comp.addEventListener('pricetap', (e: { detail: unknown }) => seen.push(e.detail))
    comp.querySelector('.price').dispatchEvent('tap')
    await flush()
    expect(seen).toEqual([{ fen: 300 }])
  })
})

describe('vant stepper (weapp side of ui/Stepper)', () => {
  const vantLib = path.join(
    path.dirname(createRequire(__filename).resolve('@vant/weapp/package.json')),
    'lib',
  )
  const id = simulate.load(path.join(vantLib, 'stepper/index'), 'van-stepper', { rootPath: vantLib })

  it('emits change with the new number and disables plus at max', async () => {
    const comp = simulate.render(id, { value: 2, max: 3 })
    comp.attach(document.createElement('parent-wrapper'))
    const changes: unknown[] = []
    comp.addEventListener('change', (e: { detail: unknown }) => changes.push(e.detail))
    const plus = comp.querySelector('.van-stepper__plus')
    plus.dispatchEvent('tap')
    await flush()
    expect(changes).toEqual([3])
    expect(String(comp.data.currentValue)).toBe('3')
    expect(plus.dom.className).toContain('--disabled')
    plus.dispatchEvent('tap')
    await flush()
    expect(changes).toEqual([3])
  })
})
