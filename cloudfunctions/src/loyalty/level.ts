import { levelDef, levelForGrowth, type MemberRules } from '@mall/domain'
import { stepDoc, writeSteps, type StepDoc } from '../flow/steps'
import type { Tx } from '../flow/tx'
import { growthBook, postEntry } from '../ledger/books'

/** A member's level moved (either way): one record per growth entry that moved it, `lvl_<entryId>`. */
export interface LevelChangeDoc {
  _id: string
  openid: string
  from: number
  to: number
  fromName: string
  toName: string
  growth: number
  /** the growth entry that moved it */
  cause: string
  at: number
}

export interface UserLoyalty {
  level?: number
  growth?: number
  growthSeq?: number
  points?: number
  pointsSeq?: number
  pointsExpiryDue?: number
}

/**
 * Moves growth by one entry and recomputes the level from the new growth, in the caller's transaction.
 * A change of level is recorded (`levelChanges`) and, going up, becomes the step `member.levelUp` (written
 * here, so it is durable exactly when the growth is; the caller runs it after the commit).
 */
export async function moveGrowth(
  t: Tx,
  rules: MemberRules,
  user: UserLoyalty,
  e: { _id: string; openid: string; amount: number; kind: string; ref: string; at: number; flow: string },
  extra: Record<string, unknown> = {},
): Promise<{ posted: boolean; steps: StepDoc[] }> {
  const { flow, ...entry } = e
  const r = await postEntry(t, growthBook, { ...entry, ...extra } as typeof entry)
  if (!r.posted) return { posted: false, steps: [] }
  const from = typeof user.level === 'number' ? user.level : 0
  const to = levelForGrowth(rules.levels, r.balanceAfter)
  if (to === from) return { posted: true, steps: [] }
  const id = `lvl_${e._id}`
  const change: LevelChangeDoc = {
    _id: id,
    openid: e.openid,
    from,
    to,
    fromName: levelDef(rules.levels, from).name,
    toName: levelDef(rules.levels, to).name,
    growth: r.balanceAfter,
    cause: e._id,
    at: e.at,
  }
  await t
    .collection('users')
    .doc(e.openid)
    .update({ data: { level: to, levelChangedAt: e.at } })
  await t.collection('levelChanges').add({ data: change })
  if (to < from) return { posted: true, steps: [] }
  const { _id: _ignored, ...payload } = change
  const steps = [
    stepDoc({ key: id, kind: 'member.levelUp', payload: { ...payload, changeId: id } }, flow, e.openid, e.at),
  ]
  await writeSteps(t, steps)
  return { posted: true, steps }
}
