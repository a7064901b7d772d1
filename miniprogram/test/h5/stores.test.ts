// Stores persist through Taro storage (localStorage on h5): a restart is simulated by re-importing the
// store modules in a fresh module registry over the same storage.
type CartModule = typeof import('../../src/stores/cart')
type SearchModule = typeof import('../../src/stores/searchHistory')
type SessionModule = typeof import('../../src/stores/session')

const fresh = <T>(path: string): T => {
  let mod: T | undefined
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh registry needs require
    mod = require(path) as T
  })
  return mod!
}

const line = {
  skuId: 's1',
  spuId: 'p1',
  title: '无线耳机',
  image: '/img/p-1.png',
  specText: '黑色',
  price: 19900,
}

beforeEach(() => localStorage.clear())

describe('local cart store', () => {
  it('survives a restart (persist round-trip)', () => {
    const first = fresh<CartModule>('../../src/stores/cart')
    expect(first.cartStore.getState().add(line, 2)).toEqual({ ok: true })
    expect(first.cartStore.getState().add({ ...line, skuId: 's2', price: 500 }, 1)).toEqual({ ok: true })
    first.cartStore.getState().toggle('s2')

    const second = fresh<CartModule>('../../src/stores/cart')
    const lines = second.cartStore.getState().lines
    expect(lines.map((l) => [l.skuId, l.quantity, l.checked])).toEqual([
      ['s2', 1, false],
      ['s1', 2, true],
    ])
    expect(second.checkedTotal(lines)).toBe(39800)
  })

  it('merges the same sku and rejects bad quantities without changing anything', () => {
    const { cartStore, MAX_QUANTITY } = fresh<CartModule>('../../src/stores/cart')
    const cart = () => cartStore.getState()
    cart().add(line, 1)
    cart().add(line, 2)
    expect(cart().lines).toHaveLength(1)
    expect(cart().lines[0].quantity).toBe(3)
    const before = JSON.stringify(cart().lines)
    const saved = localStorage.getItem('mall:cart')
    for (const bad of [0, -1, 1.5, Number.NaN, MAX_QUANTITY + 1]) {
      expect(cart().setQuantity('s1', bad)).toEqual({ ok: false, code: 'QUANTITY_INVALID' })
      expect(cart().add(line, bad)).toEqual({ ok: false, code: 'QUANTITY_INVALID' })
    }
    expect(cart().add(line, MAX_QUANTITY)).toEqual({ ok: false, code: 'QUANTITY_INVALID' })
    expect(cart().setQuantity('nope', 2)).toEqual({ ok: false, code: 'SKU_NOT_FOUND' })
    expect(JSON.stringify(cart().lines)).toBe(before)
    expect(localStorage.getItem('mall:cart')).toBe(saved)
  })

  it('refuses a new line when the cart is full', () => {
    const { cartStore, MAX_LINES } = fresh<CartModule>('../../src/stores/cart')
    for (let i = 0; i < MAX_LINES; i++) cartStore.getState().add({ ...line, skuId: `s${i}` }, 1)
    expect(cartStore.getState().add({ ...line, skuId: 'extra' }, 1)).toEqual({ ok: false, code: 'CART_FULL' })
    expect(cartStore.getState().lines).toHaveLength(MAX_LINES)
  })

  it('starts empty when storage holds another version or garbage', () => {
    localStorage.setItem(
      'mall:cart',
      JSON.stringify({ data: { v: 99, state: { lines: [{ skuId: 'old' }] } } }),
    )
    expect(fresh<CartModule>('../../src/stores/cart').cartStore.getState().lines).toEqual([])
    localStorage.setItem('mall:cart', '{not json')
    expect(fresh<CartModule>('../../src/stores/cart').cartStore.getState().lines).toEqual([])
  })
})

describe('search history store', () => {
  it('keeps the most recent distinct keywords, ignores blanks, and persists', () => {
    const { searchHistoryStore, MAX_HISTORY } = fresh<SearchModule>('../../src/stores/searchHistory')
    const h = () => searchHistoryStore.getState()
    expect(h().add('   ')).toBe(false)
    h().add('耳机')
    h().add(' T恤 ')
    h().add('耳机')
    expect(h().keywords).toEqual(['耳机', 'T恤'])
    for (let i = 0; i < 20; i++) h().add(`k${i}`)
    expect(h().keywords).toHaveLength(MAX_HISTORY)
    expect(h().keywords[0]).toBe('k19')
    expect(
      fresh<SearchModule>('../../src/stores/searchHistory').searchHistoryStore.getState().keywords,
    ).toEqual(h().keywords)
    h().clear()
    expect(
      fresh<SearchModule>('../../src/stores/searchHistory').searchHistoryStore.getState().keywords,
    ).toEqual([])
  })
})

describe('session store', () => {
  it('remembers the h5 dev identity across a restart', () => {
    const first = fresh<SessionModule>('../../src/stores/session')
    first.sessionStore.getState().setDevIdentity({ openid: 'o_alice', name: 'Alice' })
    const second = fresh<SessionModule>('../../src/stores/session')
    expect(second.sessionStore.getState().devIdentity).toEqual({ openid: 'o_alice', name: 'Alice' })
  })
})
