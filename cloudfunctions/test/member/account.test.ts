/**
 * Profile (nickname through msgSecCheck, avatar through the media check and its verdict push), account
 * deletion (each refusal, then an erasure that leaves no personal data) and the data export.
 */
import fs from 'node:fs'
import path from 'node:path'
import { openPhone, sealPhone, type SealedPhone } from '../../src/pii/phone'
import { ok, startTestEmulator, type TestEmulator } from '../helpers/emulator'
import { consented, member, putAvatar } from './fixtures'

// sealPhone here uses the emulator's development keys (read when it is called), as the functions do
process.env.MALL_EMULATOR = '1'

let t: TestEmulator
beforeAll(async () => {
  t = await startTestEmulator({ seed: false, poolSize: 4 })
})
afterAll(() => t?.stop())

const user = (openid: string) => t.find<Record<string, unknown>>('users', { _id: openid })[0]!
const DAY = 86_400_000

describe('profile', () => {
  it('saves nickname, gender and birthday; a risky nickname is refused and changes nothing', async () => {
    const o = member(1)
    await consented(t, o)
    const p = ok(
      await t.callAs(o, 'member.profile.update', { nickname: ' 小明 ', gender: 1, birthday: '1990-05-20' }),
    )
    expect(p).toMatchObject({ nickname: '小明', gender: 1, birthday: '1990-05-20' })
    expect(await t.callAs(o, 'member.profile.update', { nickname: '赌博达人' })).toMatchObject({
      ok: false,
      code: 'CONTENT_RISKY',
    })
    expect(await t.callAs(o, 'member.profile.update', { nickname: '微商小王' })).toMatchObject({
      ok: false,
      code: 'CONTENT_RISKY',
    })
    expect(user(o).nickname).toBe('小明')
    const calls = t.emu.openapi.records({ api: 'security.msgSecCheck' })
    expect(calls.length).toBeGreaterThanOrEqual(3)
    expect(calls[calls.length - 1]!.params).toMatchObject({ scene: 1, version: 2, openid: o })
    for (const birthday of ['1990-02-30', '2990-01-01'])
      expect(await t.callAs(o, 'member.profile.update', { birthday })).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      })
    const tomorrow = new Date(t.emu.clock.now() + 2 * DAY).toISOString().slice(0, 10)
    expect(await t.callAs(o, 'member.profile.update', { birthday: tomorrow })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    })
  })

  it('a new avatar is pending (old one shown) until its verdict passes; a rejected one never shows', async () => {
    const o = member(2)
    await consented(t, o)
    t.emu.openapi.push.setMode('hold')
    try {
      const first = putAvatar(t, o, 'me1.png')
      const p1 = ok(await t.callAs(o, 'member.profile.update', { avatar: first }))
      expect(p1).toMatchObject({ avatar: '', avatarPending: true })
      expect(user(o)).toMatchObject({ avatarPending: first })
      await t.emu.openapi.push.release()
      await t.emu.openapi.push.idle()
      expect(user(o)).toMatchObject({ avatar: first })
      expect(user(o).avatarPending).toBeUndefined()
      const p2 = ok(await t.callAs(o, 'member.me', {}))
      expect(p2).toMatchObject({
        avatarPending: false,
        avatar: expect.stringMatching(/^https?:\/\/.*me1\.png/),
      })

      const risky = putAvatar(t, o, 'BAD-face.png')
      const p3 = ok(await t.callAs(o, 'member.profile.update', { avatar: risky }))
      expect(p3).toMatchObject({ avatarPending: true, avatar: expect.stringMatching(/me1\.png/) })
      await t.emu.openapi.push.release()
      await t.emu.openapi.push.idle()
      expect(user(o)).toMatchObject({ avatar: first })
      expect(user(o).avatarPending).toBeUndefined()
      expect(ok(await t.callAs(o, 'member.me', {}))).toMatchObject({
        avatarPending: false,
        avatar: expect.stringMatching(/me1\.png/),
      })
    } finally {
      t.emu.openapi.push.setMode('deliver')
    }
  })

  it("refuses an avatar outside the caller's avatar folder, or one that does not exist", async () => {
    const o = member(3)
    await consented(t, o)
    const others = putAvatar(t, member(2), 'x.png')
    const review = t.emu.storage.put(`review/${o}/x.png`, Buffer.from('x'))
    for (const avatar of [others, review, others.replace('x.png', 'missing.png').replace(member(2), o)])
      expect(await t.callAs(o, 'member.profile.update', { avatar })).toMatchObject({
        ok: false,
        code: 'PHOTO_INVALID',
      })
    expect(user(o).avatarPending).toBeUndefined()
  })
})

