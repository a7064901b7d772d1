/**
 * The merchant's members area: the list (newest first, cursor paging, search by phone through the keyed
 * hash, by nickname prefix or openid, masked phones only), the member detail, and point and balance
 * adjustments (ledger entry + audit entry in one transaction, idempotent by requestId, roles).
 */
import type { AdminAdjustResult, AdminMemberDetail, AdminMemberRow } from '@mall/contract'
import { ok, startTestEmulator, ADMIN as SEED_ADMIN, type TestEmulator } from '../helpers/emulator'
import { adminCall, insertWallet, rid, sdkUpdate, shopper } from '../order/fixtures'
import { demoMemberOpenid } from '../../seed/admin-members'

// the functions run with the emulator's development keys: seal with the same ones here
process.env.MALL_EMULATOR = '1'
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sealPhone } = require('../../src/pii/phone') as typeof import('../../src/pii/phone')

let t: TestEmulator
const OWNER = 'o_test_members_owner'
const OPERATOR = 'o_test_members_operator'
const SERVICE = 'o_test_members_service'
const FINANCE = 'o_test_members_finance'
const member = (n: number) => `o_test_member_${String(n).padStart(2, '0')}`
const N = 25
const BASE = 1_767_225_600_000
const PHONE = '13912345678'
// an 11-digit mobile number on its own (not the digits inside a 13-digit epoch-ms time)
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/
/** the member with the bound phone, a wallet, an order */
const RICH = member(7)
const BUYER = shopper(1)

type Page = { items: AdminMemberRow[]; cursor: string | null }
const as = async <T>(openid: string, action: string, input: unknown): Promise<T> =>
  ok((await adminCall(t, openid, action as never, input)) as never) as T
/** Every answer of this file and every console line of the functions, scanned for a plain phone at the end. */
const seen: unknown[] = []
const consoleLines: string[] = []
const list = async (input: object, who = OWNER) => {
  const p = await as<Page>(who, 'admin.members.list', input)
  seen.push(p)
  return p
}
const detail = async (openid: string, who = OWNER) => {
  const d = await as<AdminMemberDetail>(who, 'admin.members.detail', { openid })
  seen.push(d)
  return d
}
const nickname = (n: number) =>
  n === 3 ? '小明' : n === 4 ? '小明同学' : n === 5 ? '小明的妈妈' : n === 6 ? '大明' : `会员${n}`

beforeAll(async () => {
  t = await startTestEmulator({ seed: false, poolSize: 8, log: (l) => consoleLines.push(l) })
  t.emu.db.insertMany('admins', [
    { _id: OWNER, roles: ['owner'], active: true, name: '店长' },
    { _id: OPERATOR, roles: ['operator'], active: true, name: '运营小王' },
    { _id: SERVICE, roles: ['service'], active: true },
    { _id: FINANCE, roles: ['finance'], active: true, name: '财务' },
  ])
  t.emu.db.insertMany('settings', [
    {
      _id: 'member',
      levels: [
        { level: 0, name: '普通会员', growth: 0, pointsMultiplier: 1000 },
        { level: 1, name: '银卡会员', growth: 1000, pointsMultiplier: 1200 },
        { level: 2, name: '金卡会员', growth: 5000, pointsMultiplier: 1500 },
      ],
    },
  ])
  t.emu.db.insertMany(
    'users',
    Array.from({ length: N }, (_, i) => {
      const n = i + 1
      return {
        _id: member(n),
        openid: member(n),
        nickname: nickname(n),
        level: n === 7 ? 3 : n % 3,
        growth: n * 100,
        points: n === 7 ? 300 : 0,
        pointsSeq: n === 7 ? 1 : 0,
        // members 10 and 11 joined in the same millisecond: the openid breaks the tie
        createdAt: BASE + (n === 11 ? 10 : n) * 60_000,
      }
    }),
  )
  t.emu.db.insertMany('pointsLedger', [
    {
      _id: `seed_pts_${RICH}`,
      openid: RICH,
      amount: 300,
      kind: 'seed',
      ref: 'seed',
      at: BASE,
      seq: 1,
      balanceAfter: 300,
    },
  ])
  insertWallet(t, RICH, 10_000)
  await sdkUpdate(t, 'users', RICH, { phone: sealPhone(PHONE) })
  // a shopper with orders, for the detail's latest orders (an internal 'submitting' one is never shown)
  t.emu.db.insertMany('users', [{ _id: BUYER, openid: BUYER, level: 1, points: 0, createdAt: BASE }])
  t.emu.db.insertMany(
    'orders',
    [
      ['o_m_1', 'paid', 5000, BASE + 1000],
      ['o_m_2', 'completed', 1200, BASE + 2000],
      ['o_m_3', 'submitting', 900, BASE + 3000],
    ].map(([id, status, payable, createdAt]) => ({
      _id: id,
      orderNo: `NO${String(id)}`,
      requestId: `req_${String(id)}`,
      openid: BUYER,
      status,
      totals: { payable },
      lines: [],
      createdAt,
    })),
  )
})
afterAll(() => t?.stop())

