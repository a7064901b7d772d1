/**
 * Reviews written by shoppers: the stored shape on top of the seed's `ReviewDoc`, the deterministic id per
 * order line, and the name the public sees for an anonymous review.
 */
import { createHash } from 'node:crypto'
import type { ReviewDoc } from '../catalog/docs'
import type { PhotoRef } from '../security'

export interface ReviewReply {
  content: string
  at: number
  /** the admin's openid (never shown) */
  by: string
}

/** Seed reviews lack the shopper-written fields, so every one of them is optional on read. */
export interface StoredReview extends ReviewDoc {
  orderId?: string
  anonymous?: boolean
  /** every uploaded photo with its content-security trace; `images` holds only the passed ones */
  photos?: PhotoRef[]
  reply?: ReviewReply | null
  /** indexed for the merchant's "not replied yet" list */
  replied?: boolean
  title?: string
}

/** Only after receipt: the goods are in the shopper's hands. */
export const REVIEWABLE_STATUSES = ['received', 'completed'] as const

/**
 * One review per order line: the id is the line, so a second submit (or a concurrent one) lands on the same
 * document. Ids stay within the contract's 64 characters (an unusually long SKU id is hashed).
 */
export function reviewIdFor(orderId: string, skuId: string): string {
  const plain = `rv_${orderId}_${skuId}`
  if (plain.length <= 64) return plain
  return 'rv_' + createHash('sha256').update(`${orderId}\u0000${skuId}`).digest('hex').slice(0, 40)
}

/** '张小明' -> '张***': the first character only, so nobody can tell who wrote it. */
export const maskName = (nickname: string): string => `${Array.from(nickname.trim())[0] ?? '匿'}***`

/** What the public sees as the author (the stored nickname stays real for the merchant's records). */
export const publicAuthor = (r: Pick<StoredReview, 'nickname' | 'avatar' | 'anonymous'>) =>
  r.anonymous ? { nickname: maskName(r.nickname), avatar: '' } : { nickname: r.nickname, avatar: r.avatar }

export const replyView = (r: Pick<StoredReview, 'reply'>): { content: string; at: number } | null =>
  r.reply ? { content: r.reply.content, at: r.reply.at } : null
