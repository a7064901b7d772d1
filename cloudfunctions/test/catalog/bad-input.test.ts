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
  'user.uploadFolder': { area: 'review' },
}

/** The cursored actions and the ordering their cursors carry (so a bad key is what gets checked). */
const CURSORED: Record<string, string> = {
  'catalog.feed': 'feed',
  'catalog.search': 'default',
  'catalog.reviews': 'reviews',
  'user.favorites.list': 'favorites',
  'user.footprints.list': 'footprints',
}
const cursor = (o: string, k: unknown) =>
  Buffer.from(JSON.stringify({ o, k, i: 'p0001' })).toString('base64url')

/** `{a: {a: ... {}}}`, n levels. */
const nested = (n: number): Record<string, unknown> => {
  let x: Record<string, unknown> = {}
  for (let i = 1; i < n; i++) x = { a: x }
  return x
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
        [],
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

  it('answers INVALID_INPUT with a message to an input nested too deep, even under a field', async () => {
    for (const a of mine) {
      const valid = VALID[a]!
      // 2,000, not more: the emulator hands events to its workers by structured clone, which has its own limit.
      for (const input of [nested(40), { ...valid, deep: nested(40) }, nested(2_000)]) {
        const res = await t.callAs(SHOPPER_1, a, input)
        expect({ a, res }).toMatchObject({
          a,
          res: { ok: false, code: 'INVALID_INPUT', message: '请求嵌套层级过深（最多 32 层）' },
        })
      }
    }
  })

  it('answers INVALID_INPUT to a cursor whose key is not a safe integer in range', async () => {
    expect(Object.keys(CURSORED).every((a) => mine.includes(a as ActionName))).toBe(true)
    for (const [a, o] of Object.entries(CURSORED)) {
      for (const k of [1e308, -1, 1.5, 2 ** 53, 8.64e15 + 1, 'x'.repeat(300)]) {
        const res = await t.callAs(SHOPPER_1, a as ActionName, { ...VALID[a], cursor: cursor(o, k) })
        expect({ a, k, res }).toMatchObject({ a, k, res: { ok: false, code: 'INVALID_INPUT' } })
      }
      ok(await t.callAs(SHOPPER_1, a as ActionName, { ...VALID[a], cursor: cursor(o, 1_700_000_000_000) }))
    }
  })
})
