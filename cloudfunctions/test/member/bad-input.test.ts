/**
 * The hostile-input sweep for the member actions (the catalogue sweep's method): each action has a valid
 * input that works, and every wrong shape, unknown field, `$`-operator, huge or mistyped value, or input
 * nested too deep is INVALID_INPUT and changes nothing.
 */
import { memberSelfActions, PRIVACY_VERSION, type ActionName } from '@mall/contract'
import { ok, startTestEmulator, type TestEmulator } from '../helpers/emulator'
import { lastCode, member, putAvatar } from './fixtures'

let t: TestEmulator
const ME = member(1)
const PHONE = '13900000001'
beforeAll(async () => {
  t = await startTestEmulator({ seed: false, poolSize: 4 })
})
afterAll(() => t?.stop())

const mine = Object.keys(memberSelfActions) as ActionName[]

/** A valid input per action, in the order they are first called (sendCode before bind, delete last). */
const VALID: Record<string, () => Record<string, unknown>> = {
  'member.me': () => ({}),
  'member.privacy.agree': () => ({ version: PRIVACY_VERSION }),
  'member.phone.sendCode': () => ({ phone: PHONE }),
  'member.phone.bind': () => ({ phone: PHONE, code: lastCode(t, PHONE) }),
  'member.phone.bindWechat': () => ({ code: 'dev:13900000002' }),
  'member.profile.update': () => ({
    nickname: '小明',
    avatar: putAvatar(t, ME, 'a.png'),
    gender: 1,
    birthday: '1990-01-01',
  }),
  'member.export': () => ({}),
  'member.account.delete': () => ({ confirm: true }),
}

const COLLECTIONS = [
  'users',
  'phoneClaims',
  'smsCodes',
  'addresses',
  'orders',
  'reviews',
  'favorites',
  'footprints',
]
const snapshot = () => JSON.stringify(COLLECTIONS.map((c) => t.find(c, {}, { sort: { _id: 1 } })))

const nested = (n: number): Record<string, unknown> => {
  let x: Record<string, unknown> = {}
  for (let i = 1; i < n; i++) x = { a: x }
  return x
}

describe('every member action', () => {
  it('has a valid input here that works', async () => {
    expect(Object.keys(VALID).sort()).toEqual([...mine].sort())
    for (const a of Object.keys(VALID)) ok(await t.callAs(ME, a as ActionName, VALID[a]!()))
  })

  it('answers INVALID_INPUT to wrong shapes, unknown fields and $-operators, and changes nothing', async () => {
    const before = snapshot()
    for (const a of mine) {
      const valid = VALID[a]!()
      const bad: unknown[] = [
        null,
        'x',
        42,
        [],
        [valid],
        { ...valid, extra: 1 },
        { ...valid, $where: 'this.openid' },
        { ...valid, openid: member(2) },
        nested(40),
        { ...valid, deep: nested(40) },
        ...Object.keys(valid).flatMap((k) =>
          // `true` is the valid value of member.account.delete's confirm: not a wrong one there
          [{ $ne: null }, { $gt: '' }, 'x'.repeat(10_000), true, ['x']]
            .filter((x) => x !== valid[k])
            .map((x) => ({ ...valid, [k]: x })),
        ),
      ]
      for (const input of bad) {
        const res = await t.callAs(ME, a, input)
        expect({ a, input: JSON.stringify(input).slice(0, 60), res }).toMatchObject({
          a,
          res: { ok: false, code: 'INVALID_INPUT', message: expect.any(String) },
        })
      }
    }
    expect(snapshot()).toBe(before)
  })

  it('refuses values of the right type that are still wrong', async () => {
    const before = snapshot()
    const cases: Array<[ActionName, unknown]> = [
      ['member.privacy.agree', { version: 'latest' }],
      ['member.phone.sendCode', { phone: '1390000000a' }],
      ['member.phone.sendCode', { phone: '' }],
      ['member.phone.bind', { phone: PHONE, code: '12345' }],
      ['member.phone.bind', { phone: PHONE, code: '1234567' }],
      ['member.phone.bind', { phone: PHONE, code: '12345a' }],
      ['member.phone.bindWechat', { code: '' }],
      ['member.phone.bindWechat', { code: 'dev:139 0000 0002' }],
      ['member.profile.update', {}],
      ['member.profile.update', { nickname: '   ' }],
      ['member.profile.update', { nickname: '长'.repeat(21) }],
      ['member.profile.update', { gender: 3 }],
      ['member.profile.update', { gender: '1' }],
      ['member.profile.update', { birthday: '1990-13-01' }],
      ['member.profile.update', { birthday: '90-01-01' }],
      ['member.profile.update', { avatar: 'https://evil.example/a.png' }],
      ['member.profile.update', { avatar: 'cloud://env.b/avatar/../x.png' }],
      ['member.account.delete', {}],
      ['member.account.delete', { confirm: 'true' }],
      ['member.account.delete', { confirm: false }],
    ]
    for (const [a, input] of cases)
      expect({ a, input, res: await t.callAs(ME, a, input) }).toMatchObject({
        a,
        input,
        res: { ok: false, code: 'INVALID_INPUT' },
      })
    expect(snapshot()).toBe(before)
  })
})