describe('list', () => {
  it('pages newest first without gaps or repeats; the openid breaks a tie in join time', async () => {
    const ids: string[] = []
    let cursor: string | null | undefined
    let pages = 0
    do {
      const p = await list({ pageSize: 10, ...(cursor ? { cursor } : {}) })
      ids.push(...p.items.map((i) => i.openid))
      cursor = p.cursor
      pages++
    } while (cursor)
    const expected = [
      ...Array.from({ length: N }, (_, i) => i + 1)
        .sort((a, b) => (b === 11 ? 10 : b) - (a === 11 ? 10 : a) || b - a)
        .map(member),
      BUYER,
    ]
    expect(ids).toEqual(expected)
    expect(pages).toBe(3)
  })

  it('shows level name (Lv.n when the settings do not name it), points, balance, masked phone, join date', async () => {
    const p = await list({ query: RICH })
    expect(p.items).toEqual([
      {
        openid: RICH,
        nickname: '会员7',
        avatar: null,
        phoneMasked: '139****5678',
        level: 3,
        levelName: 'Lv.3',
        points: 300,
        balance: 10_000,
        joinedAt: BASE + 7 * 60_000,
        deleted: false,
      },
    ])
    const silver = (await list({ query: member(1) })).items[0]!
    expect(silver).toMatchObject({ level: 1, levelName: '银卡会员', phoneMasked: null, balance: 0 })
  })

  it('an 11-digit phone searches by the keyed hash, in any usual spelling', async () => {
    for (const query of [PHONE, '139 1234 5678', '+86 139-1234-5678'])
      expect((await list({ query })).items.map((i) => i.openid)).toEqual([RICH])
    expect((await list({ query: '13912345679' })).items).toEqual([])
    // the hash is all the database holds: the plain number is nowhere in the user document
    expect(JSON.stringify(t.find('users', { _id: RICH }))).not.toMatch(MOBILE)
  })

  it('anything else is a nickname prefix or an exact openid; the level filter narrows', async () => {
    const names = async (query: string) => (await list({ query })).items.map((i) => i.nickname).sort()
    expect(await names('小明')).toEqual(['小明', '小明同学', '小明的妈妈'])
    expect(await names('小明的')).toEqual(['小明的妈妈'])
    expect(await names('明')).toEqual([])
    // metacharacters are literal
    expect(await names('.*')).toEqual([])
    expect((await list({ query: member(12) })).items.map((i) => i.openid)).toEqual([member(12)])
    const gold = await list({ level: 2, pageSize: 50 })
    expect(gold.items.length).toBeGreaterThan(0)
    expect(gold.items.every((i) => i.level === 2 && i.levelName === '金卡会员')).toBe(true)
    expect(gold.items.map((i) => i.openid).sort()).toEqual(
      Array.from({ length: N }, (_, i) => i + 1)
        .filter((n) => n !== 7 && n % 3 === 2)
        .map(member)
        .sort(),
    )
    const small = await list({ query: '小明', pageSize: 2 })
    const rest = await list({ query: '小明', pageSize: 2, cursor: small.cursor })
    expect([...small.items, ...rest.items].map((i) => i.nickname).sort()).toEqual([
      '小明',
      '小明同学',
      '小明的妈妈',
    ])
    expect(rest.cursor).toBeNull()
  })
})

