/** admin.reviews.reply: the merchant answers a review once, in public; the text passes content security. */
import type { ActionParsedInput, AdminReviewRow } from '@mall/contract'
import type { Ctx } from '../router'
import { byId } from '../db'
import { fail } from '../errors'
import { inTransaction, txGet } from '../flow/tx'
import { checkText } from '../security'
import type { StoredReview } from './model'
import { toAdminRows } from './views'

const SCENE_COMMENT = 2

export async function replyToReview(
  ctx: Ctx,
  input: ActionParsedInput<'admin.reviews.reply'>,
): Promise<AdminReviewRow> {
  if (!input.content) return fail('INVALID_INPUT', '请填写回复内容')
  const found = await byId<StoredReview>(ctx.db.collection('reviews'), input.reviewId)
  if (!found) return fail('NOT_FOUND', '评价不存在')
  if (found.reply) return fail('REVIEW_EXISTS', '该评价已回复过')
  await checkText(ctx.openid, input.content, SCENE_COMMENT)
  const at = ctx.now()
  await inTransaction(
    ctx.db,
    async (t) => {
      const r = await txGet<StoredReview>(t, 'reviews', input.reviewId)
      if (!r) return fail('NOT_FOUND', '评价不存在')
      if (r.reply) return fail('REVIEW_EXISTS', '该评价已回复过')
      await t
        .collection('reviews')
        .doc(r._id)
        .update({
          data: { reply: { content: input.content, at, by: ctx.openid }, replied: true, updatedAt: at },
        })
    },
    'review.reply',
  )
  const saved = await byId<StoredReview>(ctx.db.collection('reviews'), input.reviewId)
  return (await toAdminRows(ctx.db, [saved!]))[0]!
}
