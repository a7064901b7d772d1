import {
  checkGroupPurchase,
  expireGroup,
  groupShortText,
  joinGroup,
  openGroup,
  unwrap,
  type Group,
  type GroupBuyActivity,
} from '../src'
import { check, forAll } from './prop'

const T0 = 1_800_000_000_000
const H = 3_600_000
const activity: GroupBuyActivity = {
  id: 'gb1',
  skuIds: ['s1'],
  groupPrice: 6900,
  groupSize: 3,
  timeLimitMs: 24 * H,
  startAt: T0 - H,
  endAt: T0 + 72 * H,
  quota: 10,
  perUserLimit: 2,
}
const member = (n: number, now = T0 + n) => ({ openid: `u${n}`, orderId: `o${n}`, quantity: 1, now })

describe('group buying', () => {
  it('checks activity, sku, limits and quota before the order', () => {
    const base = { skuId: 's1', quantity: 2, boughtByUser: 0, quotaUsed: 0, now: T0 }
    expect(checkGroupPurchase(activity, base)).toEqual({
      ok: true,
      value: { unitPrice: 6900, subtotal: 13800 },
    })
    expect(checkGroupPurchase(activity, { ...base, now: T0 + 72 * H })).toMatchObject({
      ok: false,
      error: { code: 'GROUP_STATE_INVALID' },
    })
    expect(checkGroupPurchase(activity, { ...base, skuId: 's2' })).toMatchObject({
      ok: false,
      error: { code: 'GROUP_STATE_INVALID' },
    })
    expect(checkGroupPurchase(activity, { ...base, boughtByUser: 1 })).toMatchObject({
      ok: false,
      error: { code: 'QUANTITY_INVALID', details: { limit: 2 } },
    })
    expect(checkGroupPurchase(activity, { ...base, quotaUsed: 9 })).toMatchObject({
      ok: false,
      error: { code: 'OUT_OF_STOCK', details: { left: 1 } },
    })
    expect(checkGroupPurchase(activity, { ...base, quantity: 0 })).toMatchObject({
      ok: false,
      error: { code: 'QUANTITY_INVALID' },
    })
  })

  it('opens, fills with paid members and succeeds', () => {
    const g = unwrap(openGroup(activity, 'g1', member(1)))
    expect(g).toMatchObject({ status: 'forming', leader: 'u1', expiresAt: T0 + 1 + 24 * H })
    expect(groupShortText(g)).toBe('还差2人成团')
    const j2 = unwrap(joinGroup(g, member(2)))
    expect(j2).toMatchObject({ duplicate: false, succeeded: false })
    const again = unwrap(joinGroup(j2.group, member(2)))
    expect(again).toEqual({ group: j2.group, duplicate: true, succeeded: false })
    const j3 = unwrap(joinGroup(j2.group, member(3)))
    expect(j3.succeeded).toBe(true)
    expect(j3.group).toMatchObject({ status: 'succeeded', settledAt: T0 + 3 })
    expect(groupShortText(j3.group)).toBe('')
    expect(joinGroup(j3.group, member(4))).toMatchObject({
      ok: false,
      error: { code: 'GROUP_STATE_INVALID' },
    })
    expect(expireGroup(j3.group, T0 + 48 * H)).toMatchObject({
      ok: false,
      error: { code: 'GROUP_STATE_INVALID' },
    })
  })

  it('refuses a second seat for the same shopper and joins after the time limit', () => {
    const g = unwrap(openGroup(activity, 'g1', member(1)))
    expect(joinGroup(g, { ...member(1), orderId: 'o1b' })).toMatchObject({
      ok: false,
      error: { code: 'GROUP_STATE_INVALID', message: 'already in this group' },
    })
    expect(joinGroup(g, member(2, g.expiresAt))).toMatchObject({
      ok: false,
      error: { code: 'GROUP_STATE_INVALID', message: 'group time is up' },
    })
  })

  it('fails when time is up and refunds every member once', () => {
    const g = unwrap(joinGroup(unwrap(openGroup(activity, 'g1', member(1))), member(2))).group
    expect(expireGroup(g, g.expiresAt - 1).ok).toBe(false)
    const failed = unwrap(expireGroup(g, g.expiresAt))
    expect(failed.refundOrderIds).toEqual(['o1', 'o2'])
    expect(failed.group.status).toBe('failed')
    expect(expireGroup(failed.group, g.expiresAt + 1).ok).toBe(false)
    expect(joinGroup(failed.group, member(3)).ok).toBe(false)
  })

  it('refuses bad groups', () => {
    expect(openGroup({ ...activity, groupSize: 1 }, 'g', member(1))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(openGroup(activity, '', member(1))).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })

  it('never holds more members than its size, and settles once', () => {
    forAll(
      (r) =>
        Array.from({ length: 10 }, () => ({ who: r.int(1, 6), dt: r.int(0, 8) * H, expire: r.bool(0.2) })),
      (steps) => {
        let g: Group = unwrap(openGroup(activity, 'g', member(0)))
        let now = T0
        let settled = 0
        for (const s of steps) {
          now += s.dt
          const out = s.expire ? expireGroup(g, now) : joinGroup(g, member(s.who, now))
          if (!out.ok) continue
          if (out.value.group.status !== 'forming' && g.status === 'forming') settled++
          g = out.value.group
          check(g.members.length <= g.size, 'never over size')
          check(new Set(g.members.map((m) => m.openid)).size === g.members.length, 'one seat per shopper')
        }
        check(settled <= 1, 'settles at most once')
        check(g.status !== 'succeeded' || g.members.length === g.size, 'succeeded means full')
      },
    )
  })
})
