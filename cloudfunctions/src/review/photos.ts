/**
 * A review's photos are public only once content security passed them (fail closed): `images` / `hasImages`
 * (what catalog.reviews and the product page read) hold the passed photos only. Recomputed when a verdict
 * lands and right after the review is written, since a verdict may arrive before the review exists.
 */
import type { Database } from '../cloud'
import { inTransaction, txGet } from '../flow/tx'
import type { ProductDoc } from '../catalog/docs'
import { byId } from '../db'
import { photoStatuses } from '../security'
import type { StoredReview } from './model'
import { withPhotosMoved } from './summary'

export async function refreshReviewPhotos(db: Database, reviewId: string, at: number): Promise<void> {
  const r = await byId<StoredReview>(db.collection('reviews'), reviewId)
  if (!r?.photos?.length) return
  await inTransaction(
    db,
    async (t) => {
      const cur = await txGet<StoredReview>(t, 'reviews', reviewId)
      if (!cur?.photos?.length) return
      // Read on every attempt, after the review: a hook racing a newer verdict either reads that verdict
      // too or conflicts on the review and runs again. A photo refused after passing leaves again.
      const statuses = await photoStatuses(db, cur.photos)
      const images = cur.photos.filter((_, i) => statuses[i] === 'pass').map((p) => p.fileID)
      if (images.join('\n') === cur.images.join('\n')) return
      const hasImages = images.length > 0
      await t
        .collection('reviews')
        .doc(reviewId)
        .update({ data: { images, hasImages, updatedAt: at } })
      if (hasImages === cur.hasImages) return
      const p = await txGet<ProductDoc & { ratingSum?: number }>(t, 'products', cur.spuId)
      if (p)
        await t
          .collection('products')
          .doc(p._id)
          .update({ data: withPhotosMoved(p, hasImages ? 1 : -1) })
    },
    'review.photos',
  )
}
