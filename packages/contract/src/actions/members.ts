import * as v from 'valibot'
import { Cursor, PageSize, RequestId } from '../common'
import { action } from '../define'

/** An openid as WeChat hands them out (28 chars) or a demo/test one: never an object or a pattern. */
const Openid = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, '会员编号格式不正确'))

/** Phone (11 digits), nickname prefix or openid: one box, the server decides which. */
const MemberQuery = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, '请输入搜索内容'),
  v.maxLength(32, '搜索内容最多 32 个字'),
)

const Level = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(99))

/**
 * Why the merchant moved points or money: stored with the audit entry, shown to other admins. Plain text
 * only (no control characters, no markup); 11-digit numbers in it are masked before it is stored.
 */
export const AdjustReason = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(2, '调整原因至少 2 个字'),
  v.maxLength(100, '调整原因最多 100 个字'),
  // eslint-disable-next-line no-control-regex
  v.regex(/^[^\u0000-\u001f\u007f<>]*$/, '调整原因只能是纯文字（不能包含换行、< 或 >）'),
)

/** Signed and never zero; bounded so one typo cannot move an absurd amount. */
const nonZero = (max: number, what: string) =>
  v.pipe(
    v.number(),
    v.integer(),
    v.minValue(-max, `${what}单次最多调整 ${max}`),
    v.maxValue(max, `${what}单次最多调整 ${max}`),
    v.check((n) => n !== 0, `${what}调整值不能为 0`),
  )

/** Points: at most ±1,000,000 per adjustment. */
export const MAX_POINTS_ADJUST = 1_000_000
/** Fen: at most ±¥100,000 per adjustment. */
export const MAX_BALANCE_ADJUST_FEN = 10_000_000

export interface AdminMemberRow {
  openid: string
  nickname: string
  avatar: string | null
  /** `138****0001`; the plain number never leaves the server in the admin area */
  phoneMasked: string | null
  level: number
  levelName: string
  points: number
  /** fen, spendable (bonus included) */
  balance: number
  /** epoch ms, null when unknown */
  joinedAt: number | null
  deleted: boolean
}

export interface AdminMemberEntry {
  id: string
  kind: string
  kindLabel: string
  /** signed: fen (wallet) or points */
  amount: number
  /** wallet only: the signed bonus part of amount */
  bonusAmount?: number
  balanceAfter: number | null
  at: number
  ref: string
  /** the adjustment's reason (adjustments only) */
  reason?: string
}

export interface AdminMemberAdjustment {
  id: string
  book: 'points' | 'wallet'
  /** points or fen, signed */
  delta: number
  reason: string
  actor: string
  actorName: string | null
  at: number
}

export interface AdminMemberDetail extends AdminMemberRow {
  gender: 0 | 1 | 2 | null
  birthday: string | null
  growth: number
  /** the next level and the growth it needs; null at the top */
  nextLevel: { level: number; name: string; growth: number } | null
  wallet: { balance: number; bonus: number; frozen: number; withdrawable: number }
  orders: Array<{
    id: string
    orderNo: string
    status: string
    statusLabel: string
    payable: number
    createdAt: number
  }>
  ledger: AdminMemberEntry[]
  pointsEntries: AdminMemberEntry[]
  adjustments: AdminMemberAdjustment[]
}

export interface AdminAdjustResult {
  /** the ledger entry: `pts_adj_<requestId>` or `adj_<requestId>` */
  entryId: string
  openid: string
  delta: number
  /** the member's points or wallet balance (fen) right after this adjustment */
  balanceAfter: number
  at: number
}

export const memberActions = {
  /** Members, newest first; `query` is a phone (by its keyed hash), an openid or a nickname prefix. */
  'admin.members.list': action<{ items: AdminMemberRow[]; cursor: string | null }>()({
    fn: 'admin',
    audience: { admin: ['owner', 'operator', 'service', 'finance'] },
    input: v.strictObject({
      query: v.optional(MemberQuery),
      level: v.optional(Level),
      cursor: v.optional(Cursor),
      pageSize: v.optional(PageSize),
    }),
  }),
  'admin.members.detail': action<AdminMemberDetail>()({
    fn: 'admin',
    audience: { admin: ['owner', 'operator', 'service', 'finance'] },
    input: v.strictObject({ openid: Openid }),
  }),
  /** Adds (delta > 0) or takes (delta < 0) points; once per requestId. */
  'admin.members.adjustPoints': action<AdminAdjustResult>()({
    fn: 'admin',
    audience: { admin: ['owner', 'operator'] },
    input: v.strictObject({
      openid: Openid,
      delta: nonZero(MAX_POINTS_ADJUST, '积分'),
      reason: AdjustReason,
      requestId: RequestId,
    }),
  }),
  /** Credits bonus money (never withdrawable) or debits (bonus first, then principal); once per requestId. */
  'admin.members.adjustBalance': action<AdminAdjustResult>()({
    fn: 'admin',
    audience: { admin: ['owner', 'finance'] },
    input: v.strictObject({
      openid: Openid,
      deltaFen: nonZero(MAX_BALANCE_ADJUST_FEN, '余额（分）'),
      reason: AdjustReason,
      requestId: RequestId,
    }),
  }),
}
