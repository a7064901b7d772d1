import type { Handler } from '../router'
import { byId, list } from '../db'
import { fail } from '../errors'
import { loadOrderSettings } from '../order/settings'
import {
  checkRecharge,
  createRecharge,
  rechargeView,
  remainingFor,
  type RechargeDoc,
  type RechargePackageDoc,
} from './recharge'

/** The shopper's recharge actions (the wallet view itself is `user.wallet`). */
export const walletHandlers = {
  'wallet.recharge.packages': (async (_input, ctx) => {
    const rows = await list<RechargePackageDoc>(
      ctx.db.collection('rechargePackages').where({ active: true }).orderBy('sort', 'asc').limit(50),
    )
    const remaining = await remainingFor(ctx.db, ctx.openid, rows)
    return {
      items: rows.map((p) => ({
        id: p._id,
        title: p.title,
        payFen: p.payFen,
        bonusFen: p.bonusFen,
        perMemberLimit: p.perMemberLimit,
        remaining: remaining.get(p._id) ?? null,
      })),
    }
  }) as Handler<'wallet.recharge.packages'>,

  'wallet.recharge.create': (async (input, ctx) =>
    createRecharge(ctx.db, await loadOrderSettings(ctx.db), {
      openid: ctx.openid,
      packageId: input.packageId,
      requestId: input.requestId,
      at: ctx.now(),
      ip: ctx.identity.source ? process.env.WX_CLIENTIP : undefined,
    })) as Handler<'wallet.recharge.create'>,

  /** The client came back from requestPayment (or the cashier): ask WeChat, never the client. */
  'wallet.recharge.status': (async (input, ctx) => {
    const r = await byId<RechargeDoc>(ctx.db.collection('recharges'), input.id)
    if (!r || r.openid !== ctx.openid) return fail('RECHARGE_NOT_FOUND')
    if (r.status === 'pending') {
      await checkRecharge(ctx.db, await loadOrderSettings(ctx.db), r, ctx.now())
      const again = await byId<RechargeDoc>(ctx.db.collection('recharges'), input.id)
      return rechargeView(again ?? r)
    }
    return rechargeView(r)
  }) as Handler<'wallet.recharge.status'>,
}
