/**
 * review.submit: one review per received order line. Order of checks: the cheap refusals first (not
 * received, already reviewed), then content security on the text (risky text is refused before anything is
 * written), then the photos are registered for the asynchronous media check, then ONE transaction writes the
 * review, the product's summary and the order's `reviews.<skuId>` marker — so two submits of the same line
 * yield one review and concurrent reviews of a product never lose a count.
 */
import type { ActionParsedInput, MyReview } from '@mall/contract'
import type { Ctx } from '../router'
import type { ProductDoc } from '../catalog/docs'
import { byId } from '../db'
import { fail } from '../errors'
import { inTransaction, txGet } from '../flow/tx'
import { ownOrder } from '../order/handlers'
import type { OrderDoc } from '../order/model'
import { checkPhotos, checkText } from '../security'
import { REVIEWABLE_STATUSES, reviewIdFor, type StoredReview } from './model'
import { refreshReviewPhotos } from './photos'
import { withReview } from './summary'
import { toMyReview } from './views'

/** msgSecCheck scene 2: comments. */
const SCENE_COMMENT = 2

type ReviewedOrder = OrderDoc & { reviews?: Record<string, string> }

function reviewableLine(o: ReviewedOrder, skuId: string) {
  const line = o.lines.find((l) => l.skuId === skuId)
  if (!line || !(REVIEWABLE_STATUSES as readonly string[]).includes(o.status))
    return fail('REVIEW_NOT_ALLOWED')
  if (o.reviews?.[skuId]) return fail('REVIEW_EXISTS')
  return line
}

export async function submitReview(ctx: Ctx, input: ActionParsedInput<'review.submit'>): Promise<MyReview> {
  const db = ctx.db
  const at = ctx.now()
  const order = (await ownOrder(ctx, input.orderId)) as ReviewedOrder
  const line = reviewableLine(order, input.skuId)
  const id = reviewIdFor(order._id, line.skuId)
  await checkText(ctx.openid, input.content, SCENE_COMMENT)
  const user = await byId<{ nickname?: string; avatar?: string }>(db.collection('users'), ctx.openid)
  const photos = input.photos?.length
    ? await checkPhotos(db, ctx.openid, 'review', input.photos, { collection: 'reviews', id }, at)
    : []
  const doc: Omit<StoredReview, '_id'> = {
    spuId: line.spuId,
    skuId: line.skuId,
    orderId: order._id,
    openid: ctx.openid,
    nickname: user?.nickname || '微信用户',
    avatar: user?.avatar ?? '',
    anonymous: input.anonymous ?? false,
    rating: input.rating,
    content: input.content,
    title: line.title,
    specText: Object.values(line.specs).join(' / '),
    photos,
    // nothing is public before its verdict; refreshReviewPhotos moves passed photos in
    images: [],
    hasImages: false,
    reply: null,
    replied: false,
    createdAt: new Date(at),
  }
  await inTransaction(
    db,
    async (t) => {
      const o = await txGet<ReviewedOrder>(t, 'orders', order._id)
      if (!o || o.openid !== ctx.openid) return fail('ORDER_NOT_FOUND')
      reviewableLine(o, line.skuId)
      if (await txGet(t, 'reviews', id)) return fail('REVIEW_EXISTS')
      const p = await txGet<ProductDoc & { ratingSum?: number }>(t, 'products', line.spuId)
      await t.collection('reviews').doc(id).set({ data: doc })
      await t
        .collection('orders')
        .doc(o._id)
        .update({ data: { [`reviews.${line.skuId}`]: id } })
      if (p)
        await t
          .collection('products')
          .doc(p._id)
          .update({ data: withReview(p, input.rating, false) })
    },
    'review.submit',
  )
  // a verdict that landed before the review existed found nothing to refresh
  if (photos.length) await refreshReviewPhotos(db, id, ctx.now())
  const saved = await byId<StoredReview>(db.collection('reviews'), id)
  return toMyReview(db, saved!)
}
