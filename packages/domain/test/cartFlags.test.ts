import { checkCartLines, inspectCartLine, type CartLineState } from '../src'

const line = (over: Partial<CartLineState> = {}): CartLineState => ({
  skuId: 'a',
  quantity: 2,
  addedPrice: 1000,
  price: 1000,
  onShelf: true,
  stock: 10,
  ...over,
})

describe('cart line flags', () => {
  it('passes a healthy line', () => {
    expect(inspectCartLine(line())).toEqual({ skuId: 'a', flags: [], purchasable: true, notes: [] })
  })
  it('flags off shelf, sold out, low stock and price changes', () => {
    expect(inspectCartLine(line({ onShelf: false, stock: 0 }))).toMatchObject({
      flags: ['offShelf'],
      purchasable: false,
      code: 'SKU_OFF_SHELF',
      notes: ['商品已下架'],
    })
    expect(inspectCartLine(line({ stock: 0 }))).toMatchObject({
      flags: ['outOfStock'],
      code: 'OUT_OF_STOCK',
      notes: ['已售罄'],
    })
    expect(inspectCartLine(line({ stock: 1 }))).toMatchObject({
      flags: ['lowStock'],
      notes: ['库存不足，仅剩1件'],
    })
    expect(inspectCartLine(line({ price: 500 }))).toEqual({
      skuId: 'a',
      flags: ['priceChanged'],
      purchasable: true,
      notes: ['比加入时降价¥5.00'],
    })
    expect(inspectCartLine(line({ price: 1200 })).notes).toEqual(['比加入时涨价¥2.00'])
  })
  it('blocks checkout naming every blocking line', () => {
    expect(checkCartLines([line(), line({ skuId: 'b', price: 1 })])).toEqual({ ok: true, value: true })
    expect(checkCartLines([line({ skuId: 'x', stock: 0 }), line({ skuId: 'y', onShelf: false })])).toEqual({
      ok: false,
      error: {
        code: 'SKU_OFF_SHELF',
        message: '2 line(s) cannot be ordered',
        details: {
          lines: [
            { skuId: 'x', code: 'OUT_OF_STOCK', notes: ['已售罄'] },
            { skuId: 'y', code: 'SKU_OFF_SHELF', notes: ['商品已下架'] },
          ],
        },
      },
    })
  })
})
