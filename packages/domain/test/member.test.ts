import {
  benefitLabels,
  chinaYear,
  clawbackDue,
  defaultMemberRules,
  demoMemberRules,
  expirySchedule,
  fifoExpiry,
  growthEarned,
  lastValidDay,
  levelForGrowth,
  levelProgress,
  memberPricing,
  memberRulesProblem,
  netPaid,
  orderEffects,
  pointsEarned,
  pointsExpiryAt,
  priceCart,
  type MemberRules,
} from '../src'

const rules = demoMemberRules

test('the level is the highest threshold the growth reaches, both ways', () => {
  expect(levelForGrowth(rules.levels, 0)).toBe(0)
  expect(levelForGrowth(rules.levels, 999)).toBe(0)
  expect(levelForGrowth(rules.levels, 1000)).toBe(1)
  expect(levelForGrowth(rules.levels, 9999)).toBe(2)
  expect(levelForGrowth(rules.levels, 10000)).toBe(3)
  expect(levelForGrowth(rules.levels, 1e9)).toBe(3)
})

test('progress to the next level: growth still missing and the share of the way', () => {
  const p = levelProgress(rules.levels, 3000)
  expect(p.level.level).toBe(1)
  expect(p.next?.level).toBe(2)
  expect(p.remaining).toBe(2000)
  expect(p.permille).toBe(500)
  const top = levelProgress(rules.levels, 12000)
  expect(top.next).toBeNull()
  expect(top.remaining).toBe(0)
  expect(top.permille).toBe(1000)
})

test('benefits: pricing input per level, labels for the member centre', () => {
  expect(memberPricing(rules.levels, 0)).toBeUndefined()
  expect(memberPricing(rules.levels, 1)).toEqual({ level: 1 })
  expect(memberPricing(rules.levels, 3)).toEqual({ level: 3, discountPermille: 950, freeShipping: true })
  expect(benefitLabels(rules.levels[3]!)).toEqual(['会员折扣9.5折', '订单包邮', '积分2倍'])
  expect(benefitLabels(rules.levels[2]!)).toEqual(['会员折扣9.8折', '积分1.5倍'])
  expect(benefitLabels(rules.levels[0]!)).toEqual([])
})

test('the level benefits change what the engine charges: discount on list-price lines and free shipping', () => {
  const input = {
    lines: [{ skuId: 's', spuId: 'p', categoryIds: [], unitPrice: 5000, quantity: 1 }],
    campaigns: [],
    coupons: [],
    coupon: 'none' as const,
    shipping: { baseFee: 800, freeOver: 9900 },
    now: 0,
  }
  const plain = priceCart(input)
  const diamond = priceCart({ ...input, member: memberPricing(rules.levels, 3) })
  if (!plain.ok || !diamond.ok) throw new Error('priced')
  expect(plain.value.totals.payable).toBe(5800)
  expect(diamond.value.totals.payable).toBe(4750)
  expect(diamond.value.totals.shipping).toBe(0)
})

test('rules are validated as a whole', () => {
  expect(memberRulesProblem(rules)).toBeNull()
  expect(memberRulesProblem(defaultMemberRules)).toBeNull()
  const bad = (patch: Partial<MemberRules['levels'][number]>, i = 1) => ({
    ...rules,
    levels: rules.levels.map((l, k) => (k === i ? { ...l, ...patch } : l)),
  })
  expect(memberRulesProblem(bad({ growth: 6000 }))).toMatch(/高于上一等级/)
  expect(memberRulesProblem(bad({ growth: 5 }, 0))).toMatch(/必须为0/)
  expect(memberRulesProblem(bad({ level: 5 }))).toMatch(/连续/)
  expect(memberRulesProblem(bad({ name: ' ' }))).toMatch(/名称/)
  expect(memberRulesProblem(bad({ discountPermille: 0 }))).toMatch(/折扣/)
  expect(memberRulesProblem(bad({ pointsMultiplier: 10_001 }))).toMatch(/倍数/)
  expect(memberRulesProblem({ ...rules, levels: [] })).toMatch(/至少/)
})