describe('detail', () => {
  it('level and growth, next level, points, wallet buckets, latest orders and entries; phone masked', async () => {
    const d = await detail(BUYER)
    expect(d).toMatchObject({
      openid: BUYER,
      level: 1,
      levelName: '银卡会员',
      nextLevel: { level: 2, name: '金卡会员', growth: 5000 },
      points: 0,
      wallet: { balance: 0, bonus: 0, frozen: 0, withdrawable: 0 },
      phoneMasked: null,
    })
    expect(d.orders).toEqual([
      {
        id: 'o_m_2',
        orderNo: 'NOo_m_2',
        status: 'completed',
        statusLabel: '已完成',
        payable: 1200,
        createdAt: BASE + 2000,
      },
      {
        id: 'o_m_1',
        orderNo: 'NOo_m_1',
        status: 'paid',
        statusLabel: '待发货',
        payable: 5000,
        createdAt: BASE + 1000,
      },
    ])
    const rich = await detail(RICH)
    expect(rich).toMatchObject({
      phoneMasked: '139****5678',
      levelName: 'Lv.3',
      nextLevel: null,
      wallet: { balance: 10_000, bonus: 0, withdrawable: 10_000 },
    })
    expect(rich.ledger.map((e) => [e.id, e.kindLabel, e.amount])).toEqual([[`open_${RICH}`, '充值', 10_000]])
    expect(rich.pointsEntries.map((e) => [e.kind, e.amount])).toEqual([['seed', 300]])
    expect(await adminCall(t, OWNER, 'admin.members.detail', { openid: 'o_nobody' })).toMatchObject({
      ok: false,
      code: 'MEMBER_NOT_FOUND',
    })
  })
})

