import { mulFen, type Fen } from '../money/fen'
import { fail, type DomainError } from '../result/errors'
import { ok, type Result } from '../result/result'

/**
 * Group buying. An activity offers a group price on some SKUs; a paid order opens a group or joins one;
 * the group succeeds when it has `groupSize` paid members before its time limit, else it fails and every
 * member is refunded. Members join only after payment, so a group never counts an unpaid seat.
 */
export interface GroupBuyActivity {
  readonly id: string
  readonly skuIds: readonly string[]
  readonly groupPrice: Fen
  /** Members needed, 2..100. */
  readonly groupSize: number
  /** How long a group stays open after it is opened. */
  readonly timeLimitMs: number
  readonly startAt: number
  readonly endAt: number
  /** Units the activity may sell in total. */
  readonly quota: number
  /** Units one shopper may buy across the activity. */
  readonly perUserLimit: number
}

export type GroupStatus = 'forming' | 'succeeded' | 'failed'

export const groupStatusLabels: Readonly<Record<GroupStatus, string>> = {
  forming: '拼团中',
  succeeded: '拼团成功',
  failed: '拼团失败',
}

export interface GroupMember {
  readonly openid: string
  readonly orderId: string
  readonly quantity: number
  readonly joinedAt: number
}

export interface Group {
  readonly id: string
  readonly activityId: string
  readonly status: GroupStatus
  readonly size: number
  readonly leader: string
  readonly members: readonly GroupMember[]
  readonly createdAt: number
  readonly expiresAt: number
  readonly settledAt?: number
}

export interface GroupPurchase {
  readonly skuId: string
  readonly quantity: number
  /** Units this shopper already bought in the activity (paid or awaiting payment). */
  readonly boughtByUser: number
  /** Units the activity already sold or holds. */
  readonly quotaUsed: number
  readonly now: number
}

const invalid = (message: string, details?: Record<string, unknown>) =>
  fail('GROUP_STATE_INVALID', message, details)

/** Checks an order at group price before it is created, and prices its line. */
export const checkGroupPurchase = (
  a: GroupBuyActivity,
  p: GroupPurchase,
): Result<{ unitPrice: Fen; subtotal: Fen }, DomainError> => {
  if (p.now < a.startAt || p.now >= a.endAt) return invalid('activity not running', { activityId: a.id })
  if (a.skuIds.indexOf(p.skuId) < 0) return invalid('sku not in this activity', { skuId: p.skuId })
  if (!Number.isSafeInteger(p.quantity) || p.quantity < 1)
    return fail('QUANTITY_INVALID', 'quantity must be >= 1')
  if (p.boughtByUser + p.quantity > a.perUserLimit)
    return fail('QUANTITY_INVALID', `limit ${a.perUserLimit} per shopper`, {
      limit: a.perUserLimit,
      bought: p.boughtByUser,
    })
  if (p.quotaUsed + p.quantity > a.quota)
    return fail('OUT_OF_STOCK', 'activity quota used up', { left: Math.max(0, a.quota - p.quotaUsed) })
  return ok({ unitPrice: a.groupPrice, subtotal: mulFen(a.groupPrice, p.quantity) })
}

export interface JoinInput {
  readonly openid: string
  readonly orderId: string
  readonly quantity: number
  readonly now: number
}

/** A paid order opens a group; the payer is its leader and first member. */
export const openGroup = (a: GroupBuyActivity, groupId: string, m: JoinInput): Result<Group, DomainError> => {
  if (!groupId || !m.openid || !m.orderId)
    return fail('INVALID_INPUT', 'group id, openid and order id are required')
  if (!Number.isSafeInteger(a.groupSize) || a.groupSize < 2 || a.groupSize > 100)
    return fail('INVALID_INPUT', 'groupSize must be 2..100')
  if (m.now < a.startAt || m.now >= a.endAt) return invalid('activity not running', { activityId: a.id })
  return ok({
    id: groupId,
    activityId: a.id,
    status: 'forming',
    size: a.groupSize,
    leader: m.openid,
    members: [{ openid: m.openid, orderId: m.orderId, quantity: m.quantity, joinedAt: m.now }],
    createdAt: m.now,
    expiresAt: m.now + a.timeLimitMs,
  })
}

export interface JoinOutcome {
  readonly group: Group
  /** The same order joined before (a repeated payment callback): nothing changed. */
  readonly duplicate: boolean
  /** This join filled the group. */
  readonly succeeded: boolean
}

/**
 * A paid order joins a forming group. Refused when the group is full, over, expired or the shopper is
 * already in it: the caller then refunds the payment (or opens a new group, by its own rule).
 */
export const joinGroup = (g: Group, m: JoinInput): Result<JoinOutcome, DomainError> => {
  if (g.members.some((x) => x.orderId === m.orderId))
    return ok({ group: g, duplicate: true, succeeded: false })
  if (g.status !== 'forming') return invalid(`group is ${g.status}`, { groupId: g.id, status: g.status })
  if (m.now >= g.expiresAt) return invalid('group time is up', { groupId: g.id })
  if (g.members.some((x) => x.openid === m.openid)) return invalid('already in this group', { groupId: g.id })
  if (g.members.length >= g.size) return invalid('group is full', { groupId: g.id })
  const members = g.members.concat([
    { openid: m.openid, orderId: m.orderId, quantity: m.quantity, joinedAt: m.now },
  ])
  const succeeded = members.length >= g.size
  const group: Group = succeeded
    ? { ...g, members, status: 'succeeded', settledAt: m.now }
    : { ...g, members }
  return ok({ group, duplicate: false, succeeded })
}

/** Time is up and the group is not full: it fails, and every member's order is refunded (once). */
export const expireGroup = (
  g: Group,
  now: number,
): Result<{ group: Group; refundOrderIds: string[] }, DomainError> => {
  if (g.status !== 'forming') return invalid(`group is ${g.status}`, { groupId: g.id, status: g.status })
  if (now < g.expiresAt) return invalid('group time not up yet', { groupId: g.id, expiresAt: g.expiresAt })
  return ok({
    group: { ...g, status: 'failed', settledAt: now },
    refundOrderIds: g.members.map((x) => x.orderId),
  })
}

/** '还差2人成团' for a forming group; '' otherwise. */
export const groupShortText = (g: Group): string =>
  g.status === 'forming' ? `还差${Math.max(0, g.size - g.members.length)}人成团` : ''
