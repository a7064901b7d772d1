import type { AftersaleView } from '@mall/contract'
import type { Ctx, Handler } from '../router'
import type { Database } from '../cloud'
import { byId, list } from '../db'
import { fail } from '../errors'
import { decodeTimeIdCursor } from '../catalog/cursor'
import { changed } from '../order/dbx'
import { loadOrderSettings, type OrderSettings } from '../order/settings'
import { checkText } from '../security/text'
import { photoViews } from '../security/media'
import { changeAftersale } from './flow'
import { toAftersaleSummary, toAftersaleView, type AftersaleDoc } from './model'
import { options, quote, submit } from './request'

export async function viewOf(db: Database, a: AftersaleDoc, s: OrderSettings, audience: 'owner' | 'public') {
  return toAftersaleView(a, await photoViews(db, a.photos, audience), s)
}

async function mine(ctx: Ctx, id: string): Promise<AftersaleDoc> {
  const a = await byId<AftersaleDoc>(ctx.db.collection('aftersales'), id)
  if (!a || a.openid !== ctx.openid) return fail('AFTERSALE_NOT_FOUND')
  return a
}

/** A shopper's change to their own request, answered with the request as it now stands. */
async function shopperChange(
  ctx: Ctx,
  id: string,
  event: 'withdraw' | 'shipBack',
  extra: { tracking?: { carrier: string; trackingNo: string } } = {},
): Promise<AftersaleView> {
  const s = await loadOrderSettings(ctx.db)
  const at = ctx.now()
  const { doc } = await changeAftersale(ctx.db, s, id, {
    event,
    ctx: { now: at, actor: 'shopper', ...extra },
    flow: `aftersale.${event}`,
    openid: ctx.openid,
    set: () => (extra.tracking ? { returnShipment: { ...extra.tracking, at } } : {}),
  })
  return viewOf(ctx.db, doc, s, 'owner')
}

export const aftersaleHandlers = {
  'aftersale.options': (async (input, ctx) =>
    options(ctx, await loadOrderSettings(ctx.db), input.orderId)) as Handler<'aftersale.options'>,

  'aftersale.quote': (async (input, ctx) =>
    quote(ctx, await loadOrderSettings(ctx.db), input)) as Handler<'aftersale.quote'>,

  'aftersale.submit': (async (input, ctx) => {
    const s = await loadOrderSettings(ctx.db)
    return viewOf(ctx.db, await submit(ctx, s, input), s, 'owner')
  }) as Handler<'aftersale.submit'>,

  'aftersale.list': (async (input, ctx) => {
    const _ = ctx.db.command
    const size = input.pageSize ?? 10
    const c = input.cursor ? decodeTimeIdCursor(input.cursor) : null
    const conds: object[] = [{ openid: ctx.openid }]
    if (input.orderId) conds.push({ orderId: input.orderId })
    if (c) conds.push(_.or([{ createdAt: _.lt(c.at) }, { createdAt: c.at, _id: _.gt(c.id) }]))
    const rows = await list<AftersaleDoc>(
      ctx.db
        .collection('aftersales')
        .where(_.and(conds as never[]))
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'asc')
        .limit(size + 1),
    )
    const page = rows.slice(0, size)
    const last = page[page.length - 1]
    return {
      items: page.map(toAftersaleSummary),
      cursor: rows.length > size && last ? `${last.createdAt}_${last._id}` : null,
    }
  }) as Handler<'aftersale.list'>,

  'aftersale.detail': (async (input, ctx) =>
    viewOf(
      ctx.db,
      await mine(ctx, input.aftersaleId),
      await loadOrderSettings(ctx.db),
      'owner',
    )) as Handler<'aftersale.detail'>,

  'aftersale.cancel': ((input, ctx) =>
    shopperChange(ctx, input.aftersaleId, 'withdraw')) as Handler<'aftersale.cancel'>,

  'aftersale.shipBack': ((input, ctx) =>
    shopperChange(ctx, input.aftersaleId, 'shipBack', {
      tracking: { carrier: input.carrier, trackingNo: input.trackingNo },
    })) as Handler<'aftersale.shipBack'>,

  'aftersale.rate': (async (input, ctx) => {
    const a = await mine(ctx, input.aftersaleId)
    if (a.status !== 'refunded' && a.status !== 'rejected')
      fail('AFTERSALE_STATE_INVALID', '售后完成后才能评价')
    if (a.rating) fail('AFTERSALE_STATE_INVALID', '您已评价过本次服务')
    const comment = (input.comment ?? '').trim()
    if (comment) await checkText(ctx.openid, comment, 2)
    const rating = { score: input.score, comment, at: ctx.now() }
    const n = await changed(
      ctx.db
        .collection('aftersales')
        .where({ _id: a._id, openid: ctx.openid, rating: ctx.db.command.exists(false) })
        .update({ data: { rating, updatedAt: rating.at } }),
    )
    if (n !== 1) fail('AFTERSALE_STATE_INVALID', '您已评价过本次服务')
    const s = await loadOrderSettings(ctx.db)
    return viewOf(ctx.db, { ...a, rating }, s, 'owner')
  }) as Handler<'aftersale.rate'>,
}
