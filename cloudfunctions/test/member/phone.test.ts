/**
 * Sign-up and phone binding through the real shop function: first contact, consent, SMS codes and their
 * limits, WeChat's phone button, and one phone per member under concurrency.
 */
import { PRIVACY_VERSION } from '@mall/contract'
import { ok, startTestEmulator, type TestEmulator } from '../helpers/emulator'
import { RACE_POOL } from '../order/fixtures'
import { bindBySms, consented, lastCode, member } from './fixtures'

let t: TestEmulator
beforeAll(async () => {
  // 16 workers cold-start at the first race: give them time on a busy machine (the race, not the start, is tested)
  t = await startTestEmulator({ seed: false, poolSize: RACE_POOL, timeoutMs: 60_000 })
})
afterAll(() => t?.stop())

const MIN = 60_000
const users = (openid: string) => t.find<Record<string, unknown>>('users', { _id: openid })
const claims = (filter: object = {}) => t.find<{ _id: string; openid: string }>('phoneClaims', filter)

describe('first contact', () => {
  it('member.me creates the member once, even from 8 concurrent first calls', async () => {
    const o = member(1)
    const all = await Promise.all(Array.from({ length: 8 }, () => t.callAs(o, 'member.me', {})))
    for (const r of all)
      expect(ok(r)).toMatchObject({
        nickname: '',
        phone: '',
        phoneBound: false,
        level: 0,
        growth: 0,
        points: 0,
        privacy: null,
        privacyCurrent: false,
      })
    expect(users(o)).toEqual([
      { _id: o, openid: o, level: 0, growth: 0, points: 0, pointsSeq: 0, createdAt: expect.any(Number) },
    ])
  })

  it('records the privacy consent; phone binding is refused before it', async () => {
    const o = member(2)
    expect(await t.callAs(o, 'member.phone.sendCode', { phone: '13900000002' })).toMatchObject({
      ok: false,
      code: 'PRIVACY_REQUIRED',
    })
    expect(await t.callAs(o, 'member.phone.bindWechat', { code: 'dev:13900000002' })).toMatchObject({
      ok: false,
      code: 'PRIVACY_REQUIRED',
    })
    expect(t.emu.openapi.sms('+8613900000002')).toHaveLength(0)
    const agreed = ok(await t.callAs(o, 'member.privacy.agree', { version: PRIVACY_VERSION }))
    expect(agreed.privacy.version).toBe(PRIVACY_VERSION)
    expect(ok(await t.callAs(o, 'member.me', {}))).toMatchObject({
      privacy: { version: PRIVACY_VERSION },
      privacyCurrent: true,
    })
    expect(users(o)[0]).toMatchObject({ privacy: { version: PRIVACY_VERSION, agreedAt: expect.any(Number) } })
  })
})

