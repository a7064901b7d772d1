import * as v from 'valibot'
import { Cursor, PageSize } from '../common'
import { action } from '../define'

/** One member level as shown: threshold and benefits (settings doc `member`). */
export interface MemberLevelView {
  level: number
  name: string
  /** growth needed to reach it */
  growth: number
  /** pay this share of the list price: 950 = 9.5折; null = no level discount */
  discountPermille: number | null
  freeShipping: boolean
  /** 1000 = x1 */
  pointsMultiplier: number
  /** Chinese labels of the benefits ('会员折扣9.5折', '订单包邮', '积分1.5倍') */
  benefits: string[]
}

export interface LevelChangeView {
  from: number
  to: number
  fromName: string
  toName: string
  up: boolean
  growth: number
  at: number
}

/** The member centre: where the member stands and what each level gives. */
export interface MemberCenterView {
  level: number
  levelName: string
  growth: number
  points: number
  /** the next level and the growth still missing; null at the top */
  next: { level: number; name: string; growth: number; remaining: number } | null
  /** 0..1000 of the way from this level's threshold to the next */
  progressPermille: number
  levels: MemberLevelView[]
  /** how points and growth are earned, in Chinese */
  earnRules: string[]
  /** latest level changes, newest first */
  changes: LevelChangeView[]
}

export interface PointsEntryView {
  id: string
  /** signed points */
  amount: number
  kind: string
  label: string
  balanceAfter: number | null
  at: number
  /** earned points: when they stop being valid, and the last valid day ('YYYY-MM-DD', China time) */
  expiresAt: number | null
  validUntil: string | null
}

export interface PointsHistoryView {
  balance: number
  entries: PointsEntryView[]
  cursor: string | null
  /** what expires when if nothing else happens (FIFO), earliest first */
  expiring: Array<{ expiresAt: number; lastDay: string; amount: number }>
}

/** The levels part of settings doc `member`, as the admin editor edits it. */
export interface MemberRulesView {
  levels: Array<{
    level: number
    name: string
    growth: number
    discountPermille: number | null
    freeShipping: boolean
    pointsMultiplier: number
  }>
  pointsPerYuan: number
  growthPerYuan: number
}

const Int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max))

const LevelInput = v.strictObject({
  level: Int(0, 9),
  name: v.pipe(v.string(), v.trim(), v.minLength(1, '请填写等级名称'), v.maxLength(12, '等级名称最多12个字')),
  growth: Int(0, 1_000_000_000),
  /** null: no level discount */
  discountPermille: v.nullable(Int(1, 1000)),
  freeShipping: v.boolean(),
  pointsMultiplier: Int(0, 10_000),
})

export const loyaltyActions = {
  /** The caller's level, growth, progress to the next level, and every level's benefits. */
  'loyalty.center': action<MemberCenterView>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({}),
  }),
  /** The caller's points balance, history (newest first, cursor-paged) and what expires when. */
  'loyalty.points': action<PointsHistoryView>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ cursor: v.optional(Cursor), pageSize: v.optional(PageSize, 20) }),
  }),
  'admin.member.settings.get': action<MemberRulesView>()({
    fn: 'admin',
    audience: { admin: ['owner', 'operator'] },
    input: v.strictObject({}),
  }),
  /** Levels, thresholds, benefits and the earning rule, saved as a whole (validated on the server). */
  'admin.member.settings.save': action<MemberRulesView>()({
    fn: 'admin',
    audience: { admin: ['owner', 'operator'] },
    input: v.strictObject({
      levels: v.pipe(
        v.array(LevelInput),
        v.minLength(1, '至少需要一个等级'),
        v.maxLength(10, '最多10个等级'),
      ),
      pointsPerYuan: Int(0, 1000),
      growthPerYuan: Int(0, 1000),
    }),
  }),
}
