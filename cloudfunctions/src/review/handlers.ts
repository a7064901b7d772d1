/** Shopper and merchant review actions; importing this module also registers the photo-verdict hook. */
import type { Handler } from '../router'
import './hooks'
import { adminReviews, myReviews, pendingLines } from './lists'
import { replyToReview } from './reply'
import { submitReview } from './submit'

export const reviewHandlers = {
  'review.pending': ((input, ctx) => pendingLines(ctx, input)) as Handler<'review.pending'>,
  'review.submit': ((input, ctx) => submitReview(ctx, input)) as Handler<'review.submit'>,
  'review.mine': ((input, ctx) => myReviews(ctx, input)) as Handler<'review.mine'>,
}

export const adminReviewHandlers = {
  'admin.reviews.list': ((input, ctx) => adminReviews(ctx, input)) as Handler<'admin.reviews.list'>,
  'admin.reviews.reply': ((input, ctx) => replyToReview(ctx, input)) as Handler<'admin.reviews.reply'>,
}
