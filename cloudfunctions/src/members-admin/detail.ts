import { orderStatusLabel, type OrderStatus } from '@mall/domain'
import type { AdminMemberAdjustment, AdminMemberDetail, AdminMemberEntry } from '@mall/contract'
import { byId, list } from '../db'
import { fail } from '../errors'
import { isHidden, type OrderDoc } from '../order/model'
import type { Ctx } from '../router'
import { loadLevelNames, nextLevel } from './levels'
import { toRow, type MemberDoc, type WalletDoc } from './list'
import type { AdjustAudit } from './adjust'

const LATEST = 10

interface EntryDoc {
  _id: string
  kind: string
  amount: number
  bonusAmount?: number
  balanceAfter?: number
  at: number
  ref?: string
  memo?: string
}

const WALLET_KINDS: Record<string, string> = {
  recharge: '充值',
  bonus: '充值赠送',
  pay: '余额支付',
  refund: '退款',
  withdraw: '提现',
  withdrawReversal: '提现退回',
  adjust: '后台调整',
}
const POINTS_KINDS: Record<string, string> = {
  seed: '期初积分',
  earn: '下单获得',
  use: '下单抵扣',
  return: '退回',
  expire: '到期清零',
  adjust: '后台调整',
}

function toEntry(
  e: EntryDoc,
  labels: Record<string, string>,
  reasons: Map<string, string>,
): AdminMemberEntry {
  const reason = reasons.get(e._id)
  return {
    id: e._id,
    kind: e.kind,
    kindLabel: labels[e.kind] ?? e.memo ?? e.kind,
    amount: e.amount,
    ...(typeof e.bonusAmount === 'number' ? { bonusAmount: e.bonusAmount } : {}),
    balanceAfter: typeof e.balanceAfter === 'number' ? e.balanceAfter : null,
    at: e.at,
    ref: e.ref ?? '',
    ...(reason !== undefined ? { reason } : {}),
  }
}

/**
 * Everything the merchant needs to answer a member: level and growth, points, wallet buckets, the latest
 * orders, wallet and points entries, and the adjustments with who made them and why. The phone stays
 * masked here too: no admin task needs the full number (the ship form shows the order's own contact).
 */
export async function memberDetail(ctx: Ctx, openid: string): Promise<AdminMemberDetail> {
  const { db } = ctx
  const user = await byId<MemberDoc>(db.collection('users'), openid)
  if (!user) return fail('MEMBER_NOT_FOUND')
  const [wallet, levels, orders, ledger, points, audits] = await Promise.all([
    byId<WalletDoc>(db.collection('wallets'), openid),
    loadLevelNames(db),
    list<OrderDoc>(
      db
        .collection('orders')
        .where({ openid })
        .orderBy('createdAt', 'desc')
        .limit(LATEST + 5),
    ),
    list<EntryDoc>(db.collection('ledger').where({ walletId: openid }).orderBy('at', 'desc').limit(LATEST)),
    list<EntryDoc>(db.collection('pointsLedger').where({ openid }).orderBy('at', 'desc').limit(LATEST)),
    list<AdjustAudit>(
      db.collection('auditLog').where({ target: openid }).orderBy('at', 'desc').limit(LATEST),
    ),
  ])
  const actors = [...new Set(audits.map((a) => a.actor))]
  const names = actors.length
    ? await list<{ _id: string; name?: string }>(
        db
          .collection('admins')
          .where({ _id: db.command.in(actors) })
          .limit(actors.length),
      )
    : []
  const nameOf = new Map(names.map((n) => [n._id, n.name ?? null]))
  const adjustments: AdminMemberAdjustment[] = audits
    .filter((a) => a.kind === 'member.adjust')
    .map((a) => ({
      id: a.entryId,
      book: a.book,
      delta: a.delta,
      reason: a.reason,
      actor: a.actor,
      actorName: nameOf.get(a.actor) ?? null,
      at: a.at,
    }))
  const reasons = new Map(adjustments.map((a) => [a.id, a.reason]))
  const row = toRow(user, wallet, levels)
  const next = nextLevel(levels, row.level)
  const balance = wallet?.balance ?? 0
  const bonus = Math.min(balance, Math.max(0, wallet?.bonus ?? 0))
  return {
    ...row,
    gender: user.gender ?? null,
    birthday: user.birthday ?? null,
    growth: user.growth ?? 0,
    nextLevel: next ? { level: next.level, name: next.name, growth: next.growth } : null,
    wallet: { balance, bonus, frozen: wallet?.frozen ?? 0, withdrawable: balance - bonus },
    orders: orders
      .filter((o) => !isHidden(o))
      .slice(0, LATEST)
      .map((o) => ({
        id: o._id,
        orderNo: o.orderNo,
        status: o.status,
        statusLabel: orderStatusLabel(o.status as OrderStatus),
        payable: o.totals.payable,
        createdAt: o.createdAt,
      })),
    ledger: ledger.map((e) => toEntry(e, WALLET_KINDS, reasons)),
    pointsEntries: points.map((e) => toEntry(e, POINTS_KINDS, reasons)),
    adjustments,
  }
}
