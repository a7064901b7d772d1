/**
 * Demo data for the merchant's members area: enough members for two pages of the list (levels 0-3, points
 * as ledger entries), one member with a points and a balance adjustment in history (ledger entry + audit
 * entry, exactly what admin.members.adjust* writes), and every member's join time as epoch ms.
 */
import { ADMIN_OPENID } from './people'

const DAY = 86_400_000
const HOUR = 3_600_000

export const demoMemberOpenid = (n: number) => `o_demo_member_${String(n).padStart(2, '0')}`

const NICKNAMES = [
  '春风十里',
  '小鹿乱撞',
  '橘子汽水',
  '山海',
  '阿杰',
  'Lily',
  '王大锤',
  '晴天',
  '木子李',
  '夏天的风',
  'Tom',
  '一只猫',
  '云朵',
  '陈小姐',
  '老周',
  '甜甜圈',
]

type Collections = Record<string, object[]>

/**
 * Adds the demo members to the seed's collections. Also turns the demo shoppers' `createdAt` into epoch
 * ms, the users shape every function writes, so one ordering (createdAt desc) pages over all members.
 */
export function addAdminMembersDemo<C extends Collections>(base: number, c: C): C {
  const all: Collections = c
  const users = (all.users ??= []) as Array<Record<string, unknown>>
  for (const u of users) if (u.createdAt instanceof Date) u.createdAt = u.createdAt.getTime()
  const pointsLedger = (all.pointsLedger ??= [])
  const wallets = (all.wallets ??= [])
  const ledger = (all.ledger ??= [])
  const auditLog = (all.auditLog ??= [])

  NICKNAMES.forEach((nickname, i) => {
    const openid = demoMemberOpenid(i + 1)
    const level = [0, 0, 1, 0, 2, 1, 0, 3, 0, 1, 0, 0, 2, 0, 1, 0][i] ?? 0
    const points = (i * 137) % 900
    const createdAt = base + (6 + i) * DAY + (i % 5) * HOUR
    users.push({
      _id: openid,
      openid,
      nickname,
      level,
      growth: [0, 300, 1500, 80, 6000, 1200, 0, 12000, 40, 1000, 0, 10, 5200, 0, 2000, 90][i] ?? 0,
      points,
      pointsSeq: points > 0 ? 1 : 0,
      createdAt,
    })
    if (points > 0)
      pointsLedger.push({
        _id: `seed_pts_${openid}`,
        openid,
        amount: points,
        kind: 'seed',
        ref: 'seed',
        at: createdAt,
        seq: 1,
        balanceAfter: points,
      })
  })

  // member 01: the merchant made it up to her after a late delivery (points) and a broken cup (bonus money)
  const openid = demoMemberOpenid(1)
  const member = users.find((u) => u._id === openid)!
  const at = base + 20 * DAY
  const ptsId = 'pts_adj_seed_demo_member_01'
  const before = member.points as number
  member.points = before + 200
  member.pointsSeq = (member.pointsSeq as number) + 1
  pointsLedger.push({
    _id: ptsId,
    openid,
    amount: 200,
    kind: 'adjust',
    ref: `audit_${ptsId}`,
    at,
    seq: member.pointsSeq,
    balanceAfter: member.points,
  })
  const adjId = 'adj_seed_demo_member_01'
  ledger.push({
    _id: adjId,
    walletId: openid,
    openid,
    amount: 1500,
    bonusAmount: 1500,
    kind: 'adjust',
    ref: `audit_${adjId}`,
    at: at + HOUR,
    seq: 1,
    balanceAfter: 1500,
  })
  wallets.push({ _id: openid, openid, balance: 1500, bonus: 1500, frozen: 0, seq: 1, updatedAt: at + HOUR })
  const audit = (
    entryId: string,
    book: 'points' | 'wallet',
    delta: number,
    reason: string,
    when: number,
  ) => ({
    _id: `audit_${entryId}`,
    kind: 'member.adjust',
    action: book === 'points' ? 'admin.members.adjustPoints' : 'admin.members.adjustBalance',
    actor: ADMIN_OPENID,
    actorRoles: ['owner'],
    target: openid,
    book,
    entryId,
    requestId: entryId.replace(/^(pts_)?adj_/, ''),
    delta,
    ...(book === 'wallet' ? { bonusDelta: delta } : {}),
    reason,
    balanceAfter: book === 'points' ? member.points : 1500,
    at: when,
  })
  auditLog.push(
    audit(ptsId, 'points', 200, '物流延误补偿积分', at),
    audit(adjId, 'wallet', 1500, '杯子运输破损，补偿余额', at + HOUR),
  )
  return c
}