/** Each member's own phone (one phone belongs to one member). */
const phoneOf = (o: string) => `1391111${o.slice(-4)}`
const ADDRESS_PHONE = '13833334444'

/** A member with a bit of everything: phone, addresses, cart, favourites, footprints, orders, review. */
async function richMember(
  o: string,
  opts: { orderStatus?: string; aftersale?: string; balance?: number; frozen?: number } = {},
) {
  await consented(t, o)
  ok(
    await t.callAs(o, 'member.profile.update', { nickname: '注销测试员', gender: 2, birthday: '1988-08-08' }),
  )
  ok(await t.callAs(o, 'member.phone.bindWechat', { code: `dev:${phoneOf(o)}` }))
  const avatar = putAvatar(t, o, 'face.png')
  ok(await t.callAs(o, 'member.profile.update', { avatar }))
  await t.emu.openapi.push.idle()
  const sealed = sealPhone(ADDRESS_PHONE)
  const addr = {
    name: '王五',
    phone: sealed,
    province: '上海市',
    city: '上海市',
    district: '徐汇区',
    detail: '漕溪北路88号',
  }
  t.emu.db.insertMany('addresses', [{ _id: `addr_${o}`, openid: o, ...addr, isDefault: true }])
  t.emu.db.insertMany('carts', [{ _id: o, openid: o, lines: [{ skuId: 's1', quantity: 1 }] }])
  t.emu.db.insertMany('favorites', [{ _id: `fav_${o}`, openid: o, spuId: 'p1', createdAt: 1 }])
  t.emu.db.insertMany('footprints', [{ _id: `fp_${o}`, openid: o, spuId: 'p1', at: 1 }])
  t.emu.db.insertMany('orders', [
    {
      _id: `ord_${o}`,
      openid: o,
      requestId: `r_${o}`,
      status: opts.orderStatus ?? 'completed',
      address: addr,
      remark: '放门口，电话联系',
      totals: { payable: 1000 },
      createdAt: 1,
    },
  ])
  t.emu.db.insertMany('reviews', [
    {
      _id: `rv_${o}`,
      openid: o,
      spuId: 'p1',
      nickname: '注销测试员',
      avatar,
      anonymous: false,
      rating: 5,
      content: '好',
      createdAt: 1,
    },
  ])
  t.emu.db.insertMany('pointsLedger', [
    { _id: `pts_${o}`, openid: o, amount: 10, kind: 'seed', at: 1, seq: 1 },
  ])
  t.emu.db.insertMany('ledger', [
    {
      _id: `led_${o}`,
      walletId: o,
      openid: o,
      amount: 500,
      kind: 'recharge',
      at: 1,
      seq: 1,
      balanceAfter: 500,
    },
    { _id: `led2_${o}`, walletId: o, openid: o, amount: -500, kind: 'pay', at: 2, seq: 2, balanceAfter: 0 },
  ])
  t.emu.db.insertMany('wallets', [
    { _id: o, openid: o, balance: opts.balance ?? 0, bonus: 0, frozen: opts.frozen ?? 0, seq: 2 },
  ])
  t.emu.db.insertMany('coupons', [
    { _id: `cp_${o}`, openid: o, templateId: 't', status: 'unused', validTo: 9e12 },
  ])
  if (opts.aftersale)
    t.emu.db.insertMany('aftersales', [
      { _id: `as_${o}`, openid: o, orderId: `ord_${o}`, status: opts.aftersale, createdAt: 1 },
    ])
  return { sealed, avatar }
}

