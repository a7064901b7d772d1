import { chinaYearStart, earnYearOfExpiry, fifoExpiry, type PointsCredit } from '@mall/domain'
import type { Database } from '../cloud'
import { byId, list } from '../db'
import { inTransaction, txGet } from '../flow/tx'
import { pointsBook, postEntry } from '../ledger/books'
import type { UserLoyalty } from './level'

export const pointsExpireKey = (openid: string, year: number) => `pts_expire_${openid}_${year}`

/** Members handled per cron run (each is a few reads and one transaction). */
export const EXPIRY_BATCH = 20
const PAGE = 1000

interface CreditDoc extends PointsCredit {
  _id: string
}

/** Every entry of a member posted since `from` (paged by _id, never capped). */
async function entriesSince(db: Database, openid: string, from: number): Promise<CreditDoc[]> {
  const _ = db.command
  const out: CreditDoc[] = []
  let last = ''
  for (;;) {
    const page = await list<CreditDoc>(
      db
        .collection(pointsBook.entries)
        .where({ openid, at: _.gte(from), ...(last ? { _id: _.gt(last) } : {}) })
        .orderBy('_id', 'asc')
        .limit(PAGE),
    )
    out.push(...page)
    if (page.length < PAGE) return out
    last = page[page.length - 1]!._id
  }
}

/**
 * One member whose earliest unexpired earning is due (`pointsExpiryDue` <= now): what is left of the
 * points earned in that year after FIFO spending goes, as ONE entry `pts_expire_<openid>_<year>`, and the
 * due moves on to the next year with expiring points (or goes). The entries are read before the
 * transaction; if the member's points moved meanwhile (another sequence number) it is left for the next run.
 */
async function expireOne(db: Database, openid: string, at: number): Promise<'expired' | 'nothing' | 'later'> {
  const before = await byId<UserLoyalty>(db.collection('users'), openid)
  const due = before?.pointsExpiryDue
  if (!before || typeof due !== 'number' || due > at) return 'nothing'
  const year = earnYearOfExpiry(due)
  const credits = await entriesSince(db, openid, chinaYearStart(year))
  const next = credits
    .filter((c) => c.amount > 0 && typeof c.expiresAt === 'number' && c.expiresAt > due)
    .reduce<number | null>((m, c) => (m === null || c.expiresAt! < m ? c.expiresAt! : m), null)
  return inTransaction(
    db,
    async (t) => {
      const u = await txGet<UserLoyalty>(t, 'users', openid)
      if (!u || u.pointsExpiryDue !== due) return 'nothing'
      if ((u.pointsSeq ?? 0) !== (before.pointsSeq ?? 0)) return 'later'
      const amount = fifoExpiry(u.points ?? 0, credits, year)
      if (amount > 0)
        await postEntry(t, pointsBook, {
          _id: pointsExpireKey(openid, year),
          openid,
          amount: -amount,
          kind: 'expire',
          ref: String(year),
          at,
        })
      const _ = db.command
      await t
        .collection('users')
        .doc(openid)
        .update({ data: { pointsExpiryDue: next === null ? _.remove() : next } })
      return amount > 0 ? 'expired' : 'nothing'
    },
    'points.expire',
  )
}

/**
 * cron: points expire at the end of the year after the one they were earned in (China time). A bounded
 * batch of due members per run; a member is handled at most once per earning year (the entry key and the
 * due moving on). Answers how many members lost points this run.
 */
export async function expirePoints(db: Database, at: number): Promise<number> {
  const _ = db.command
  const due = await list<{ _id: string }>(
    db
      .collection('users')
      .where({ pointsExpiryDue: _.lte(at) })
      .orderBy('pointsExpiryDue', 'asc')
      .limit(EXPIRY_BATCH)
      .field({ _id: true }),
  )
  let expired = 0
  for (const u of due) if ((await expireOne(db, u._id, at)) === 'expired') expired++
  return expired
}
