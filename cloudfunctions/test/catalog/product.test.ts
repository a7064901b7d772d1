import type { ActionOutput } from '@mall/contract'
import type { ProductDoc, ReviewDoc, SkuDoc } from '../../src/catalog/docs'
import {
  ok,
  SHOPPER_1,
  SHOPPER_2,
  SHOPPER_3,
  startTestEmulator,
  type TestEmulator,
} from '../helpers/emulator'

let t: TestEmulator
let products: ProductDoc[]
let skus: SkuDoc[]
beforeAll(async () => {
  t = await startTestEmulator()
  products = t.seed!.collections.products as ProductDoc[]
  skus = t.seed!.collections.skus as SkuDoc[]
})
afterAll(async () => {
  await t?.stop()
})

const skusOf = (id: string) => skus.filter((s) => s.spuId === id).sort((a, b) => (a._id < b._id ? -1 : 1))

describe('catalog.categories', () => {
  it('returns the 3-level tree in order', async () => {
    const { tree } = ok(await t.callAs(SHOPPER_1, 'catalog.categories', {}))
    expect(tree.map((c) => c.name)).toEqual([
      '手机数码',
      '电脑办公',
      '家用电器',
      '服饰鞋包',
      '食品生鲜',
      '美妆个护',
    ])
    expect(tree[0]!.children.map((c) => c.name)).toEqual(['手机', '平板电脑', '智能穿戴'])
    expect(tree[0]!.children[0]!.children.map((c) => c.id)).toEqual(['c1_1_1', 'c1_1_2', 'c1_1_3'])
    for (const l1 of tree) {
      expect(l1.children).toHaveLength(3)
      for (const l2 of l1.children) {
        expect(l2.level).toBe(2)
        expect(l2.children).toHaveLength(3)
        for (const l3 of l2.children) expect(l3).toMatchObject({ level: 3, children: [] })
      }
    }
    expect(tree[0]!.icon).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__files\//)
  })
})

describe('catalog.product', () => {
  it('shows stock per SKU, sold-out combinations, "only N left" and the price block', async () => {
    const p = ok(await t.callAs(SHOPPER_1, 'catalog.product', { id: 'p0001' }))
    const seeded = skusOf('p0001')
    expect(p.skus.map((s) => [s.id, s.stock, s.soldOut])).toEqual(
      seeded.map((s) => [s._id, s.stock, s.stock === 0]),
    )
    expect(p.skus[0]).toMatchObject({ soldOut: true, fewLeft: null, stock: 0 })
    expect(p.skus[1]).toMatchObject({ soldOut: false, fewLeft: 3, stock: 3 })
    expect(p.skus[2]!.fewLeft).toBeNull()
    expect(p.specs.map((d) => d.name)).toEqual(['颜色', '存储'])
    expect(p.specs[0]!.values.every((v) => !v.soldOut)).toBe(true)
    const prices = seeded.map((s) => s.price)
    expect(p.price).toMatchObject({
      min: Math.min(...prices),
      max: Math.max(...prices),
      memberMin: Math.min(...seeded.map((s) => s.memberPrice!)),
      campaign: { id: 'cmp_flash', min: Math.floor((Math.min(...prices) * 850) / 1000) },
    })
    expect(p.skus[1]!.campaignPrice).toBe(Math.floor((seeded[1]!.price * 850) / 1000))
    expect(p.promotions.map((x) => x.id)).toEqual(['cmp_full_all'])
    expect(p.category.names).toEqual(['手机数码', '手机', '5G手机'])
    expect(p.brand?.id).toBe(products[0]!.brandId)
    expect(p.images).toHaveLength(3)
    expect(p.detail.some((b) => b.type === 'image' && b.src.startsWith('http'))).toBe(true)
    expect(p.params[0]).toEqual({ name: '品牌', value: p.brand!.name })
    expect(p.reviews).toMatchObject({ count: 12, top: expect.any(Array) })
    expect(p.reviews.top).toHaveLength(2)
    expect(p.reviews.goodRate).toBeGreaterThan(0)
  })

  it('marks a fully sold-out product and an off-shelf product', async () => {
    const soldOut = ok(await t.callAs(SHOPPER_1, 'catalog.product', { id: 'p0008' }))
    expect(soldOut.skus.every((s) => s.soldOut && s.stock === 0)).toBe(true)
    expect(soldOut.specs.every((d) => d.values.every((v) => v.soldOut))).toBe(true)
    const off = products.find((p) => p.status === 'offShelf')!
    const offView = ok(await t.callAs(SHOPPER_1, 'catalog.product', { id: off._id }))
    expect(offView.status).toBe('offShelf')
    expect(offView.skus.every((s) => s.soldOut && s.fewLeft === null)).toBe(true)
  })

  it('answers NOT_FOUND for an unknown product and INVALID_INPUT for hostile ids', async () => {
    expect(await t.callAs(SHOPPER_1, 'catalog.product', { id: 'p9999' })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    })
    for (const input of [
      {},
      { id: 1 },
      { id: { $ne: null } },
      { id: 'p0001', x: 1 },
      { id: 'a'.repeat(65) },
      { id: '' },
    ]) {
      expect(await t.callAs(SHOPPER_1, 'catalog.product', input)).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      })
    }
    expect(t.find('footprints', { spuId: 'p9999' })).toHaveLength(0)
  })
})

