import type { ActionInput, SearchSort } from '@mall/contract'
import type { CampaignDoc, ProductDoc } from '../../src/catalog/docs'
import { ok, SHOPPER_1, startTestEmulator, type TestEmulator } from '../helpers/emulator'

let t: TestEmulator
let products: ProductDoc[]
beforeAll(async () => {
  t = await startTestEmulator()
  products = t.seed!.collections.products as ProductDoc[]
})
afterAll(async () => {
  await t?.stop()
})

type SearchInput = ActionInput<'catalog.search'>

/** Every page of a search, asserting each page is well-formed. */
async function searchAll(input: SearchInput): Promise<string[]> {
  const ids: string[] = []
  let cursor: string | undefined
  for (let n = 0; n < 100; n++) {
    const page = ok(await t.callAs(SHOPPER_1, 'catalog.search', { ...input, ...(cursor ? { cursor } : {}) }))
    expect(page.items.length).toBeLessThanOrEqual(input.pageSize ?? 20)
    ids.push(...page.items.map((i) => i.id))
    if (!page.cursor) return ids
    cursor = page.cursor
  }
  throw new Error('too many pages')
}

const onShelf = () => products.filter((p) => p.status === 'onShelf')
const discounted = () =>
  (t.seed!.collections.campaigns as CampaignDoc[]).flatMap((c) =>
    c.type === 'discount' && c.scope.type === 'products' ? c.scope.ids : [],
  )
const byKey =
  (field: 'rank' | 'sales' | 'minPrice' | 'createdAt', dir: 1 | -1) => (a: ProductDoc, b: ProductDoc) => {
    const ka = field === 'createdAt' ? a.createdAt.getTime() : a[field]
    const kb = field === 'createdAt' ? b.createdAt.getTime() : b[field]
    return ka === kb ? (a._id < b._id ? -1 : 1) : (ka - kb) * dir
  }
const EXPECTED_ORDER: Record<SearchSort, (a: ProductDoc, b: ProductDoc) => number> = {
  default: byKey('rank', -1),
  sales: byKey('sales', -1),
  priceAsc: byKey('minPrice', 1),
  priceDesc: byKey('minPrice', -1),
  newest: byKey('createdAt', -1),
}

