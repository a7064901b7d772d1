/**
 * The product's review summary follows every review write. `ratingSum` is kept exactly (avg is rounded for
 * display); seed products lack it, so it is derived from avg * count the first time.
 */
import type { ProductDoc } from '../catalog/docs'

export type ReviewSummaryDoc = ProductDoc['reviewSummary']

export interface SummaryFields {
  reviewSummary: ReviewSummaryDoc
  ratingSum: number
}

const EMPTY: ReviewSummaryDoc = { count: 0, avg: 0, good: 0, withPhotos: 0 }

export function currentSummary(p: Partial<Pick<ProductDoc, 'reviewSummary'>> & { ratingSum?: number }) {
  const s = { ...EMPTY, ...(p.reviewSummary ?? {}) }
  return { s, sum: typeof p.ratingSum === 'number' ? p.ratingSum : Math.round(s.avg * s.count) }
}

const avgOf = (sum: number, count: number) => (count ? Math.round((sum / count) * 10) / 10 : 0)

/** A new review of `rating` stars (with photos already public or not). */
export function withReview(
  p: Partial<Pick<ProductDoc, 'reviewSummary'>> & { ratingSum?: number },
  rating: number,
  hasImages: boolean,
): SummaryFields {
  const { s, sum } = currentSummary(p)
  const count = s.count + 1
  const ratingSum = sum + rating
  return {
    reviewSummary: {
      count,
      avg: avgOf(ratingSum, count),
      good: s.good + (rating >= 4 ? 1 : 0),
      withPhotos: s.withPhotos + (hasImages ? 1 : 0),
    },
    ratingSum,
  }
}

/** A review's photos became public (+1) or none of them is any more (-1). */
export function withPhotosMoved(
  p: Partial<Pick<ProductDoc, 'reviewSummary'>> & { ratingSum?: number },
  delta: 1 | -1,
): SummaryFields {
  const { s, sum } = currentSummary(p)
  return { reviewSummary: { ...s, withPhotos: Math.max(0, s.withPhotos + delta) }, ratingSum: sum }
}
