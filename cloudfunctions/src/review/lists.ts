/** The lists: lines waiting for a review, the shopper's own reviews, the merchant's queue. */
import type { ActionParsedInput, AdminReviewRow, MyReview, ReviewableLine } from '@mall/contract'
import type { Ctx } from '../router'
import { decodeCursor, encodeCursor } from '../catalog/cursor'
import { list } from '../db'
import { fail } from '../errors'
import { ownOrder } from '../order/handlers'
import type { OrderDoc } from '../order/model'
import { REVIEWABLE_STATUSES, type StoredReview } from './model'
import { toAdminRows, toMyReviews } from './views'

type ReviewedOrder = OrderDoc & { reviews?: Record<string, string> }

/** Orders looked at for pending lines: a shopper with more unreviewed receipts sees the newest ones. */
const PENDING_ORDERS = 50

export async function pendingLines(
  ctx: Ctx,
  input: ActionParsedInput<'review.pending'>,
): Promise<{ items: ReviewableLine[] }> {
  const _ = ctx.db.command
  const orders: ReviewedOrder[] = input.orderId
    ? [await ownOrder(ctx, input.orderId)]
    : await list<ReviewedOrder>(
        ctx.db
          .collection('orders')
          .where({ openid: ctx.openid, status: _.in([...REVIEWABLE_STATUSES]) })
          .orderBy('createdAt', 'desc')
          .orderBy('_id', 'desc')
          .limit(PENDING_ORDERS),
      )
  return {
    items: orders
      .filter((o) => (REVIEWABLE_STATUSES as readonly string[]).includes(o.status))
      .flatMap((o) =>
        o.lines
          .filter((l) => !o.reviews?.[l.skuId])
          .map((l) => ({
            orderId: o._id,
            orderNo: o.orderNo,
            skuId: l.skuId,
            spuId: l.spuId,
            title: l.title,
            image: l.image,
            specs: l.specs,
            receivedAt: o.receivedAt ?? o.updatedAt,
          })),
      ),
  }
}

/** createdAt desc, _id asc, resumed after the last row (the same keyset as catalog.reviews). */
async function reviewPage(
  ctx: Ctx,
  ordering: string,
  base: object[],
  input: { cursor?: string; pageSize?: number },
): Promise<{ page: StoredReview[]; cursor: string | null }> {
  const _ = ctx.db.command
  const size = input.pageSize ?? 10
  const conds = [...base]
  if (input.cursor) {
    const c = decodeCursor(input.cursor, ordering)
    if (typeof c.k !== 'number') return fail('INVALID_INPUT', 'cursor: 分页参数无效')
    const at = new Date(c.k)
    conds.push({ createdAt: _.lte(at) }, _.or([{ createdAt: _.lt(at) }, { _id: _.gt(c.i) }]))
  }
  const docs = await list<StoredReview>(
    ctx.db
      .collection('reviews')
      .where(conds.length === 1 ? conds[0]! : _.and(conds as never[]))
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'asc')
      .limit(size + 1),
  )
  const page = docs.slice(0, size)
  const last = page[page.length - 1]
  return {
    page,
    cursor:
      docs.length > size && last
        ? encodeCursor({ o: ordering, k: new Date(last.createdAt).getTime(), i: last._id })
        : null,
  }
}

export async function myReviews(
  ctx: Ctx,
  input: ActionParsedInput<'review.mine'>,
): Promise<{ items: MyReview[]; cursor: string | null }> {
  const { page, cursor } = await reviewPage(ctx, 'myReviews', [{ openid: ctx.openid }], input)
  return { items: await toMyReviews(ctx.db, page), cursor }
}

export async function adminReviews(
  ctx: Ctx,
  input: ActionParsedInput<'admin.reviews.list'>,
): Promise<{ items: AdminReviewRow[]; cursor: string | null }> {
  const _ = ctx.db.command
  // seed reviews have no `replied` field: "not replied" is anything but true
  const base = input.replied === undefined ? [{}] : [{ replied: input.replied ? true : _.neq(true) }]
  const { page, cursor } = await reviewPage(ctx, 'adminReviews', base, input)
  return { items: await toAdminRows(ctx.db, page), cursor }
}
