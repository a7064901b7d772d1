import type { Handler } from '../router'
import { saveMemberRules, loadMemberRules } from './settings'
import { memberCenter, pointsHistory, rulesView } from './views'

/** The shopper's member centre and points history. */
export const loyaltyHandlers = {
  'loyalty.center': (async (_input, ctx) => memberCenter(ctx)) as Handler<'loyalty.center'>,
  'loyalty.points': (async (input, ctx) => pointsHistory(ctx, input)) as Handler<'loyalty.points'>,
}

/** The merchant's levels and earning rule (settings doc `member`, roles owner and operator). */
export const adminLoyaltyHandlers = {
  'admin.member.settings.get': (async (_input, ctx) =>
    rulesView(await loadMemberRules(ctx.db, true))) as Handler<'admin.member.settings.get'>,
  'admin.member.settings.save': (async (input, ctx) =>
    rulesView(
      await saveMemberRules(
        ctx.db,
        {
          levels: input.levels.map((l) => ({
            level: l.level,
            name: l.name,
            growth: l.growth,
            ...(l.discountPermille !== null && l.discountPermille < 1000
              ? { discountPermille: l.discountPermille }
              : {}),
            ...(l.freeShipping ? { freeShipping: true } : {}),
            pointsMultiplier: l.pointsMultiplier,
          })),
          pointsPerYuan: input.pointsPerYuan,
          growthPerYuan: input.growthPerYuan,
        },
        ctx.now(),
      ),
    )) as Handler<'admin.member.settings.save'>,
}
