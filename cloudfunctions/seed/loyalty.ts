/**
 * Demo data for levels, growth and points: the settings doc `member` (four levels with benefits, the
 * earning rule), every seeded user's level consistent with its growth, growth as a ledger (one opening
 * entry, so the reconciliation job finds balance == entries from day one), and the opening points as
 * points earned on the seed's first day, so the points page shows when they expire.
 */
import { demoMemberRules, levelForGrowth, pointsExpiryAt } from '@mall/domain'

type Collections = Record<string, object[]>
type Doc = Record<string, unknown>

export function addLoyaltyDemo<C extends Collections>(c: C): C {
  const all: Collections = c
  const rules = demoMemberRules
  const settings = (all.settings ??= []) as Doc[]
  const i = settings.findIndex((d) => d._id === 'member')
  // the withdrawal module keeps its own part of the same document
  const member = { ...(i >= 0 ? settings[i] : { _id: 'member' }), ...rules }
  if (i >= 0) settings[i] = member
  else settings.push(member)

  const growthLedger = (all.growthLedger ??= []) as Doc[]
  const pointsLedger = (all.pointsLedger ??= []) as Doc[]
  for (const u of (all.users ?? []) as Doc[]) {
    const growth = typeof u.growth === 'number' ? u.growth : 0
    u.level = levelForGrowth(rules.levels, growth)
    u.growth = growth
    u.growthSeq = growth > 0 ? 1 : 0
    const at =
      typeof u.createdAt === 'number' ? u.createdAt : u.createdAt instanceof Date ? u.createdAt.getTime() : 0
    if (growth > 0)
      growthLedger.push({
        _id: `seed_gr_${u._id}`,
        openid: u._id,
        amount: growth,
        kind: 'seed',
        ref: 'seed',
        at,
        seq: 1,
        balanceAfter: growth,
      })
    // the opening points count as earned that day: they expire at the end of the following year
    const opening = pointsLedger.find((e) => e._id === `seed_pts_${u._id}`)
    if (opening && typeof opening.at === 'number') {
      opening.expiresAt = pointsExpiryAt(opening.at)
      u.pointsExpiryDue = opening.expiresAt
    }
  }
  return c
}
