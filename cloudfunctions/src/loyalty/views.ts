import {
  benefitLabels,
  expirySchedule,
  lastValidDay,
  levelDef,
  levelProgress,
  multiplierLabel,
  type MemberLevel,
  type MemberRules,
} from '@mall/domain'
import type { MemberCenterView, MemberLevelView, MemberRulesView, PointsHistoryView } from '@mall/contract'
import { decodeTimeIdCursor } from '../catalog/cursor'
import { byId, list } from '../db'
import type { Ctx } from '../router'
import type { LevelChangeDoc, UserLoyalty } from './level'
import { loadMemberRules } from './settings'
import { pointsBook } from '../ledger/books'

export const pointsKindLabels: Record<string, string> = {
  seed: '初始积分',
  earn: '购物奖励',
  use: '下单抵扣',
  return: '订单取消退回',
  clawback: '退款扣回',
  expire: '积分过期',
  adjust: '人工调整',
}

const levelView = (l: MemberLevel): MemberLevelView => ({
  level: l.level,
  name: l.name,
  growth: l.growth,
  discountPermille: l.discountPermille ?? null,
  freeShipping: l.freeShipping === true,
  pointsMultiplier: l.pointsMultiplier,
  benefits: benefitLabels(l),
})

export const rulesView = (r: MemberRules): MemberRulesView => ({
  levels: r.levels.map((l) => ({
    level: l.level,
    name: l.name,
    growth: l.growth,
    discountPermille: l.discountPermille ?? null,
    freeShipping: l.freeShipping === true,
    pointsMultiplier: l.pointsMultiplier,
  })),
  pointsPerYuan: r.pointsPerYuan,
  growthPerYuan: r.growthPerYuan,
})

function earnRules(r: MemberRules, level: number): string[] {
  const m = levelDef(r.levels, level).pointsMultiplier
  return [
    `订单完成后，每实付1元得${r.pointsPerYuan}积分` + (m !== 1000 ? `，当前等级${multiplierLabel(m)}` : ''),
    `订单完成后，每实付1元得${r.growthPerYuan}成长值，成长值决定会员等级`,
    '订单退款后，相应的积分和成长值会按退款比例扣回',
    '积分在获得次年的12月31日过期，先获得的积分先使用',
  ]
}

/** The member centre: one read of the user, the rules (cached) and the latest level changes. */
export async function memberCenter(ctx: Ctx): Promise<MemberCenterView> {
  const [user, rules, changes] = await Promise.all([
    byId<UserLoyalty>(ctx.db.collection('users'), ctx.openid),
    loadMemberRules(ctx.db),
    list<LevelChangeDoc>(
      ctx.db.collection('levelChanges').where({ openid: ctx.openid }).orderBy('at', 'desc').limit(10),
    ),
  ])
  const growth = user?.growth ?? 0
  const p = levelProgress(rules.levels, growth)
  // the stored level is the one pricing uses; it equals the growth's level (both move in one transaction)
  const level = levelDef(rules.levels, typeof user?.level === 'number' ? user.level : p.level.level)
  return {
    level: level.level,
    levelName: level.name,
    growth,
    points: user?.points ?? 0,
    next: p.next
      ? { level: p.next.level, name: p.next.name, growth: p.next.growth, remaining: p.remaining }
      : null,
    progressPermille: p.permille,
    levels: rules.levels.map(levelView),
    earnRules: earnRules(rules, level.level),
    changes: changes.map((c) => ({
      from: c.from,
      to: c.to,
      fromName: c.fromName,
      toName: c.toName,
      up: c.to > c.from,
      growth: c.growth,
      at: c.at,
    })),
  }
}

interface PointsEntryDoc {
  _id: string
  amount: number
  kind: string
  balanceAfter?: number
  at: number
  expiresAt?: number
}

/** Credits that can still matter for expiry: those of the last two calendar years and later (bounded). */
const SCHEDULE_WINDOW = 1000

/** Points history newest first by (at, _id), cursor `<at>_<id>`; the expiry schedule on the first page. */
export async function pointsHistory(
  ctx: Ctx,
  input: { cursor?: string; pageSize: number },
): Promise<PointsHistoryView> {
  const _ = ctx.db.command
  const size = input.pageSize
  const c = input.cursor ? decodeTimeIdCursor(input.cursor) : null
  const mine = { openid: ctx.openid }
  const where = c ? _.and([mine, _.or([{ at: _.lt(c.at) }, { at: c.at, _id: _.gt(c.id) }])]) : mine
  const at = ctx.now()
  const [user, rows, recent] = await Promise.all([
    byId<UserLoyalty>(ctx.db.collection('users'), ctx.openid),
    list<PointsEntryDoc>(
      ctx.db
        .collection(pointsBook.entries)
        .where(where)
        .orderBy('at', 'desc')
        .orderBy('_id', 'asc')
        .limit(size + 1),
    ),
    c
      ? Promise.resolve([] as PointsEntryDoc[])
      : list<PointsEntryDoc>(
          ctx.db
            .collection(pointsBook.entries)
            .where({ openid: ctx.openid, at: _.gte(at - 2 * 366 * 86_400_000) })
            .orderBy('at', 'desc')
            .limit(SCHEDULE_WINDOW),
        ),
  ])
  const balance = user?.points ?? 0
  const page = rows.slice(0, size)
  const last = page[page.length - 1]
  return {
    balance,
    entries: page.map((e) => ({
      id: e._id,
      amount: e.amount,
      kind: e.kind,
      label: pointsKindLabels[e.kind] ?? '积分变动',
      balanceAfter: e.balanceAfter ?? null,
      at: e.at,
      expiresAt: typeof e.expiresAt === 'number' ? e.expiresAt : null,
      validUntil: typeof e.expiresAt === 'number' ? lastValidDay(e.expiresAt) : null,
    })),
    cursor: rows.length > size && last ? `${last.at}_${last._id}` : null,
    expiring: expirySchedule(balance, recent, at).map((x) => ({ ...x, lastDay: lastValidDay(x.expiresAt) })),
  }
}
