import {
  ok,
  SHOPPER_1,
  SHOPPER_2,
  SHOPPER_3,
  startTestEmulator,
  type TestEmulator,
} from '../helpers/emulator'

let t: TestEmulator
beforeAll(async () => {
  t = await startTestEmulator()
})
afterAll(async () => {
  await t?.stop()
})

describe('catalog.home', () => {
  it('gives banners, category shortcuts, hot words and a first feed page in one call', async () => {
    const home = ok(await t.callAs(SHOPPER_1, 'catalog.home', {}))
    expect(home.banners.map((b) => b.id)).toEqual(['bn1', 'bn2', 'bn3', 'bn4'])
    expect(home.categories.map((c) => c.name)).toEqual([
      '手机数码',
      '电脑办公',
      '家用电器',
      '服饰鞋包',
      '食品生鲜',
      '美妆个护',
    ])
    expect(home.hotWords.length).toBeGreaterThan(0)
    expect(home.feed.items).toHaveLength(20)
    expect(home.feed.cursor).toEqual(expect.any(String))
    // images are URLs the emulator serves, not fileIDs
    for (const url of [home.banners[0]!.image, home.categories[0]!.icon, home.feed.items[0]!.image]) {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__files\//)
      const res = await fetch(url)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/png')
    }
    const onShelf = new Set(t.find<{ _id: string }>('products', { status: 'onShelf' }).map((p) => p._id))
    for (const item of home.feed.items) expect(onShelf.has(item.id)).toBe(true)
  })

  it('pages the feed with catalog.feed without duplicates or gaps', async () => {
    const home = ok(await t.callAs(SHOPPER_3, 'catalog.home', {}))
    const seen = home.feed.items.map((i) => i.id)
    let cursor = home.feed.cursor
    while (cursor) {
      const page = ok(await t.callAs(SHOPPER_3, 'catalog.feed', { cursor, pageSize: 50 }))
      seen.push(...page.items.map((i) => i.id))
      cursor = page.cursor
    }
    const onShelf = t.find('products', { status: 'onShelf' })
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe(onShelf.length)
  })

  it('weighs the feed by the shopper’s own footprints', async () => {
    // shopper 2 looks at two products of one leaf category; shopper 3 does nothing
    const leaf = t.find<{ _id: string; categoryId: string }>('products', {
      status: 'onShelf',
      categoryId: 'c6_2_1',
    })
    for (const p of leaf.slice(0, 2)) ok(await t.callAs(SHOPPER_2, 'catalog.product', { id: p._id }))
    const mine = ok(await t.callAs(SHOPPER_2, 'catalog.home', {}))
    const other = ok(await t.callAs(SHOPPER_3, 'catalog.home', {}))
    const inLeaf = new Set(leaf.map((p) => p._id))
    expect(mine.feed.items.slice(0, 2).every((i) => inLeaf.has(i.id))).toBe(true)
    expect(other.feed.items.slice(0, 2).some((i) => inLeaf.has(i.id))).toBe(false)
  })

  it('rejects bad input with INVALID_INPUT', async () => {
    for (const input of [{ x: 1 }, { $where: 'true' }, 'home', [1]]) {
      const res = await t.callAs(SHOPPER_1, 'catalog.home', input)
      expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    }
    for (const input of [
      { cursor: 12 },
      { cursor: 'not-a-cursor' },
      { cursor: { $gt: '' } },
      { pageSize: 10_000 },
      { cursor: 'x'.repeat(300) },
    ]) {
      const res = await t.callAs(SHOPPER_1, 'catalog.feed', input)
      expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' })
    }
  })
})
