/** `users/<openid>`: the member document (shape decided for issue 9; see README "Members"). */
import type { SealedPhone } from '../pii/phone'

export interface UserDoc {
  _id: string
  openid: string
  unionid?: string
  nickname?: string
  /** fileID, shown only once its content-security check passed */
  avatar?: string
  /** fileID awaiting the media verdict */
  avatarPending?: string
  /** mediaChecks trace id of avatarPending */
  avatarCheck?: string
  gender?: 0 | 1 | 2
  birthday?: string
  phone?: SealedPhone
  privacy?: { version: string; agreedAt: number }
  level: number
  growth: number
  growthSeq?: number
  points: number
  pointsSeq: number
  /** epoch ms (seeded documents may hold a Date) */
  createdAt: number | Date
  updatedAt?: number
  deletedAt?: number
  /** when a deleted account came back as a fresh member (its openid is the same WeChat user) */
  reopenedAt?: number
}

export const USERS = 'users'
export const PHONE_CLAIMS = 'phoneClaims'
export const SMS_CODES = 'smsCodes'

/** `phoneClaims/<phone hash>`: who holds a phone. Created and removed in the transaction that binds it. */
export interface PhoneClaim {
  _id: string
  openid: string
  at: number
}

/** The fields account deletion erases (personal data); what stays is the account key and the books. */
export const PERSONAL_FIELDS = [
  'unionid',
  'nickname',
  'avatar',
  'avatarPending',
  'avatarCheck',
  'gender',
  'birthday',
  'phone',
  'privacy',
] as const

export const ms = (t: number | Date | undefined): number =>
  t instanceof Date ? t.getTime() : typeof t === 'number' ? t : 0