test('earning: floor(net yuan × per yuan × multiplier), growth floor(net yuan × per yuan)', () => {
  expect(netPaid(10_000, 2_500)).toBe(7_500)
  expect(netPaid(10_000, 20_000)).toBe(0)
  // ¥75.99 paid, 1 point per yuan, x1.5 -> 113.985 -> 113
  expect(pointsEarned(7_599, 1, 1500)).toBe(113)
  expect(pointsEarned(7_599, 1, 1000)).toBe(75)
  expect(pointsEarned(99, 1, 1000)).toBe(0)
  expect(pointsEarned(7_599, 0, 1500)).toBe(0)
  expect(growthEarned(7_599, 1)).toBe(75)
  expect(growthEarned(7_599, 3)).toBe(227)
  // big amounts stay exact (no float drift above 2^53)
  expect(pointsEarned(100_000_000_00, 1000, 10_000)).toBe(1_000_000_000_000)
})

test('take-back: proportional to what was refunded since, cumulative, never above what was earned', () => {
  // earned 100 on a net of ¥80: refunding ¥20 takes 25, then ¥60 more takes the remaining 75
  expect(clawbackDue(100, 8000, 2000, 0)).toBe(25)
  expect(clawbackDue(100, 8000, 8000, 25)).toBe(75)
  expect(clawbackDue(100, 8000, 9000, 25)).toBe(75)
  expect(clawbackDue(100, 8000, 0, 0)).toBe(0)
  expect(clawbackDue(100, 8000, 4000, 60)).toBe(0)
  expect(clawbackDue(0, 8000, 8000, 0)).toBe(0)
})

const at = (iso: string) => Date.parse(iso)

test('expiry: the end of the following calendar year in China time (UTC+8), across the year boundary', () => {
  // 2026-12-31 23:30 in Shanghai is still 2026 there (15:30 UTC)
  expect(chinaYear(at('2026-12-31T15:30:00Z'))).toBe(2026)
  expect(pointsExpiryAt(at('2026-12-31T15:30:00Z'))).toBe(at('2027-12-31T16:00:00Z'))
  // 2027-01-01 00:30 in Shanghai is 2027 there, though still 2026 in UTC
  expect(chinaYear(at('2026-12-31T16:30:00Z'))).toBe(2027)
  expect(pointsExpiryAt(at('2026-12-31T16:30:00Z'))).toBe(at('2028-12-31T16:00:00Z'))
  expect(lastValidDay(pointsExpiryAt(at('2026-03-05T02:00:00Z')))).toBe('2027-12-31')
})

test('FIFO expiry: what is left of a year after spending oldest first, never later years', () => {
  const y26 = { at: at('2026-03-01T00:00:00Z'), expiresAt: pointsExpiryAt(at('2026-03-01T00:00:00Z')) }
  const y27 = { at: at('2027-03-01T00:00:00Z'), expiresAt: pointsExpiryAt(at('2027-03-01T00:00:00Z')) }
  // 60 earned in 2026, 50 in 2027, 10 spent: 50 of 2026 left, all 50 of 2027
  const credits = [
    { amount: 60, ...y26 },
    { amount: 50, ...y27 },
  ]
  expect(fifoExpiry(100, credits, 2026)).toBe(50)
  expect(fifoExpiry(100, credits, 2027)).toBe(50)
  // spent more than 2026 earned: nothing of 2026 left
  expect(fifoExpiry(40, credits, 2026)).toBe(0)
  // an opening balance without expiry is older: spent first, never expires itself
  const withOpening = [{ amount: 500, at: at('2025-01-01T00:00:00Z') }, ...credits]
  expect(fifoExpiry(560, withOpening, 2026)).toBe(60)
  expect(fifoExpiry(80, withOpening, 2026)).toBe(30)
  // after 2026's expiry the balance is 50: all of 2027
  expect(fifoExpiry(50, credits, 2027)).toBe(50)
  // the schedule as the points page shows it
  expect(expirySchedule(100, credits, at('2027-06-01T00:00:00Z'))).toEqual([
    { expiresAt: y26.expiresAt, amount: 50 },
    { expiresAt: y27.expiresAt, amount: 50 },
  ])
  expect(expirySchedule(50, credits, at('2028-02-01T00:00:00Z'))).toEqual([
    { expiresAt: y27.expiresAt, amount: 50 },
  ])
})

test('an order earns when it completes, not when it is paid', () => {
  const c = { hasCoupon: false, pointsUsed: 0 }
  expect(orderEffects('received', 'complete', 'completed', c)).toEqual(['earnRewards'])
  expect(orderEffects('awaitingPayment', 'pay', 'paid', c)).not.toContain('earnRewards')
  expect(orderEffects('shipped', 'confirmReceipt', 'received', c)).not.toContain('earnRewards')
})
