import { growthEarned, levelDef, netPaid, pointsEarned, pointsExpiryAt } from '@mall/domain'
import type { Database } from '../cloud'
import { runSteps } from '../flow/run'
import type { StepDoc } from '../flow/steps'
import { inTransaction, txGet } from '../flow/tx'
import { pointsBook, postEntry } from '../ledger/books'
import type { OrderSettings } from '../order/settings'
import { orderAftersale, type OrderWithAftersale } from '../aftersale/model'
import { pointsEarnKey } from '../points/ledger'
import { moveGrowth, type UserLoyalty } from './level'
import { loadMemberRules } from './settings'

export const growthEarnKey = (orderId: string) => `gr_earn_${orderId}`

/** What an order earned, on the order (`rewards`): written once, with the entries. */
export interface OrderRewards {
  points: number
  growth: number
  /** the net paid (fen) both were computed on, and what was refunded before */
  basis: number
  refundedBefore: number
  /** the level whose multiplier applied */
  level: number
  at: number
}

/** The fields an earn entry carries beyond the book's own: what a later take-back is measured against. */
export interface EarnBasis {
  basis: number
  refundedBefore: number
}

/**
 * Step `member.earn` (order effect `earnRewards`, on the transition to completed): in ONE transaction, the
 * points (`pts_earn_<orderId>`, expiring at the end of the next year) and the growth (`gr_earn_<orderId>`)
 * for the net paid (payable − refunded so far), the level recomputed from the new growth, and the order's
 * `rewards`. The multiplier is the member's level before this order's growth. A second run finds
 * `rewards` on the order and does nothing.
 */
export async function earnRewards(db: Database, s: OrderSettings, orderId: string, at: number) {
  const rules = await loadMemberRules(db)
  const out = await inTransaction(
    db,
    async (t) => {
      const o = await txGet<OrderWithAftersale & { rewards?: OrderRewards; completedAt?: number }>(
        t,
        'orders',
        orderId,
      )
      if (!o || o.rewards || o.completedAt === undefined) return { steps: [] as StepDoc[] }
      const user = await txGet<UserLoyalty>(t, 'users', o.openid)
      if (!user) return { steps: [] as StepDoc[] }
      const refundedBefore = orderAftersale(o).refundedAmount
      const basis = netPaid(o.totals.payable, refundedBefore)
      const level = typeof user.level === 'number' ? user.level : 0
      const points = pointsEarned(basis, rules.pointsPerYuan, levelDef(rules.levels, level).pointsMultiplier)
      const growth = growthEarned(basis, rules.growthPerYuan)
      const extra: EarnBasis = { basis, refundedBefore }
      const steps: StepDoc[] = []
      if (points > 0) {
        const expiresAt = pointsExpiryAt(at)
        const entry = {
          _id: pointsEarnKey(orderId),
          openid: o.openid,
          amount: points,
          kind: 'earn',
          ref: orderId,
          at,
        }
        await postEntry(t, pointsBook, { ...entry, ...extra, expiresAt } as typeof entry)
        // the expiry job looks at members whose earliest unexpired earning is due
        if (!(typeof user.pointsExpiryDue === 'number' && user.pointsExpiryDue <= expiresAt))
          await t
            .collection('users')
            .doc(o.openid)
            .update({ data: { pointsExpiryDue: expiresAt } })
      }
      if (growth > 0) {
        const moved = await moveGrowth(
          t,
          rules,
          user,
          {
            _id: growthEarnKey(orderId),
            openid: o.openid,
            amount: growth,
            kind: 'earn',
            ref: orderId,
            at,
            flow: 'member.earn',
          },
          { ...extra },
        )
        steps.push(...moved.steps)
      }
      const rewards: OrderRewards = { points, growth, basis, refundedBefore, level, at }
      await t.collection('orders').doc(orderId).update({ data: { rewards } })
      return { steps }
    },
    'member.earn',
  )
  await runSteps(db, s, out.steps, at)
  return out.steps.length ? 'levelUp' : 'earned'
}
