import type { MemberInput } from '../pricing/types'

/**
 * Member levels (settings doc `member`): a level is reached by growth (成长值) and carries benefits that the
 * pricing engine applies (a level discount on list-price lines, free shipping) and a points multiplier.
 * The level follows growth both ways: growth taken back by a refund can lower it.
 */
export interface MemberLevel {
  /** 0..n, contiguous; 0 is everyone's level */
  level: number
  name: string
  /** growth needed to reach this level (level 0: 0) */
  growth: number
  /** pay this share of the list price on lines without a member or campaign price: 950 = 9.5折 */
  discountPermille?: number
  freeShipping?: boolean
  /** points earned are multiplied by this: 1000 = x1, 1500 = x1.5 */
  pointsMultiplier: number
}

export interface MemberRules {
  levels: MemberLevel[]
  /** points earned per yuan paid, before the level multiplier */
  pointsPerYuan: number
  /** growth earned per yuan paid */
  growthPerYuan: number
}

/**
 * Used until the merchant saves levels: names and thresholds only, no price benefits (a discount nobody
 * configured must not change what anybody pays).
 */
export const defaultMemberRules: MemberRules = {
  levels: [
    { level: 0, name: '普通会员', growth: 0, pointsMultiplier: 1000 },
    { level: 1, name: '银卡会员', growth: 1000, pointsMultiplier: 1000 },
    { level: 2, name: '金卡会员', growth: 5000, pointsMultiplier: 1000 },
    { level: 3, name: '钻石会员', growth: 20000, pointsMultiplier: 1000 },
  ],
  pointsPerYuan: 1,
  growthPerYuan: 1,
}

/**
 * Every benefit in use (level discounts, free shipping, multipliers): the demo seed's levels, and what the
 * domain tests reason about, so the shop a developer clicks through is the one the tests describe.
 */
export const demoMemberRules: MemberRules = {
  levels: [
    { level: 0, name: '普通会员', growth: 0, pointsMultiplier: 1000 },
    { level: 1, name: '银卡会员', growth: 1000, pointsMultiplier: 1200 },
    { level: 2, name: '金卡会员', growth: 5000, discountPermille: 980, pointsMultiplier: 1500 },
    {
      level: 3,
      name: '钻石会员',
      growth: 10000,
      discountPermille: 950,
      freeShipping: true,
      pointsMultiplier: 2000,
    },
  ],
  pointsPerYuan: 1,
  growthPerYuan: 1,
}

export const MAX_LEVELS = 10
export const MAX_MULTIPLIER = 10_000
export const MAX_PER_YUAN = 1000

const isInt = (n: unknown, min: number, max: number): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n >= min && n <= max

/**
 * Why a set of rules cannot be saved (Chinese, for the merchant), or null when it can: levels 0..n in
 * order, level 0 at growth 0, thresholds strictly increasing, names given, benefits in range.
 */
export function memberRulesProblem(r: MemberRules): string | null {
  if (!Array.isArray(r.levels) || r.levels.length < 1) return '至少需要一个等级'
  if (r.levels.length > MAX_LEVELS) return `最多${MAX_LEVELS}个等级`
  for (let i = 0; i < r.levels.length; i++) {
    const l = r.levels[i]!
    const label = `等级${i}`
    if (l.level !== i) return `${label}：等级需从0开始连续编号`
    if (typeof l.name !== 'string' || !l.name.trim()) return `${label}：请填写名称`
    if (!isInt(l.growth, 0, 1e9)) return `${label}：成长值门槛需为0到10亿的整数`
    if (i === 0 && l.growth !== 0) return '最低等级的成长值门槛必须为0'
    if (i > 0 && l.growth <= r.levels[i - 1]!.growth) return `${label}：成长值门槛需高于上一等级`
    if (l.discountPermille !== undefined && !isInt(l.discountPermille, 1, 1000))
      return `${label}：折扣需在0.1折到10折之间`
    if (!isInt(l.pointsMultiplier, 0, MAX_MULTIPLIER)) return `${label}：积分倍数需在0到10倍之间`
  }
  if (!isInt(r.pointsPerYuan, 0, MAX_PER_YUAN)) return `每元积分需为0到${MAX_PER_YUAN}的整数`
  if (!isInt(r.growthPerYuan, 0, MAX_PER_YUAN)) return `每元成长值需为0到${MAX_PER_YUAN}的整数`
  return null
}

/** The highest level whose threshold the growth reaches (levels sorted by level; none: 0). */
export const levelForGrowth = (levels: readonly MemberLevel[], growth: number): number => {
  let out = 0
  for (const l of levels) if (growth >= l.growth && l.level > out) out = l.level
  return out
}

/** The definition of a level; a level the settings no longer have reads as the highest one below it. */
export const levelDef = (levels: readonly MemberLevel[], level: number): MemberLevel => {
  let best: MemberLevel | undefined
  for (const l of levels) if (l.level <= level && (!best || l.level > best.level)) best = l
  return best ?? { level: 0, name: '普通会员', growth: 0, pointsMultiplier: 1000 }
}

export interface LevelProgress {
  level: MemberLevel
  next: MemberLevel | null
  /** growth still missing for the next level (0 at the top) */
  remaining: number
  /** 0..1000 of the way from this level's threshold to the next */
  permille: number
}

export function levelProgress(levels: readonly MemberLevel[], growth: number): LevelProgress {
  const level = levelDef(levels, levelForGrowth(levels, growth))
  const next = levels.filter((l) => l.level > level.level).sort((a, b) => a.level - b.level)[0] ?? null
  if (!next) return { level, next: null, remaining: 0, permille: 1000 }
  const span = next.growth - level.growth
  const done = Math.max(0, growth - level.growth)
  return {
    level,
    next,
    remaining: Math.max(0, next.growth - growth),
    permille: span > 0 ? Math.min(1000, Math.floor((done * 1000) / span)) : 0,
  }
}

/** The pricing engine's member input for a level; undefined for a level-0 member without benefits. */
export function memberPricing(levels: readonly MemberLevel[], level: number): MemberInput | undefined {
  const d = levelDef(levels, level)
  const discount = d.discountPermille !== undefined && d.discountPermille < 1000
  if (level <= 0 && !discount && !d.freeShipping) return undefined
  return {
    level,
    ...(discount ? { discountPermille: d.discountPermille } : {}),
    ...(d.freeShipping ? { freeShipping: true } : {}),
  }
}

/** 950 -> '9.5折', 900 -> '9折' */
export const discountLabel = (permille: number): string =>
  `${(permille / 100).toFixed(2).replace(/\.?0+$/, '')}折`

/** 1500 -> '1.5倍' */
export const multiplierLabel = (permille: number): string =>
  `${(permille / 1000).toFixed(3).replace(/\.?0+$/, '')}倍`

/** What a level gives, as the member centre lists it. */
export function benefitLabels(l: MemberLevel): string[] {
  const out: string[] = []
  if (l.discountPermille !== undefined && l.discountPermille < 1000)
    out.push(`会员折扣${discountLabel(l.discountPermille)}`)
  if (l.freeShipping) out.push('订单包邮')
  if (l.pointsMultiplier !== 1000) out.push(`积分${multiplierLabel(l.pointsMultiplier)}`)
  return out
}
