import { actions, type ActionName } from '@mall/contract'
import { ok, SHOPPER_1, startTestEmulator, type TestEmulator } from '../helpers/emulator'

let t: TestEmulator
beforeAll(async () => {
  t = await startTestEmulator({ products: 30 })
})
afterAll(async () => {
  await t?.stop()
})

/** A valid input for every catalogue and user action. */
const VALID: Record<string, Record<string, unknown>> = {
  'catalog.home': {},
  'catalog.feed': {},
  'catalog.categories': {},
  'catalog.hotWords': {},
  'catalog.search': { keyword: '手机' },
  'catalog.product': { id: 'p0001' },
  'catalog.skuStock': { skuIds: ['p0001_s01'] },
  'catalog.reviews': { spuId: 'p0001' },
  'catalog.recommend': { spuId: 'p0001' },
  'user.favorites.list': {},
  'user.favorites.add': { spuId: 'p0002' },
  'user.favorites.remove': { spuIds: ['p0002'] },
  'user.footprints.list': {},
  'user.footprints.clear': { spuIds: ['p0002'] },
  'user.wallet': { limit: 5 },
}

const mine = (Object.keys(actions) as ActionName[]).filter(
  (a) => a.startsWith('catalog.') || a.startsWith('user.'),
)

const snapshot = () =>
  JSON.stringify(
    ['favorites', 'footprints', 'products', 'skus'].map((c) => t.find(c, {}, { sort: { _id: 1 } })),
  )

describe('every catalogue and user action', () => {
  it('has a valid input here that works', async () => {
    expect(Object.keys(VALID).sort()).toEqual([...mine].sort())
    for (const a of mine) ok(await t.callAs(SHOPPER_1, a, VALID[a]))
  })

  it('answers INVALID_INPUT to wrong shapes, unknown fields and $-operators, and changes nothing', async () => {
    const before = snapshot()
    for (const a of mine) {
      const valid = VALID[a]!
      const bad: unknown[] = [
        null,
        'x',
        42,
        [valid],
        { ...valid, extra: 1 },
        { ...valid, $where: 'this.openid' },
        { ...valid, openid: 'o_demo_shopper_2' },
        ...Object.keys(valid).flatMap((k) => [
          { ...valid, [k]: { $ne: null } },
          { ...valid, [k]: { $gt: '' } },
          { ...valid, [k]: 'x'.repeat(10_000) },
          { ...valid, [k]: true },
        ]),
      ]
      for (const input of bad) {
        const res = await t.callAs(SHOPPER_1, a, input)
        expect({ a, input, res }).toMatchObject({
          a,
          input,
          res: { ok: false, code: 'INVALID_INPUT', message: expect.any(String) },
        })
      }
    }
    expect(snapshot()).toBe(before)
  })
})
