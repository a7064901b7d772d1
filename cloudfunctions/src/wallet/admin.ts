import type { AdminRechargePackage } from '@mall/contract'
import type { Database } from '../cloud'
import type { Handler } from '../router'
import { byId, list } from '../db'
import { fail } from '../errors'
import { newId } from '../order/ids'
import type { RechargePackageDoc } from './recharge'

async function paidCounts(db: Database, ids: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for (const id of ids) {
    const res = (await db.collection('recharges').where({ packageId: id, status: 'paid' }).count()) as {
      total: number
    }
    out.set(id, res.total)
  }
  return out
}

const view = (p: RechargePackageDoc, paidCount: number): AdminRechargePackage => ({
  id: p._id,
  title: p.title,
  payFen: p.payFen,
  bonusFen: p.bonusFen,
  perMemberLimit: p.perMemberLimit,
  active: p.active,
  sort: p.sort,
  paidCount,
  updatedAt: p.updatedAt,
})

/**
 * The merchant's recharge packages. A recharge keeps the amounts it was bought with, so editing or
 * removing a package never changes a recharge already made (pending ones are paid and credited as made).
 */
export const adminWalletHandlers = {
  'admin.recharge.packages.list': (async (_input, ctx) => {
    const rows = await list<RechargePackageDoc>(
      ctx.db.collection('rechargePackages').orderBy('sort', 'asc').limit(100),
    )
    const paid = await paidCounts(
      ctx.db,
      rows.map((r) => r._id),
    )
    return { items: rows.map((p) => view(p, paid.get(p._id) ?? 0)) }
  }) as Handler<'admin.recharge.packages.list'>,

  'admin.recharge.packages.save': (async (input, ctx) => {
    const at = ctx.now()
    const coll = ctx.db.collection('rechargePackages')
    const fields = {
      title: input.title,
      payFen: input.payFen,
      bonusFen: input.bonusFen,
      perMemberLimit: input.perMemberLimit,
      active: input.active,
      sort: input.sort,
      updatedAt: at,
    }
    let id = input.id
    if (id) {
      const cur = await byId<RechargePackageDoc>(coll, id)
      if (!cur) return fail('NOT_FOUND', '充值套餐不存在')
      await coll.doc(id).update({ data: fields })
    } else {
      id = newId('rp_')
      await coll.add({ data: { _id: id, ...fields, createdAt: at } })
    }
    const saved = (await byId<RechargePackageDoc>(coll, id))!
    return view(saved, (await paidCounts(ctx.db, [id])).get(id) ?? 0)
  }) as Handler<'admin.recharge.packages.save'>,

  'admin.recharge.packages.remove': (async (input, ctx) => {
    const res = (await ctx.db.collection('rechargePackages').where({ _id: input.id }).remove()) as {
      stats: { removed: number }
    }
    return { removed: res.stats.removed }
  }) as Handler<'admin.recharge.packages.remove'>,
}