describe('adjustments', () => {
  const pointsOf = (o: string) => t.find<{ points: number }>('users', { _id: o })[0]!.points
  const walletOf = (o: string) =>
    t.find<{ balance: number; bonus?: number }>('wallets', { _id: o })[0] ?? { balance: 0, bonus: 0 }

  it('points: one entry and one audit entry, written together; the same requestId under 5 concurrent calls moves them once', async () => {
    const requestId = rid()
    const input = { openid: member(2), delta: 120, reason: '活动补发积分', requestId }
    const results = await Promise.all(
      Array.from({ length: 5 }, () => adminCall(t, OPERATOR, 'admin.members.adjustPoints', input)),
    )
    const answers = results.map((r) => ok(r as never) as AdminAdjustResult)
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1)
    expect(answers[0]).toMatchObject({
      entryId: `pts_adj_${requestId}`,
      openid: member(2),
      delta: 120,
      balanceAfter: 120,
    })
    expect(pointsOf(member(2))).toBe(120)
    expect(t.find('pointsLedger', { openid: member(2) })).toEqual([
      expect.objectContaining({
        _id: `pts_adj_${requestId}`,
        kind: 'adjust',
        amount: 120,
        seq: 1,
        balanceAfter: 120,
      }),
    ])
    expect(t.find('auditLog', { target: member(2) })).toEqual([
      expect.objectContaining({
        _id: `audit_pts_adj_${requestId}`,
        kind: 'member.adjust',
        action: 'admin.members.adjustPoints',
        actor: OPERATOR,
        actorRoles: ['operator'],
        book: 'points',
        delta: 120,
        reason: '活动补发积分',
        at: answers[0]!.at,
      }),
    ])
    // later: the same answer; another amount, member or reason under the key is refused and changes nothing
    expect(ok((await adminCall(t, OWNER, 'admin.members.adjustPoints', input)) as never)).toEqual(answers[0])
    for (const changed of [{ delta: 121 }, { openid: member(3) }, { reason: '别的原因' }])
      expect(
        await adminCall(t, OPERATOR, 'admin.members.adjustPoints', { ...input, ...changed }),
      ).toMatchObject({
        ok: false,
        code: 'REQUEST_ID_REUSED',
      })
    expect(pointsOf(member(2))).toBe(120)
    expect(pointsOf(member(3))).toBe(0)
    // a debit down to zero is fine, below zero is refused with the numbers
    ok(
      await adminCall(t, OPERATOR, 'admin.members.adjustPoints', { ...input, delta: -120, requestId: rid() }),
    )
    const below = await adminCall(t, OPERATOR, 'admin.members.adjustPoints', {
      ...input,
      delta: -1,
      requestId: rid(),
    })
    expect(below).toMatchObject({
      ok: false,
      code: 'POINTS_INSUFFICIENT',
      message: expect.stringContaining('积分将为负数'),
    })
    expect(pointsOf(member(2))).toBe(0)
    expect(t.find('auditLog', { target: member(2) })).toHaveLength(2)
  })

  it('balance: a credit is bonus money (never withdrawable), a debit takes bonus first; below zero refused', async () => {
    const who = RICH
    const credit = await as<AdminAdjustResult>(FINANCE, 'admin.members.adjustBalance', {
      openid: who,
      deltaFen: 500,
      reason: '破损补偿',
      requestId: 'credit_req_0001',
    })
    expect(credit).toMatchObject({ entryId: 'adj_credit_req_0001', delta: 500, balanceAfter: 10_500 })
    expect(walletOf(who)).toMatchObject({ balance: 10_500, bonus: 500 })
    expect(t.find('ledger', { _id: 'adj_credit_req_0001' })).toEqual([
      expect.objectContaining({
        walletId: who,
        kind: 'adjust',
        amount: 500,
        bonusAmount: 500,
        balanceAfter: 10_500,
      }),
    ])
    const debit = await as<AdminAdjustResult>(OWNER, 'admin.members.adjustBalance', {
      openid: who,
      deltaFen: -800,
      reason: '误充退回',
      requestId: 'debit_req_00001',
    })
    expect(debit.balanceAfter).toBe(9_700)
    // 500 of the 800 come out of the bonus credited above, 300 out of principal
    expect(t.find('ledger', { _id: 'adj_debit_req_00001' })).toEqual([
      expect.objectContaining({ amount: -800, bonusAmount: -500 }),
    ])
    expect(walletOf(who)).toMatchObject({ balance: 9_700, bonus: 0 })
    const refused = await adminCall(t, FINANCE, 'admin.members.adjustBalance', {
      openid: who,
      deltaFen: -9_701,
      reason: '扣减测试',
      requestId: rid(),
    })
    expect(refused).toMatchObject({
      ok: false,
      code: 'BALANCE_INSUFFICIENT',
      message: '扣减后余额将为负数：该会员可用余额 ¥97.00，最多可扣 ¥97.00',
    })
    // a member without a wallet: a credit opens it, a debit is refused
    expect(
      await adminCall(t, FINANCE, 'admin.members.adjustBalance', {
        openid: member(9),
        deltaFen: -1,
        reason: '扣减测试',
        requestId: rid(),
      }),
    ).toMatchObject({ ok: false, code: 'BALANCE_INSUFFICIENT' })
    ok(
      await adminCall(t, FINANCE, 'admin.members.adjustBalance', {
        openid: member(9),
        deltaFen: 300,
        reason: '新会员礼金',
        requestId: rid(),
      }),
    )
    expect(walletOf(member(9)).balance).toBe(300)
    const d = await detail(who)
    expect(d.wallet.balance).toBe(9_700)
    expect(d.adjustments.map((a) => [a.book, a.delta, a.reason, a.actorName])).toEqual([
      ['wallet', -800, '误充退回', '店长'],
      ['wallet', 500, '破损补偿', '财务'],
    ])
    expect(d.ledger.find((e) => e.id === 'adj_debit_req_00001')).toMatchObject({
      kindLabel: '后台调整',
      reason: '误充退回',
    })
  })

  it('roles: operators adjust points only, finance the balance only, service neither; shoppers nothing', async () => {
    const points = { openid: member(4), delta: 10, reason: '角色测试', requestId: rid() }
    const balance = { openid: member(4), deltaFen: 10, reason: '角色测试', requestId: rid() }
    const code = async (who: string, action: string, input: object) => {
      const r = (await adminCall(t, who, action as never, input)) as { ok: boolean; code?: string }
      return r.ok ? 'ok' : r.code
    }
    expect(await code(OPERATOR, 'admin.members.adjustBalance', balance)).toBe('FORBIDDEN')
    expect(await code(SERVICE, 'admin.members.adjustBalance', balance)).toBe('FORBIDDEN')
    expect(await code(FINANCE, 'admin.members.adjustPoints', points)).toBe('FORBIDDEN')
    expect(await code(SERVICE, 'admin.members.adjustPoints', points)).toBe('FORBIDDEN')
    for (const who of [SERVICE, FINANCE, OPERATOR]) {
      expect(await code(who, 'admin.members.list', {})).toBe('ok')
      expect(await code(who, 'admin.members.detail', { openid: member(4) })).toBe('ok')
    }
    for (const action of ['admin.members.list', 'admin.members.adjustPoints'])
      expect(await code(BUYER, action, action.endsWith('list') ? {} : points)).toBe('FORBIDDEN')
    expect(pointsOf(member(4))).toBe(0)
    expect(walletOf(member(4)).balance).toBe(0)
    expect(t.find('auditLog', { target: member(4) })).toEqual([])
  })

  it('refuses bad input, unknown and deleted members, and keeps a phone in a reason masked', async () => {
    const good = { openid: member(5), delta: 10, reason: '输入测试', requestId: rid() }
    const before = JSON.stringify([t.find('pointsLedger'), t.find('auditLog'), t.find('users')])
    for (const bad of [
      { ...good, delta: 0 },
      { ...good, delta: 1.5 },
      { ...good, delta: 1_000_001 },
      { ...good, delta: '10' },
      { ...good, reason: '好' },
      { ...good, reason: '   ' },
      { ...good, reason: 'x'.repeat(101) },
      { ...good, reason: '第一行\n第二行' },
      { ...good, reason: '<b>加粗</b>' },
      { ...good, openid: { $ne: null } },
      { ...good, requestId: 'short' },
      { ...good, extra: 1 },
      { openid: member(5), delta: 10, reason: '输入测试' },
    ])
      expect(await adminCall(t, OWNER, 'admin.members.adjustPoints', bad)).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      })
    for (const bad of [
      { query: { $gt: '' } },
      { query: '' },
      { level: -1 },
      { cursor: 'x_y_z' },
      { pageSize: 51 },
    ])
      expect(await adminCall(t, OWNER, 'admin.members.list', bad)).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
      })
    expect(
      await adminCall(t, OWNER, 'admin.members.adjustPoints', { ...good, openid: 'o_nobody' }),
    ).toMatchObject({
      ok: false,
      code: 'MEMBER_NOT_FOUND',
    })
    expect(JSON.stringify([t.find('pointsLedger'), t.find('auditLog'), t.find('users')])).toBe(before)

    await sdkUpdate(t, 'users', member(6), { deletedAt: BASE })
    expect(
      await adminCall(t, OWNER, 'admin.members.adjustPoints', { ...good, openid: member(6) }),
    ).toMatchObject({
      ok: false,
      code: 'MEMBER_NOT_FOUND',
    })
    const res = await as<AdminAdjustResult>(OWNER, 'admin.members.adjustPoints', {
      ...good,
      reason: `会员来电 ${PHONE} 要求补积分`,
    })
    const audit = t.find<{ reason: string }>('auditLog', { _id: `audit_${res.entryId}` })[0]!
    expect(audit.reason).toBe('会员来电 139****5678 要求补积分')
  })
})

