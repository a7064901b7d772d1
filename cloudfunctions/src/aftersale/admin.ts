import { AFTERSALE_QUEUE_TABS, type AdminAftersaleDetail, type AftersaleQueueTab } from '@mall/contract'
import type { AftersaleStatus } from '@mall/domain'
import type { Ctx, Handler } from '../router'
import { byId, list } from '../db'
import { fail } from '../errors'
import { sealPhone } from '../pii/phone'
import { decodeTimeIdCursor } from '../catalog/cursor'
import { toSummary } from '../order/model'
import { loadOrderSettings } from '../order/settings'
import { changeAftersale, type AftersaleChange } from './flow'
import { viewOf } from './handlers'
import { toAftersaleSummary, type AftersaleDoc, type OrderWithAftersale } from './model'

export const queueStatuses: Record<AftersaleQueueTab, AftersaleStatus[]> = {
  review: ['requested'],
  awaitingReturn: ['awaitingReturn'],
  receiving: ['returning'],
  refunding: ['refunding'],
  done: ['refunded', 'rejected', 'closed'],
}

async function detailOf(ctx: Ctx, a: AftersaleDoc): Promise<AdminAftersaleDetail> {
  const s = await loadOrderSettings(ctx.db)
  const o = await byId<OrderWithAftersale>(ctx.db.collection('orders'), a.orderId)
  if (!o) return fail('ORDER_NOT_FOUND')
  // the public view holds the passed photos only: the rest are pending or refused
  const view = await viewOf(ctx.db, a, s, 'public')
  return {
    ...view,
    order: { ...toSummary(o), paymentMethod: o.payment?.method ?? null, shippedAt: o.shippedAt ?? null },
    hiddenPhotos: a.photos.length - view.photos.length,
  }
}

async function load(ctx: Ctx, id: string): Promise<AftersaleDoc> {
  const a = await byId<AftersaleDoc>(ctx.db.collection('aftersales'), id)
  return a ?? fail('AFTERSALE_NOT_FOUND')
}

async function merchantChange(
  ctx: Ctx,
  id: string,
  change: Omit<AftersaleChange, 'ctx' | 'flow'> & { reason?: string },
) {
  const s = await loadOrderSettings(ctx.db)
  const { doc } = await changeAftersale(ctx.db, s, id, {
    ...change,
    ctx: { now: ctx.now(), actor: 'merchant', ...(change.reason ? { reason: change.reason } : {}) },
    flow: `admin.aftersale.${change.event}`,
  })
  return detailOf(ctx, doc)
}

export const adminAftersaleHandlers = {
  'admin.aftersales.list': (async (input, ctx) => {
    const _ = ctx.db.command
    const size = input.pageSize ?? 20
    const c = input.cursor ? decodeTimeIdCursor(input.cursor) : null
    const conds: object[] = [{ status: _.in(queueStatuses[input.tab]) }]
    if (c) conds.push(_.or([{ createdAt: _.lt(c.at) }, { createdAt: c.at, _id: _.gt(c.id) }]))
    const [rows, ...counts] = await Promise.all([
      list<AftersaleDoc>(
        ctx.db
          .collection('aftersales')
          .where(_.and(conds as never[]))
          .orderBy('createdAt', 'desc')
          .orderBy('_id', 'asc')
          .limit(size + 1),
      ),
      ...AFTERSALE_QUEUE_TABS.map(
        (tab) =>
          ctx.db
            .collection('aftersales')
            .where({ status: _.in(queueStatuses[tab]) })
            .count() as Promise<{ total: number }>,
      ),
    ])
    const page = rows.slice(0, size)
    const last = page[page.length - 1]
    return {
      items: page.map((a) => ({
        ...toAftersaleSummary(a),
        orderNo: a.orderNo,
        reason: a.reason,
        updatedAt: a.updatedAt,
        dueAt: a.dueAt,
      })),
      counts: Object.fromEntries(AFTERSALE_QUEUE_TABS.map((t, i) => [t, counts[i]?.total ?? 0])) as Record<
        AftersaleQueueTab,
        number
      >,
      cursor: rows.length > size && last ? `${last.createdAt}_${last._id}` : null,
    }
  }) as Handler<'admin.aftersales.list'>,

  'admin.aftersales.detail': (async (input, ctx) =>
    detailOf(ctx, await load(ctx, input.aftersaleId))) as Handler<'admin.aftersales.detail'>,

  'admin.aftersales.approve': (async (input, ctx) => {
    const s = await loadOrderSettings(ctx.db)
    const address = input.returnAddress ?? s.aftersale.returnAddress
    return merchantChange(ctx, input.aftersaleId, {
      event: 'approve',
      guard: (a) => {
        if (a.type === 'returnAndRefund' && !address) fail('INVALID_INPUT', '请填写退货地址')
      },
      set: (a) =>
        a.type === 'returnAndRefund' && address
          ? { returnAddress: { ...address, phone: sealPhone(address.phone) } }
          : {},
    })
  }) as Handler<'admin.aftersales.approve'>,

  'admin.aftersales.reject': ((input, ctx) =>
    merchantChange(ctx, input.aftersaleId, {
      event: 'reject',
      reason: input.reason,
      set: () => ({ rejectReason: input.reason }),
    })) as Handler<'admin.aftersales.reject'>,

  /** Every requested unit is counted once: fine units go back on sale (the restock step), damaged do not. */
  'admin.aftersales.receive': ((input, ctx) =>
    merchantChange(ctx, input.aftersaleId, {
      event: 'confirmReturn',
      guard: (a) => {
        const seen = new Set<string>()
        for (const r of input.lines) {
          const l = a.lines.find((x) => x.skuId === r.skuId)
          if (!l || seen.has(r.skuId)) fail('INVALID_INPUT', `商品 ${r.skuId} 不在本次售后中`)
          seen.add(r.skuId)
          if (r.fine + r.damaged !== l!.quantity)
            fail('INVALID_INPUT', `「${l!.title}」完好与损坏数量之和应为 ${l!.quantity}`)
        }
        if (seen.size !== a.lines.length) fail('INVALID_INPUT', '请确认每件退回商品的收货情况')
      },
      set: (a) => ({
        lines: a.lines.map((l) => {
          const r = input.lines.find((x) => x.skuId === l.skuId)!
          return { ...l, received: { fine: r.fine, damaged: r.damaged } }
        }),
      }),
    })) as Handler<'admin.aftersales.receive'>,
}
