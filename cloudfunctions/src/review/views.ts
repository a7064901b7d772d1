/** What a review looks like to its author (every photo with its verdict) and to the merchant (passed only). */
import type { AdminReviewRow, MyReview } from '@mall/contract'
import type { Database } from '../cloud'
import { list } from '../db'
import { photoViews } from '../security'
import { publicAuthor, replyView, type StoredReview } from './model'

const ms = (d: Date | number) => new Date(d).getTime()

export async function toMyReview(
  db: Database,
  r: StoredReview,
  titles?: Map<string, string>,
): Promise<MyReview> {
  return {
    id: r._id,
    orderId: r.orderId ?? '',
    skuId: r.skuId,
    spuId: r.spuId,
    title: r.title ?? titles?.get(r.spuId) ?? '',
    rating: r.rating,
    content: r.content,
    anonymous: r.anonymous ?? false,
    photos: r.photos?.length ? await photoViews(db, r.photos, 'owner') : [],
    reply: replyView(r),
    createdAt: ms(r.createdAt),
  }
}

export const toMyReviews = async (db: Database, rows: StoredReview[]): Promise<MyReview[]> => {
  const titles = await productTitles(db, rows)
  return Promise.all(rows.map((r) => toMyReview(db, r, titles)))
}

/** Seed reviews carry no product title: one read for the page's products fills them in. */
async function productTitles(db: Database, rows: StoredReview[]): Promise<Map<string, string>> {
  const _ = db.command
  const missing = [...new Set(rows.filter((r) => !r.title).map((r) => r.spuId))]
  return new Map(
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
}

export async function toAdminRows(db: Database, rows: StoredReview[]): Promise<AdminReviewRow[]> {
  const titles = await productTitles(db, rows)
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
