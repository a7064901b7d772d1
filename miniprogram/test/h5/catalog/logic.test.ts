import { initialSelection, selectedSku, stockText, valueDisabled } from '../../../src/components/catalog/sku'
import { param, searchPath } from '../../../src/components/catalog/paths'
import { parseYuan, searchInput, NO_FILTERS } from '../../../src/packages/goods/search/filters'
import { mergeStock } from '../../../src/packages/goods/detail/stock'
import { tee } from './fixtures'

describe('catalogue page logic', () => {
  it('parses yuan input into fen and refuses anything else', () => {
    expect(parseYuan('')).toBeUndefined()
    expect(parseYuan(' 50 ')).toBe(5000)
    expect(parseYuan('19.9')).toBe(1990)
    expect(parseYuan('0.05')).toBe(5)
    for (const bad of ['-1', '1.234', 'abc', '1e3', '99999999', '１２'])
      expect(parseYuan(bad)).toBe('invalid')
  })

  it('sends only the filters in use', () => {
    expect(searchInput('', NO_FILTERS, 'default', undefined)).toEqual({ sort: 'default', pageSize: 20 })
  })

  it('resolves a selection to its SKU and disables values without a buyable combination', () => {
    const p = tee()
    expect(selectedSku(p, { 颜色: '黑' })).toBeNull()
    expect(selectedSku(p, { 颜色: '黑', 尺码: 'L' })?.id).toBe('s-bl')
    expect(valueDisabled(p, { 颜色: '白' }, '尺码', 'M', false)).toBe(true)
    expect(valueDisabled(p, { 颜色: '白' }, '尺码', 'L', false)).toBe(false)
    expect(valueDisabled(p, {}, '颜色', '黑', true)).toBe(true)
    expect(stockText(selectedSku(p, { 颜色: '黑', 尺码: 'L' }))).toBe('仅剩3件')
    expect(stockText(selectedSku(p, { 颜色: '白', 尺码: 'M' }))).toBe('已售罄')
    expect(initialSelection(p)).toEqual({})
  })

  it('folds fresh stock into SKUs and spec values, off shelf counting as sold out', () => {
    const p = tee()
    const fresh = ['s-wl', 's-bm'].map((skuId) => ({
      skuId,
      spuId: p.id,
      status: skuId === 's-wl' ? ('offShelf' as const) : ('onShelf' as const),
      stock: skuId === 's-wl' ? 8 : 2,
      soldOut: false,
      fewLeft: skuId === 's-wl' ? null : 2,
      price: 9900,
    }))
    const next = mergeStock(p, fresh)
    expect(next.skus.find((s) => s.id === 's-wl')?.soldOut).toBe(true)
    expect(next.skus.find((s) => s.id === 's-bm')).toMatchObject({ stock: 2, fewLeft: 2, soldOut: false })
    expect(next.specs[0].values.find((v) => v.value === '白')?.soldOut).toBe(true)
    expect(p.skus.find((s) => s.id === 's-wl')?.soldOut).toBe(false) // input untouched
  })

  it('builds encoded search paths and decodes router params once', () => {
    expect(searchPath({ keyword: '耳机 pro' })).toBe(
      '/packages/goods/search/index?keyword=%E8%80%B3%E6%9C%BA%20pro',
    )
    expect(searchPath()).toBe('/packages/goods/search/index')
    expect(param('%E8%80%B3%E6%9C%BA')).toBe('耳机')
    expect(param('100%')).toBe('100%')
    expect(param('')).toBeUndefined()
  })
})
