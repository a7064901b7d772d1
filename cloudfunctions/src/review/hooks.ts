/** Imported for its effect: a content-security verdict on a review photo refreshes that review's images. */
import { onMediaVerdict } from '../security'
import { refreshReviewPhotos } from './photos'

onMediaVerdict('reviews', (db, reviewId, at) => refreshReviewPhotos(db, reviewId, at))
