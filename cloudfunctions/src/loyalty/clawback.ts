import { clawbackDue } from '@mall/domain'
import type { Database } from '../cloud'
import { runSteps } from '../flow/run'
import type { StepDoc } from '../flow/steps'
import { inTransaction, txGet } from '../flow/tx'
import { growthBook, pointsBook, postEntry, type EntryDoc } from '../ledger/books'
import type { OrderSettings } from '../order/settings'
import { orderAftersale, type OrderAftersaleState, type OrderWithAftersale } from '../aftersale/model'
import { pointsEarnKey } from '../points/ledger'
import { growthEarnKey, type EarnBasis } from './earn'
import { moveGrowth, type UserLoyalty } from './level'
import { loadMemberRules } from './settings'

type Earned = EntryDoc & Partial<EarnBasis>
type State = OrderAftersaleState & { growthClawedBack?: number }

/**
 * What a refund after completion takes back of an earning: in proportion to the fen refunded since the
 * earning over the net paid it was computed on (so a refund before completion, already left out of the
 * earning, takes nothing), cumulatively per order, never more than was earned, never below zero.
 */
function dueFor(earned: Earned | null, o: OrderWithAftersale, taken: number): number {
  if (!earned || earned.amount <= 0) return 0
  const basis = earned.basis ?? o.totals.payable
  const since = orderAftersale(o).refundedAmount - (earned.refundedBefore ?? 0)
  return clawbackDue(earned.amount, basis, since, taken)
}

/**
 * The take-back part of step `points.follow` (after-sales refunded a request): earned points and growth go
 * in ONE transaction, entries `pts_clawback_<orderId>_<requestId>` and `gr_clawback_<orderId>_<requestId>`,
 * the counters on the order's `aftersale`, the level recomputed from the new growth. A repeat finds its
 * entries and does nothing; an order that never earned (refunded before completion) takes nothing.
 */
export async function clawbackRewards(
  db: Database,
  s: OrderSettings,
  orderId: string,
  aftersaleId: string,
  at: number,
) {
  const rules = await loadMemberRules(db)
  const out = await inTransaction(
    db,
    async (t) => {
      const ptsKey = `pts_clawback_${orderId}_${aftersaleId}`
      const grKey = `gr_clawback_${orderId}_${aftersaleId}`
      const o = await txGet<OrderWithAftersale>(t, 'orders', orderId)
      if (!o) return { result: 'nothing', steps: [] as StepDoc[] }
      const state = orderAftersale(o) as State
      // both entries are posted together: either one means this request was done
      if ((await txGet(t, pointsBook.entries, ptsKey)) || (await txGet(t, growthBook.entries, grKey)))
        return { result: 'done', steps: [] as StepDoc[] }
      const ptsEarned = await txGet<Earned>(t, pointsBook.entries, pointsEarnKey(orderId))
      const grEarned = await txGet<Earned>(t, growthBook.entries, growthEarnKey(orderId))
      const user = await txGet<UserLoyalty>(t, 'users', o.openid)
      if (!user) return { result: 'nothing', steps: [] as StepDoc[] }
      // what was already spent elsewhere stays spent: never below zero
      const points = Math.min(dueFor(ptsEarned, o, state.pointsClawedBack), user.points ?? 0)
      const growth = Math.min(dueFor(grEarned, o, state.growthClawedBack ?? 0), user.growth ?? 0)
      if (points <= 0 && growth <= 0) return { result: 'nothing', steps: [] as StepDoc[] }
      const steps: StepDoc[] = []
      if (points > 0)
        await postEntry(t, pointsBook, {
          _id: ptsKey,
          openid: o.openid,
          amount: -points,
          kind: 'clawback',
          ref: orderId,
          at,
        })
      if (growth > 0) {
        const moved = await moveGrowth(t, rules, user, {
          _id: grKey,
          openid: o.openid,
          amount: -growth,
          kind: 'clawback',
          ref: orderId,
          at,
          flow: 'points.follow',
        })
        steps.push(...moved.steps)
      }
      await t
        .collection('orders')
        .doc(orderId)
        .update({
          data: {
            aftersale: {
              ...state,
              pointsClawedBack: state.pointsClawedBack + points,
              growthClawedBack: (state.growthClawedBack ?? 0) + growth,
            },
          },
        })
      return { result: 'posted', steps }
    },
    'points.clawback',
  )
  await runSteps(db, s, out.steps, at)
  return out.result
}