describe('catalog.search', () => {
  it.each(Object.keys(EXPECTED_ORDER) as SearchSort[])(
    'sorts %s over every page in the exact order, no duplicates or gaps under ties',
    async (sort) => {
      const ids = await searchAll({ sort, pageSize: 7 })
      expect(ids).toEqual(
        onShelf()
          .sort(EXPECTED_ORDER[sort])
          .map((p) => p._id),
      )
    },
  )

  it('filters by category at any level of the tree', async () => {
    for (const categoryId of ['c2', 'c2_3', 'c2_3_1']) {
      const ids = await searchAll({ categoryId, pageSize: 50 })
      const want = onShelf().filter((p) => p.categoryIds.includes(categoryId))
      expect(want.length).toBeGreaterThan(0)
      expect(ids.sort()).toEqual(want.map((p) => p._id).sort())
    }
  })

  it('filters by brands, price range, in stock and promotion, combined', async () => {
    const cases: Array<[SearchInput, (p: ProductDoc) => boolean]> = [
      [{ brandIds: ['b01', 'b05'] }, (p) => ['b01', 'b05'].includes(p.brandId)],
      [{ minPrice: 10000, maxPrice: 50000 }, (p) => p.minPrice >= 10000 && p.minPrice <= 50000],
      [{ inStock: true }, (p) => p.stock > 0],
      // the seed's limited-time discount names its products (the rule itself: promotion.test.ts)
      [{ onPromotion: true }, (p) => discounted().includes(p._id)],
      [
        { categoryId: 'c5', inStock: true, maxPrice: 20000, sort: 'priceAsc' },
        (p) => p.categoryIds[0] === 'c5' && p.stock > 0 && p.minPrice <= 20000,
      ],
    ]
    for (const [input, pred] of cases) {
      const ids = await searchAll({ ...input, pageSize: 50 })
      const want = onShelf().filter(pred)
      expect(want.length).toBeGreaterThan(0)
      expect(ids.sort()).toEqual(want.map((p) => p._id).sort())
    }
    expect(onShelf().some((p) => p.stock === 0)).toBe(true)
  })

  it('matches keywords in titles (case-insensitive) and keyword tokens', async () => {
    const ids = await searchAll({ keyword: '手机', pageSize: 50 })
    const want = onShelf().filter((p) => p.title.includes('手机') || p.keywords.includes('手机'))
    expect(ids.sort()).toEqual(want.map((p) => p._id).sort())
    const lower = await searchAll({ keyword: '5g手机', pageSize: 50 })
    expect(lower.length).toBeGreaterThan(0)
    expect(lower.sort()).toEqual((await searchAll({ keyword: '5G手机', pageSize: 50 })).sort())
    // several tokens: each must hit
    const both = await searchAll({ keyword: '  云帆   手机 ', pageSize: 50 })
    const wantBoth = onShelf().filter((p) =>
      ['云帆', '手机'].every((w) => p.title.includes(w) || p.keywords.includes(w)),
    )
    expect(wantBoth.length).toBeGreaterThan(0)
    expect(both.sort()).toEqual(wantBoth.map((p) => p._id).sort())
  })

  it('treats regex metacharacters in the keyword literally', async () => {
    t.emu.db.insertMany('products', [
      {
        ...products[1]!,
        _id: 'pmeta',
        title: 'C++ 编程手册 (第2版) [精装].*',
        keywords: [],
        createdAt: new Date(0),
      },
    ])
    expect(await searchAll({ keyword: 'C++' })).toEqual(['pmeta'])
    expect(await searchAll({ keyword: '(第2版)' })).toEqual(['pmeta'])
    expect(await searchAll({ keyword: '.*' })).toEqual(['pmeta'])
    expect(await searchAll({ keyword: '[精装]' })).toEqual(['pmeta'])
    expect(await searchAll({ keyword: '(' })).toEqual(['pmeta'])
    for (const keyword of ['.+', '\\', '^', '$', '|', 'a{1000000}', '(?=x)', '?']) {
      const res = await t.callAs(SHOPPER_1, 'catalog.search', { keyword })
      expect(res).toMatchObject({ ok: true, data: { items: [] } })
    }
  })

  it('walks an index in sort order instead of loading the collection', async () => {
    // a later page: the first one also counts its brand facet over every matching product
    const first = ok(await t.callAs(SHOPPER_1, 'catalog.search', { sort: 'sales', pageSize: 10 }))
    const before = t.emu.db.stats().rowsExamined
    ok(await t.callAs(SHOPPER_1, 'catalog.search', { sort: 'sales', pageSize: 10, cursor: first.cursor! }))
    const examined = t.emu.db.stats().rowsExamined - before
    expect(examined).toBeLessThan(80)
    expect(t.find('products').length).toBeGreaterThan(200)
    // a category filter is an equality on the scalar cat1/cat2/cat3 field of its level: indexed too
    const before2 = t.emu.db.stats().rowsExamined
    const leaf = ok(await t.callAs(SHOPPER_1, 'catalog.search', { categoryId: 'c2_3_1', sort: 'priceAsc' }))
    expect(leaf.items.length).toBeGreaterThan(0)
    expect(t.emu.db.stats().rowsExamined - before2).toBeLessThan(50)
    const plan = t.emu.db.explain(
      'products',
      { status: 'onShelf' },
      { sort: { sales: -1, _id: 1 }, limit: 11 },
    )
    expect(plan.fullScan).toBe(false)
    expect(plan.sortPushed).toBe(true)
  })

  it('offers the brands of the products the query and the other filters match, most products first', async () => {
    const brandsOf = (match: (p: ProductDoc) => boolean) => {
      const n = new Map<string, number>()
      for (const p of onShelf().filter(match)) n.set(p.brandId, (n.get(p.brandId) ?? 0) + 1)
      return [...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id)
    }
    const facet = async (input: SearchInput) =>
      ok(await t.callAs(SHOPPER_1, 'catalog.search', input)).brands?.map((b) => b.id)
    const phones = (p: ProductDoc) => p.title.includes('手机') || p.keywords.includes('手机')
    const want = brandsOf(phones)
    expect(want.length).toBeGreaterThan(0)
    expect(want.length).toBeLessThan(8) // only phone makers: no clothing or food brand
    expect(await facet({ keyword: '手机' })).toEqual(want)
    // the brand filter does not narrow its own facet (a second brand can be picked); other filters do
    expect(await facet({ keyword: '手机', brandIds: [want[0]!] })).toEqual(want)
    const cheap = (p: ProductDoc) => phones(p) && p.minPrice <= 300_000
    expect(brandsOf(cheap).length).toBeGreaterThan(0)
    expect(await facet({ keyword: '手机', maxPrice: 300_000 })).toEqual(brandsOf(cheap))
    expect(await facet({ categoryId: 'c1_2' })).toEqual(brandsOf((p) => p.categoryIds.includes('c1_2')))
    expect(await facet({ keyword: '不存在的商品' })).toEqual([])
    const names = ok(await t.callAs(SHOPPER_1, 'catalog.search', { keyword: '手机' })).brands!
    expect(names.every((b) => b.name.length > 0)).toBe(true)
  })

  it('rejects malformed and hostile input with INVALID_INPUT', async () => {
    const sales = ok(await t.callAs(SHOPPER_1, 'catalog.search', { sort: 'sales', pageSize: 2 }))
    const bad: unknown[] = [
      { keyword: 123 },
      { keyword: { $regex: '.*' } },
      { keyword: 'x'.repeat(31) },
      { categoryId: { $ne: null } },
      { categoryId: '../etc' },
      { brandIds: 'b01' },
      { brandIds: Array.from({ length: 21 }, (_, i) => `b${i}`) },
      { minPrice: -1 },
      { maxPrice: 1.5 },
      { inStock: 'yes' },
      { sort: 'random' },
      { pageSize: 0 },
      { pageSize: 51 },
      { cursor: 'garbage' },
      { cursor: sales.cursor, sort: 'priceAsc' },
      { status: 'offShelf' },
      { $where: '1' },
    ]
    for (const input of bad) {
      const res = await t.callAs(SHOPPER_1, 'catalog.search', input)
      expect({ input, res }).toMatchObject({ input, res: { ok: false, code: 'INVALID_INPUT' } })
    }
  })
})
