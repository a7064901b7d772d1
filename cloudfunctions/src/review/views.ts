/** What a review looks like to its author (every photo with its verdict) and to the merchant (passed only). */
import type { AdminReviewRow, MyReview } from '@mall/contract'
import type { Database } from '../cloud'
import { list } from '../db'
import { photoViews } from '../security'
import { publicAuthor, replyView, type StoredReview } from './model'

const ms = (d: Date | number) => new Date(d).getTime()

export async function toMyReview(db: Database, r: StoredReview): Promise<MyReview> {
  return {
    id: r._id,
    orderId: r.orderId ?? '',
    skuId: r.skuId,
    spuId: r.spuId,
    title: r.title ?? '',
    rating: r.rating,
    content: r.content,
    anonymous: r.anonymous ?? false,
    photos: r.photos?.length ? await photoViews(db, r.photos, 'owner') : [],
    reply: replyView(r),
    createdAt: ms(r.createdAt),
  }
}

/** Seed reviews carry no product title: one read for the page's products fills them in. */
export async function toAdminRows(db: Database, rows: StoredReview[]): Promise<AdminReviewRow[]> {
  const _ = db.command
  const missing = [...new Set(rows.filter((r) => !r.title).map((r) => r.spuId))]
  const titles = new Map(
    missing.length
      ? (
          await list<{ _id: string; title: string }>(
            db
              .collection('products')
              .where({ _id: _.in(missing) })
              .field({ _id: true, title: true })
              .limit(missing.length),
          )
        ).map((p) => [p._id, p.title])
      : [],
  )
  return rows.map((r) => ({
    id: r._id,
    spuId: r.spuId,
    productTitle: r.title ?? titles.get(r.spuId) ?? '',
    specText: r.specText,
    // the merchant sees what the public sees: an anonymous author stays masked
    nickname: publicAuthor(r).nickname,
    rating: r.rating,
    content: r.content,
    images: r.images,
    hiddenPhotos: Math.max(0, (r.photos?.length ?? 0) - r.images.length),
    reply: replyView(r),
    createdAt: ms(r.createdAt),
  }))
}