describe('account deletion', () => {
  it('refuses while an order is open, an after-sales request is open or the wallet holds money', async () => {
    for (const [n, opts, code] of [
      [10, { orderStatus: 'paid' }, 'ACCOUNT_ORDERS_OPEN'],
      [11, { orderStatus: 'received' }, 'ACCOUNT_ORDERS_OPEN'],
      [12, { orderStatus: 'awaitingPayment' }, 'ACCOUNT_ORDERS_OPEN'],
      [13, { aftersale: 'awaitingReturn' }, 'ACCOUNT_AFTERSALES_OPEN'],
      [14, { balance: 1 }, 'ACCOUNT_WALLET_NOT_EMPTY'],
      [15, { frozen: 100 }, 'ACCOUNT_WALLET_NOT_EMPTY'],
    ] as const) {
      const o = member(n)
      await richMember(o, opts)
      const res = await t.callAs(o, 'member.account.delete', { confirm: true })
      expect({ n, res }).toMatchObject({ n, res: { ok: false, code, message: expect.any(String) } })
      expect(user(o)).toMatchObject({ nickname: '注销测试员', phone: expect.any(Object) })
      expect(t.find('addresses', { openid: o })).toHaveLength(1)
    }
    expect(await t.callAs(member(10), 'member.account.delete', { confirm: false })).toMatchObject({
      code: 'INVALID_INPUT',
    })
  })

  it('erases every piece of personal data, keeps the books, frees the phone; the next visit is a fresh member', async () => {
    const o = member(20)
    const PHONE = phoneOf(o)
    const { avatar } = await richMember(o, { aftersale: 'refunded' })
    ok(await t.callAs(o, 'member.phone.sendCode', { phone: '13911113333' }))
    const exported = ok(await t.callAs(o, 'member.export', {}))
    const exportFile = user(o).exportFile as string
    expect(t.emu.storage.read(exportFile)).toBeDefined()
    expect(exported.bytes).toBeGreaterThan(0)
    const phoneHash = (user(o).phone as SealedPhone).h

    const res = ok(await t.callAs(o, 'member.account.delete', { confirm: true }))
    expect(res).toEqual({ deleted: true, deletedAt: expect.any(Number) })

    // Scan every collection for anything of this member's that is personal.
    const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../database.json'), 'utf8')) as {
      collections: Record<string, unknown>
    }
    const personal = [
      '注销测试员',
      '王五',
      '漕溪北路88号',
      '徐汇区',
      '放门口',
      PHONE,
      ADDRESS_PHONE,
      '139****0020',
      '138****4444',
      phoneHash,
      '1988-08-08',
      'face.png',
    ]
    const kept: Record<string, number> = {}
    for (const c of Object.keys(schema.collections)) {
      const docs = t.find(c).filter((d) => JSON.stringify(d).includes(o))
      if (docs.length) kept[c] = docs.length
      for (const d of docs) {
        const text = JSON.stringify(d)
        for (const p of personal) expect({ c, p, found: text.includes(p) }).toEqual({ c, p, found: false })
        expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/)
        expect(d).not.toHaveProperty('phone.c')
      }
    }
    // the phone hash is nowhere any more (claims, SMS counters)
    for (const c of Object.keys(schema.collections))
      expect(JSON.stringify(t.find(c))).not.toContain(phoneHash)
    // the books stay
    expect(kept).toMatchObject({
      users: 1,
      orders: 1,
      ledger: 2,
      pointsLedger: 1,
      wallets: 1,
      reviews: 1,
      aftersales: 1,
    })
    for (const c of ['addresses', 'carts', 'favorites', 'footprints', 'smsCodes', 'phoneClaims'])
      expect(kept[c]).toBeUndefined()
    expect(user(o)).toEqual({
      _id: o,
      openid: o,
      level: 0,
      growth: 0,
      points: 0,
      pointsSeq: 0,
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
      deletedAt: res.deletedAt,
      exportedAt: expect.any(Number),
      phoneBoundAt: expect.any(Number),
    })
    expect(t.find('orders', { _id: `ord_${o}` })[0]).toMatchObject({
      status: 'completed',
      totals: { payable: 1000 },
      address: { anonymised: true, name: '已注销用户', phone: '' },
      remark: '',
    })
    expect(t.find('reviews', { _id: `rv_${o}` })[0]).toMatchObject({
      nickname: '已注销用户',
      avatar: '',
      anonymous: true,
      content: '好',
    })
    expect(t.emu.storage.read(avatar)).toBeUndefined()
    expect(t.emu.storage.read(exportFile)).toBeUndefined()

    // the phone is free for another member
    const other = member(21)
    await consented(t, other)
    ok(await t.callAs(other, 'member.phone.bindWechat', { code: `dev:${PHONE}` }))
    // the same WeChat user coming back is a fresh member: no profile, no phone, consent asked again
    expect(ok(await t.callAs(o, 'member.me', {}))).toMatchObject({
      nickname: '',
      avatar: '',
      phone: '',
      phoneBound: false,
      privacy: null,
      privacyCurrent: false,
    })
    expect(user(o)).toMatchObject({ lastDeletedAt: res.deletedAt, reopenedAt: expect.any(Number) })
    expect(user(o).deletedAt).toBeUndefined()
  })
})

