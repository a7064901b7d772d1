import * as v from 'valibot'
import { Cursor, Id, PageSize, ShortText } from '../common'
import { action } from '../define'
import { Photos, type PhotoView } from './aftersale'

/** An order line the shopper received and has not reviewed yet. */
export interface ReviewableLine {
  orderId: string
  orderNo: string
  skuId: string
  spuId: string
  title: string
  image: string
  specs: Record<string, string>
  receivedAt: number
}

/** The shopper's own review (with every photo's verdict). */
export interface MyReview {
  id: string
  orderId: string
  skuId: string
  spuId: string
  title: string
  rating: number
  content: string
  anonymous: boolean
  photos: PhotoView[]
  reply: { content: string; at: number } | null
  createdAt: number
}

export interface AdminReviewRow {
  id: string
  spuId: string
  productTitle: string
  specText: string
  nickname: string
  rating: number
  content: string
  /** passed photos only */
  images: string[]
  hiddenPhotos: number
  reply: { content: string; at: number } | null
  createdAt: number
}

const Rating = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5))

export const reviewActions = {
  /** Lines of received or completed orders still waiting for a review, newest first. */
  'review.pending': action<{ items: ReviewableLine[] }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ orderId: v.optional(Id) }),
  }),
  /** One review per order line; text and photos go through content security (risky text is refused). */
  'review.submit': action<MyReview>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({
      orderId: Id,
      skuId: Id,
      rating: Rating,
      content: v.pipe(v.string(), v.trim(), v.minLength(1, '请写下您的评价'), v.maxLength(500)),
      photos: v.optional(Photos),
      anonymous: v.optional(v.boolean()),
    }),
  }),
  'review.mine': action<{ items: MyReview[]; cursor: string | null }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ cursor: v.optional(Cursor), pageSize: v.optional(PageSize) }),
  }),
  'admin.reviews.list': action<{ items: AdminReviewRow[]; cursor: string | null }>()({
    fn: 'admin',
    audience: { admin: ['operator', 'service'] },
    input: v.strictObject({
      replied: v.optional(v.boolean()),
      cursor: v.optional(Cursor),
      pageSize: v.optional(PageSize),
    }),
  }),
  /** The merchant's public reply (once; content security applies). */
  'admin.reviews.reply': action<AdminReviewRow>()({
    fn: 'admin',
    audience: { admin: ['operator', 'service'] },
    input: v.strictObject({ reviewId: Id, content: ShortText(300) }),
  }),
}