describe('binding by SMS code', () => {
  it('binds the phone: sealed on the member, claimed once, masked in the answer', async () => {
    const o = member(10)
    await consented(t, o)
    const sent = ok(await t.callAs(o, 'member.phone.sendCode', { phone: '+86 139-0000-0010' }))
    expect(sent).toEqual({ sent: true, phone: '139****0010', expiresInSeconds: 300, resendInSeconds: 60 })
    const res = ok(
      await t.callAs(o, 'member.phone.bind', { phone: '13900000010', code: lastCode(t, '13900000010') }),
    )
    expect(res).toEqual({ phone: '139****0010' })
    const u = users(o)[0]!
    expect(u.phone).toMatchObject({ m: '139****0010', k: expect.any(String), h: expect.any(String) })
    expect(JSON.stringify(u)).not.toContain('13900000010')
    expect(claims({ openid: o })).toEqual([
      { _id: (u.phone as { h: string }).h, openid: o, at: expect.any(Number) },
    ])
    expect(JSON.stringify(t.find('smsCodes'))).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/)
    expect(ok(await t.callAs(o, 'member.me', {}))).toMatchObject({ phone: '139****0010', phoneBound: true })
    // the used code does not bind again
    expect(
      await t.callAs(o, 'member.phone.bind', { phone: '13900000010', code: lastCode(t, '13900000010') }),
    ).toMatchObject({ ok: false, code: 'SMS_CODE_MISSING' })
  })

  it('refuses a number that is not a mainland mobile', async () => {
    const o = member(11)
    await consented(t, o)
    for (const phone of ['12345678901', '1390000001', '+1 415 555 0100'])
      expect(await t.callAs(o, 'member.phone.sendCode', { phone })).toMatchObject({
        ok: false,
        code: expect.stringMatching(/^(PHONE_INVALID|INVALID_INPUT)$/),
      })
    expect(await t.callAs(o, 'member.phone.sendCode', { phone: '12345678901' })).toMatchObject({
      code: 'PHONE_INVALID',
      message: '请输入正确的手机号',
    })
  })

  it('limits: 1 a minute and 5 an hour per phone, 10 a day per member, each with how long to wait', async () => {
    const a = member(20)
    const b = member(21)
    await consented(t, a)
    await consented(t, b)
    const phone = '13900000020'
    ok(await t.callAs(a, 'member.phone.sendCode', { phone }))
    t.emu.clock.advance(20_000)
    // the per-phone limit holds whoever asks
    for (const o of [a, b]) {
      const r = await t.callAs(o, 'member.phone.sendCode', { phone })
      expect(r).toMatchObject({
        ok: false,
        code: 'SMS_TOO_FREQUENT',
        message: '验证码发送太频繁，请40秒后再试',
      })
    }
    for (let i = 2; i <= 5; i++) {
      t.emu.clock.advance(MIN)
      ok(await t.callAs(i % 2 ? a : b, 'member.phone.sendCode', { phone }))
    }
    t.emu.clock.advance(MIN)
    const hourly = await t.callAs(a, 'member.phone.sendCode', { phone })
    expect(hourly).toMatchObject({ ok: false, code: 'SMS_HOURLY_LIMIT' })
    expect(!hourly.ok && hourly.message).toMatch(/^该手机号1小时内已获取5次验证码，请\d+分钟后再试$/)
    expect(t.emu.openapi.sms(`+86${phone}`)).toHaveLength(5)
    // an hour after the first send, one slot is free again
    t.emu.clock.advance(55 * MIN)
    ok(await t.callAs(b, 'member.phone.sendCode', { phone }))

    const c = member(22)
    await consented(t, c)
    for (let i = 0; i < 10; i++)
      ok(await t.callAs(c, 'member.phone.sendCode', { phone: `1370000${String(i).padStart(4, '0')}` }))
    const daily = await t.callAs(c, 'member.phone.sendCode', { phone: '13700000099' })
    expect(daily).toMatchObject({ ok: false, code: 'SMS_DAILY_LIMIT' })
    expect(!daily.ok && daily.message).toMatch(/^今日获取验证码已达10次，请(\d+小时)?(\d+分钟)?后再试$/)
    expect(t.emu.openapi.sms('+8613700000099')).toHaveLength(0)
  })

  it('concurrent sends of one phone: exactly one gets through the minute limit', async () => {
    const o = member(23)
    await consented(t, o)
    const all = await Promise.all(
      Array.from({ length: 8 }, () => t.callAs(o, 'member.phone.sendCode', { phone: '13900000023' })),
    )
    expect(all.filter((r) => r.ok)).toHaveLength(1)
    expect(all.filter((r) => !r.ok && r.code === 'SMS_TOO_FREQUENT')).toHaveLength(7)
    expect(t.emu.openapi.sms('+8613900000023')).toHaveLength(1)
  })

  it('a wrong code spends a try; the fifth wrong one kills the code, the right one is then refused', async () => {
    const o = member(30)
    await consented(t, o)
    const phone = '13900000030'
    ok(await t.callAs(o, 'member.phone.sendCode', { phone }))
    const code = lastCode(t, phone)
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 1; i <= 4; i++)
      expect(await t.callAs(o, 'member.phone.bind', { phone, code: wrong })).toMatchObject({
        ok: false,
        code: 'SMS_CODE_WRONG',
        message: `验证码错误，还可尝试${5 - i}次`,
      })
    expect(await t.callAs(o, 'member.phone.bind', { phone, code: wrong })).toMatchObject({
      ok: false,
      code: 'SMS_CODE_DEAD',
    })
    expect(await t.callAs(o, 'member.phone.bind', { phone, code })).toMatchObject({
      ok: false,
      code: 'SMS_CODE_DEAD',
    })
    expect(users(o)[0]!.phone).toBeUndefined()
  })

  it('8 concurrent wrong codes spend at most 5 tries and then the right code is dead', async () => {
    const o = member(31)
    await consented(t, o)
    const phone = '13900000031'
    ok(await t.callAs(o, 'member.phone.sendCode', { phone }))
    const code = lastCode(t, phone)
    const wrong = code === '999999' ? '888888' : '999999'
    const all = await Promise.all(
      Array.from({ length: 8 }, () => t.callAs(o, 'member.phone.bind', { phone, code: wrong })),
    )
    const codes = all.map((r) => (r.ok ? 'ok' : r.code)).sort()
    expect(codes).toEqual([...Array(4).fill('SMS_CODE_WRONG'), ...Array(4).fill('SMS_CODE_DEAD')].sort())
    expect(await t.callAs(o, 'member.phone.bind', { phone, code })).toMatchObject({ code: 'SMS_CODE_DEAD' })
    expect(t.find<{ tries: number }>('smsCodes', { _id: `code_${o}` })[0]!.tries).toBe(5)
  })

  it('a code expires 5 minutes after it was sent (emulator clock)', async () => {
    const o = member(32)
    await consented(t, o)
    const phone = '13900000032'
    ok(await t.callAs(o, 'member.phone.sendCode', { phone }))
    const code = lastCode(t, phone)
    t.emu.clock.advance(5 * MIN + 1000)
    expect(await t.callAs(o, 'member.phone.bind', { phone, code })).toMatchObject({
      ok: false,
      code: 'SMS_CODE_EXPIRED',
      message: '验证码已过期，请重新获取',
    })
    // a code for another phone does not bind this one
    ok(await t.callAs(o, 'member.phone.sendCode', { phone: '13900000033' }))
    expect(await t.callAs(o, 'member.phone.bind', { phone, code: lastCode(t, '13900000033') })).toMatchObject(
      { ok: false, code: 'SMS_CODE_MISSING' },
    )
  })
})

