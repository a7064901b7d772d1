/** The member demo data on a seeded emulator: what `npm start` shows on the me page. */
import { ok, SHOPPER_1, SHOPPER_2, startTestEmulator, type TestEmulator } from '../helpers/emulator'
import { consented } from './fixtures'

let t: TestEmulator
beforeAll(async () => {
  t = await startTestEmulator({ products: 10 })
})
afterAll(() => t?.stop())

it('shopper 1 has a bound phone and the consent; shopper 2 is unbound and cannot take that phone', async () => {
  expect(ok(await t.callAs(SHOPPER_1, 'member.me', {}))).toMatchObject({
    nickname: '张小明',
    avatar: expect.stringMatching(/^https?:\/\//),
    avatarPending: false,
    phone: '138****8001',
    phoneBound: true,
    privacyCurrent: true,
    gender: 1,
    birthday: '1992-06-18',
  })
  expect(ok(await t.callAs(SHOPPER_2, 'member.me', {}))).toMatchObject({ phone: '', phoneBound: false })
  await consented(t, SHOPPER_2)
  // the seeded claim uses the same keyed hash as the functions
  expect(await t.callAs(SHOPPER_2, 'member.phone.bindWechat', { code: 'dev:13800138001' })).toMatchObject({
    ok: false,
    code: 'PHONE_TAKEN',
  })
})