test('no answer of the members area carries a plain mobile number; nor do the function logs', () => {
  expect(seen.length).toBeGreaterThan(10)
  for (const x of seen) expect(JSON.stringify(x)).not.toMatch(MOBILE)
  const adminLines = consoleLines.filter((l) => l.startsWith('[admin] '))
  expect(adminLines.some((l) => l.includes('"event":"member.adjust"'))).toBe(true)
  for (const l of consoleLines) expect(l).not.toMatch(MOBILE)
})

describe('the demo data', () => {
  let s: TestEmulator
  beforeAll(async () => {
    s = await startTestEmulator({ products: 30 })
  })
  afterAll(() => s?.stop())

  it('lists two pages of members and one member with adjustments in her history', async () => {
    const call = async <T>(action: string, input: object) =>
      ok((await adminCall(s, SEED_ADMIN, action as never, input)) as never) as T
    const first = await call<Page>('admin.members.list', {})
    expect(first.items).toHaveLength(20)
    expect(first.cursor).not.toBeNull()
    const second = await call<Page>('admin.members.list', { cursor: first.cursor })
    expect(second.items.length).toBeGreaterThan(0)
    const all = [...first.items, ...second.items]
    expect(all.every((r) => typeof r.joinedAt === 'number')).toBe(true)
    expect(all.map((r) => r.openid)).toContain('o_demo_shopper_1')
    const d = await call<AdminMemberDetail>('admin.members.detail', { openid: demoMemberOpenid(1) })
    expect(d).toMatchObject({ points: 200, wallet: { balance: 1500, bonus: 1500, withdrawable: 0 } })
    expect(d.adjustments.map((a) => a.reason)).toEqual(['杯子运输破损，补偿余额', '物流延误补偿积分'])
    expect(JSON.stringify([first, second, d])).not.toMatch(MOBILE)
  })
})