describe('one phone, one member', () => {
  it('two members binding one phone by SMS at the same moment: exactly one holds it', async () => {
    const a = member(40)
    const b = member(41)
    await consented(t, a)
    await consented(t, b)
    const phone = '13900000040'
    ok(await t.callAs(a, 'member.phone.sendCode', { phone }))
    const codeA = lastCode(t, phone)
    t.emu.clock.advance(MIN)
    ok(await t.callAs(b, 'member.phone.sendCode', { phone }))
    const codeB = lastCode(t, phone)
    const [ra, rb] = await Promise.all([
      t.callAs(a, 'member.phone.bind', { phone, code: codeA }),
      t.callAs(b, 'member.phone.bind', { phone, code: codeB }),
    ])
    const results = [ra, rb]
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok)).toEqual([
      expect.objectContaining({
        ok: false,
        code: 'PHONE_TAKEN',
        message: '该手机号已绑定其他账号，请更换手机号或联系客服',
      }),
    ])
    const holder = ra.ok ? a : b
    const other = ra.ok ? b : a
    const h = (users(holder)[0]!.phone as { h: string }).h
    expect(claims({ _id: h })).toEqual([expect.objectContaining({ openid: holder })])
    expect(users(other)[0]!.phone).toBeUndefined()
  })

  it('8 members pressing the WeChat phone button for one phone at once: exactly one holds it', async () => {
    const ms = Array.from({ length: 8 }, (_, i) => member(50 + i))
    for (const o of ms) await consented(t, o)
    const all = await Promise.all(
      ms.map((o) => t.callAs(o, 'member.phone.bindWechat', { code: 'dev:13900000050' })),
    )
    expect(all.filter((r) => r.ok)).toHaveLength(1)
    expect(all.filter((r) => !r.ok && r.code === 'PHONE_TAKEN')).toHaveLength(7)
    const bound = ms.filter((o) => users(o)[0]!.phone)
    expect(bound).toHaveLength(1)
    expect(claims({ openid: bound[0] })).toHaveLength(1)
  })

  it('8 concurrent binds by one member: one phone and one claim end up theirs', async () => {
    const o = member(60)
    await consented(t, o)
    const same = await Promise.all(
      Array.from({ length: 8 }, () => t.callAs(o, 'member.phone.bindWechat', { code: 'dev:13900000060' })),
    )
    expect(same.every((r) => r.ok)).toBe(true)
    expect(claims({ openid: o })).toHaveLength(1)
    const many = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.callAs(o, 'member.phone.bindWechat', { code: `dev:1390000007${i}` }),
      ),
    )
    expect(many.every((r) => r.ok)).toBe(true)
    const mine = claims({ openid: o })
    expect(mine).toHaveLength(1)
    expect(mine[0]!._id).toBe((users(o)[0]!.phone as { h: string }).h)
  })

  it('rebinding releases the old phone for someone else', async () => {
    const a = member(80)
    const b = member(81)
    await consented(t, a)
    await consented(t, b)
    ok(await bindBySms(t, a, '13900000080'))
    expect(await t.callAs(b, 'member.phone.bindWechat', { code: 'dev:13900000080' })).toMatchObject({
      code: 'PHONE_TAKEN',
    })
    ok(await t.callAs(a, 'member.phone.bindWechat', { code: 'dev:13900000081' }))
    expect(ok(await t.callAs(b, 'member.phone.bindWechat', { code: 'dev:13900000080' }))).toEqual({
      phone: '139****0080',
    })
    expect(claims({ openid: a })).toHaveLength(1)
    expect(claims({ openid: b })).toHaveLength(1)
  })
})

describe("binding by WeChat's phone button", () => {
  it('exchanges the code for the phone; a bad code and an exhausted quota get their own errors', async () => {
    const o = member(90)
    await consented(t, o)
    expect(await t.callAs(o, 'member.phone.bindWechat', { code: 'not-a-real-code' })).toMatchObject({
      ok: false,
      code: 'WECHAT_PHONE_FAILED',
    })
    t.emu.openapi.injectFault({ api: 'phonenumber.getPhoneNumber', errorCode: 1400001 })
    expect(await t.callAs(o, 'member.phone.bindWechat', { code: 'dev:13900000090' })).toMatchObject({
      ok: false,
      code: 'WECHAT_PHONE_QUOTA',
      message: '微信手机号快速验证次数已用完，请改用短信验证码绑定',
    })
    expect(ok(await t.callAs(o, 'member.phone.bindWechat', { code: 'dev:13900000090' }))).toEqual({
      phone: '139****0090',
    })
    expect(ok(await t.callAs(o, 'member.me', {}))).toMatchObject({ phone: '139****0090', phoneBound: true })
  })
})