describe('data export', () => {
  it('writes everything the mall holds about the member to a JSON file behind a temporary URL', async () => {
    const o = member(30)
    const PHONE = phoneOf(o)
    await richMember(o)
    const res = ok(await t.callAs(o, 'member.export', {}))
    expect(res).toEqual({
      url: expect.stringMatching(/^https?:\/\//),
      expiresAt: expect.any(Number),
      bytes: expect.any(Number),
    })
    const body = await (await fetch(res.url)).text()
    expect(Buffer.byteLength(body)).toBe(res.bytes)
    const data = JSON.parse(body) as Record<string, unknown> & {
      profile: Record<string, unknown>
      addresses: Array<Record<string, unknown>>
      orders: Array<Record<string, unknown>>
    }
    expect(data.profile).toMatchObject({
      openid: o,
      nickname: '注销测试员',
      phone: PHONE,
      gender: 2,
      birthday: '1988-08-08',
    })
    expect(data.addresses).toEqual([
      expect.objectContaining({ name: '王五', phone: ADDRESS_PHONE, detail: '漕溪北路88号' }),
    ])
    expect(data.orders).toEqual([
      expect.objectContaining({
        _id: `ord_${o}`,
        address: expect.objectContaining({ phone: ADDRESS_PHONE }),
      }),
    ])
    expect(data).toMatchObject({
      wallet: { balance: 0 },
      // by _id: led2_ sorts before led_
      ledger: [{ amount: -500 }, { amount: 500 }],
      pointsLedger: [{ amount: 10 }],
      coupons: [{ _id: `cp_${o}` }],
      favorites: [{ spuId: 'p1' }],
      footprints: [{ spuId: 'p1' }],
      reviews: [{ content: '好' }],
      aftersales: [],
      cart: { lines: [{ skuId: 's1' }] },
    })
    // a second export replaces the first file
    const first = user(o).exportFile as string
    t.emu.clock.advance(1000)
    ok(await t.callAs(o, 'member.export', {}))
    expect(t.emu.storage.read(first)).toBeUndefined()
    expect(t.emu.storage.read(user(o).exportFile as string)).toBeDefined()
    // and no one else's data is in it
    expect(body).not.toContain(member(20))
    expect(openPhone(sealPhone(PHONE))).toBe(PHONE)
  })
})
