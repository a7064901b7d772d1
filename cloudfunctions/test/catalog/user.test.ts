import type { ActionOutput } from '@mall/contract'
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
  t = await startTestEmulator({ products: 60 })
})
afterAll(async () => {
  await t?.stop()
})

const favIds = async (openid: string) =>
  ok(await t.callAs(openid, 'user.favorites.list', {})).items.map((i) => i.id)

describe('user.favorites', () => {
  it('adds idempotently, lists newest first, and shows the flag on the product page', async () => {
    ok(await t.callAs(SHOPPER_1, 'user.favorites.add', { spuId: 'p0002' }))
    t.emu.clock.advance(1000)
    ok(await t.callAs(SHOPPER_1, 'user.favorites.add', { spuId: 'p0003' }))
    ok(await t.callAs(SHOPPER_1, 'user.favorites.add', { spuId: 'p0003' }))
    expect(await favIds(SHOPPER_1)).toEqual(['p0003', 'p0002'])
    expect(t.find('favorites', { openid: SHOPPER_1 })).toHaveLength(2)
    const list = ok(await t.callAs(SHOPPER_1, 'user.favorites.list', {}))
    expect(list.items[0]).toMatchObject({ id: 'p0003', status: 'onShelf', at: expect.any(Number) })
    expect(list.items[0]!.image).toMatch(/^http/)
    expect(ok(await t.callAs(SHOPPER_1, 'catalog.product', { id: 'p0002' })).favorite).toBe(true)
    expect(ok(await t.callAs(SHOPPER_2, 'catalog.product', { id: 'p0002' })).favorite).toBe(false)
  })

  it('keeps each shopper’s favourites private: another shopper can neither see nor remove them', async () => {
    expect(await favIds(SHOPPER_2)).toEqual([])
    expect(ok(await t.callAs(SHOPPER_2, 'user.favorites.remove', { spuIds: ['p0002', 'p0003'] }))).toEqual({
      removed: 0,
    })
    expect(await favIds(SHOPPER_1)).toEqual(['p0003', 'p0002'])
    expect(ok(await t.callAs(SHOPPER_1, 'user.favorites.remove', { spuIds: ['p0002'] }))).toEqual({
      removed: 1,
    })
    expect(await favIds(SHOPPER_1)).toEqual(['p0003'])
  })

  it('pages favourites with a cursor', async () => {
    for (let i = 10; i < 25; i++) {
      t.emu.clock.advance(10)
      ok(await t.callAs(SHOPPER_3, 'user.favorites.add', { spuId: `p00${i}` }))
    }
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: ActionOutput<'user.favorites.list'> = ok(
        await t.callAs(SHOPPER_3, 'user.favorites.list', { pageSize: 4, ...(cursor ? { cursor } : {}) }),
      )
      seen.push(...page.items.map((i) => i.id))
      cursor = page.cursor
    } while (cursor)
    expect(seen).toEqual(Array.from({ length: 15 }, (_, k) => `p00${24 - k}`))
  })

  it('refuses unknown products, a full list and hostile input, changing nothing', async () => {
    const before = t.find('favorites').length
    expect(await t.callAs(SHOPPER_2, 'user.favorites.add', { spuId: 'p9999' })).toMatchObject({
      code: 'NOT_FOUND',
    })
    const bad: Array<[string, unknown]> = [
      ['user.favorites.add', { spuId: { $ne: null } }],
      ['user.favorites.add', { spuId: 'p0002', openid: SHOPPER_1 }],
      ['user.favorites.add', {}],
      ['user.favorites.remove', { spuIds: [] }],
      ['user.favorites.remove', { spuIds: { $exists: true } }],
      ['user.favorites.remove', { spuIds: Array(51).fill('p0002') }],
      ['user.favorites.remove', { spuIds: ['p0002'], openid: SHOPPER_1 }],
      ['user.favorites.list', { pageSize: -1 }],
      ['user.favorites.list', { cursor: { $gt: 0 } }],
      [
        'user.favorites.list',
        { cursor: Buffer.from('{"o":"footprints","k":1,"i":"x"}').toString('base64url') },
      ],
    ]
    for (const [action, input] of bad)
      expect(await t.callAs(SHOPPER_2, action as 'user.favorites.add', input)).toMatchObject({
        code: 'INVALID_INPUT',
      })
    expect(t.find('favorites').length).toBe(before)
    t.emu.db.insertMany(
      'favorites',
      Array.from({ length: 500 }, (_, i) => ({
        _id: `full_${i}`,
        openid: 'o_full',
        spuId: `x${i}`,
        createdAt: new Date(i),
      })),
    )
    expect(await t.callAs('o_full', 'user.favorites.add', { spuId: 'p0002' })).toMatchObject({
      code: 'FAVORITES_FULL',
    })
    expect(t.find('favorites', { openid: 'o_full', spuId: 'p0002' })).toHaveLength(0)
  })
})

describe('user.footprints', () => {
  it('records a footprint per product view, newest first, one per product', async () => {
    for (const id of ['p0005', 'p0006', 'p0005', 'p0007']) {
      t.emu.clock.advance(1000)
      ok(await t.callAs(SHOPPER_1, 'catalog.product', { id }))
    }
    const list = ok(await t.callAs(SHOPPER_1, 'user.footprints.list', {}))
    expect(list.items.map((i) => i.id)).toEqual(['p0007', 'p0005', 'p0006', 'p0002'])
  })

  it('clears only the caller’s footprints, selected or all', async () => {
    ok(await t.callAs(SHOPPER_2, 'catalog.product', { id: 'p0005' }))
    // shopper 2 looked at p0002 in the favourites test and at p0005 here
    expect(ok(await t.callAs(SHOPPER_2, 'user.footprints.clear', {}))).toEqual({ removed: 2 })
    expect(ok(await t.callAs(SHOPPER_1, 'user.footprints.list', {})).items).toHaveLength(4)
    expect(ok(await t.callAs(SHOPPER_1, 'user.footprints.clear', { spuIds: ['p0005', 'p0006'] }))).toEqual({
      removed: 2,
    })
    expect(ok(await t.callAs(SHOPPER_1, 'user.footprints.list', {})).items.map((i) => i.id)).toEqual([
      'p0007',
      'p0002',
    ])
    for (const input of [{ spuIds: [] }, { spuIds: [{ $gt: '' }] }, { all: true }, null])
      expect(await t.callAs(SHOPPER_1, 'user.footprints.clear', input)).toMatchObject({
        code: 'INVALID_INPUT',
      })
    expect(ok(await t.callAs(SHOPPER_1, 'user.footprints.list', {})).items).toHaveLength(2)
    expect(ok(await t.callAs(SHOPPER_1, 'user.footprints.clear', {}))).toEqual({ removed: 2 })
    expect(ok(await t.callAs(SHOPPER_1, 'user.footprints.list', {})).items).toEqual([])
  })

  it('keeps at most 200 footprints per shopper, dropping the oldest', async () => {
    const openid = 'o_many_prints'
    t.emu.db.insertMany(
      'footprints',
      Array.from({ length: 205 }, (_, i) => ({
        _id: `${openid}_x${i}`,
        openid,
        spuId: `x${i}`,
        categoryId: 'c1_1_1',
        at: new Date(1_000_000 + i * 1000),
      })),
    )
    ok(await t.callAs(openid, 'user.footprints.list', {}))
    const left = t.find<{ spuId: string }>('footprints', { openid })
    expect(left).toHaveLength(200)
    expect(left.map((f) => f.spuId)).not.toContain('x4')
    expect(left.map((f) => f.spuId)).toContain('x5')
  })
})