describe('catalog.skuStock', () => {
  it('re-reads stock for the given SKUs, leaving unknown ids out', async () => {
    const ids = ['p0001_s01', 'p0001_s02', 'nope', 'p0001_s02']
    const { items } = ok(await t.callAs(SHOPPER_1, 'catalog.skuStock', { skuIds: ids }))
    expect(items.map((i) => [i.skuId, i.stock, i.soldOut, i.fewLeft])).toEqual([
      ['p0001_s01', 0, true, null],
      ['p0001_s02', 3, false, 3],
    ])
    for (const input of [
      { skuIds: [] },
      { skuIds: Array(51).fill('a') },
      { skuIds: [{ $gt: '' }] },
      { skuIds: 'a' },
    ])
      expect(await t.callAs(SHOPPER_1, 'catalog.skuStock', input)).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      })
  })
})

describe('catalog.reviews', () => {
  it('pages reviews newest first and filters the ones with photos', async () => {
    const seeded = (t.seed!.collections.reviews as ReviewDoc[]).filter((r) => r.spuId === 'p0001')
    const ids: string[] = []
    let cursor: string | null = null
    do {
      const page: ActionOutput<'catalog.reviews'> = ok(
        await t.callAs(SHOPPER_1, 'catalog.reviews', {
          spuId: 'p0001',
          pageSize: 5,
          ...(cursor ? { cursor } : {}),
        }),
      )
      ids.push(...page.items.map((r) => r.id))
      cursor = page.cursor
    } while (cursor)
    expect(ids).toEqual(
      [...seeded]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a._id < b._id ? -1 : 1))
        .map((r) => r._id),
    )
    const photos = ok(
      await t.callAs(SHOPPER_1, 'catalog.reviews', { spuId: 'p0001', withPhotos: true, pageSize: 50 }),
    )
    expect(photos.items.map((r) => r.id).sort()).toEqual(
      seeded
        .filter((r) => r.images.length)
        .map((r) => r._id)
        .sort(),
    )
    expect(
      photos.items.every((r) => r.images.length > 0 && r.images.every((i) => i.startsWith('http'))),
    ).toBe(true)
    for (const input of [
      { spuId: 'p0001', pageSize: 500 },
      { spuId: 'p0001', withPhotos: 1 },
      { spuId: ['p0001'] },
    ])
      expect(await t.callAs(SHOPPER_1, 'catalog.reviews', input)).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      })
  })
})

describe('catalog.recommend', () => {
  it('recommends the same category, bought together and from the shopper’s own history', async () => {
    const p = products.find((x) => x._id === 'p0002')!
    const r = ok(await t.callAs(SHOPPER_3, 'catalog.recommend', { spuId: 'p0002', limit: 4 }))
    const byId = new Map(products.map((x) => [x._id, x]))
    expect(r.sameCategory.length).toBeGreaterThan(0)
    for (const c of r.sameCategory) {
      expect(c.id).not.toBe('p0002')
      expect(byId.get(c.id)!.categoryId).toBe(p.categoryId)
    }
    const same = new Set(r.sameCategory.map((c) => c.id))
    const together = p.boughtTogether.filter((id) => byId.get(id)!.status === 'onShelf' && !same.has(id))
    expect(r.boughtTogether.map((c) => c.id)).toEqual(together.slice(0, 4))
    // no product in two sections (猜你喜欢 never repeats 同类推荐)
    const all = [...r.sameCategory, ...r.boughtTogether, ...r.forYou].map((c) => c.id)
    expect(new Set(all).size).toBe(all.length)
    expect(r.forYou.length).toBeGreaterThan(0)
    // shopper 2 views two products of one leaf: "for you" comes from that leaf, without the viewed ones
    const leaf = products.filter((x) => x.categoryId === 'c3_2_2' && x.status === 'onShelf')
    for (const x of leaf.slice(0, 2)) ok(await t.callAs(SHOPPER_2, 'catalog.product', { id: x._id }))
    const mine = ok(await t.callAs(SHOPPER_2, 'catalog.recommend', { limit: 6 }))
    expect(mine.forYou.length).toBeGreaterThan(0)
    for (const c of mine.forYou) {
      expect(byId.get(c.id)!.categoryId).toBe('c3_2_2')
      expect(leaf.slice(0, 2).map((x) => x._id)).not.toContain(c.id)
    }
    // paid orders that contained p0002 put their other products first, most frequent first
    const line = (spuId: string) => ({ spuId, skuId: `${spuId}_s01`, quantity: 1 })
    t.emu.db.insertMany('orders', [
      {
        _id: 'o_t1',
        openid: SHOPPER_1,
        requestId: 'r_t1',
        status: 'paid',
        lines: [line('p0002'), line('p0011')],
        createdAt: new Date(1),
      },
      {
        _id: 'o_t2',
        openid: SHOPPER_2,
        requestId: 'r_t2',
        status: 'completed',
        lines: [line('p0002'), line('p0011'), line('p0013')],
        createdAt: new Date(2),
      },
      {
        _id: 'o_t3',
        openid: SHOPPER_2,
        requestId: 'r_t3',
        status: 'awaitingPayment',
        lines: [line('p0002'), line('p0014')],
        createdAt: new Date(3),
      },
    ])
    const fromOrders = ok(await t.callAs(SHOPPER_3, 'catalog.recommend', { spuId: 'p0002', limit: 4 }))
    expect(fromOrders.boughtTogether.map((c) => c.id)).toEqual(
      [...new Set(['p0011', 'p0013', ...together])].slice(0, 4),
    )
    expect(await t.callAs(SHOPPER_1, 'catalog.recommend', { limit: 21 })).toMatchObject({
      code: 'INVALID_INPUT',
    })
    expect(await t.callAs(SHOPPER_1, 'catalog.recommend', { spuId: 'zzz' })).toMatchObject({
      code: 'NOT_FOUND',
    })
  })
})
