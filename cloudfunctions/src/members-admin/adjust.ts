import { formatPrice } from '@mall/domain'
import type { AdminAdjustResult } from '@mall/contract'
import { fail } from '../errors'
import { inTransaction, txGet, type Tx } from '../flow/tx'
import { pointsBook, postEntry, walletBook, type Book, type EntryInput } from '../ledger/books'
import { log } from '../log'
import { maskPhonesIn } from '../pii/phone'
import type { Ctx } from '../router'
import type { MemberDoc, WalletDoc } from './list'

export type AdjustBook = 'points' | 'wallet'

/** auditLog/<`audit_<entryId>`>: who moved what, when and why; written in the entry's transaction. */
export interface AdjustAudit {
  _id: string
  kind: 'member.adjust'
  action: 'admin.members.adjustPoints' | 'admin.members.adjustBalance'
  /** the admin's openid and roles at the time */
  actor: string
  actorRoles: string[]
  /** the member */
  target: string
  book: AdjustBook
  entryId: string
  requestId: string
  /** signed: points, or fen */
  delta: number
  /** wallet only: the signed bonus part of delta */
  bonusDelta?: number
  reason: string
  balanceAfter: number
  at: number
}

/** The ledger entry an adjustment writes; its `_id` is the idempotency key. */
export const adjustEntryId = (book: AdjustBook, requestId: string) =>
  book === 'points' ? `pts_adj_${requestId}` : `adj_${requestId}`

const resultOf = (a: AdjustAudit): AdminAdjustResult => ({
  entryId: a.entryId,
  openid: a.target,
  delta: a.delta,
  balanceAfter: a.balanceAfter,
  at: a.at,
})

/** The entry with the wallet's bucket field (postEntry's EntryInput gains `bonusAmount` with the wallet work). */
type Entry = EntryInput & { bonusAmount?: number }

/**
 * Moves a member's points or wallet balance by `delta` with a reason, as ONE transaction: the ledger entry
 * (through postEntry, so the balance always equals its entries) and the audit entry. The same requestId
 * again answers the first result; under another member, amount, reason or book it is refused.
 * Wallet credits are bonus money (never withdrawable); a debit takes bonus first, then principal.
 */
export async function adjustMember(
  ctx: Ctx,
  book: AdjustBook,
  input: { openid: string; delta: number; reason: string; requestId: string },
): Promise<AdminAdjustResult> {
  const entryId = adjustEntryId(book, input.requestId)
  const auditId = `audit_${entryId}`
  // the reason is stored and shown to other admins: no phone number in plain text, ever
  const reason = maskPhonesIn(input.reason)
  const at = ctx.now()
  const action = book === 'points' ? 'admin.members.adjustPoints' : 'admin.members.adjustBalance'
  const out = await inTransaction(
    ctx.db,
    async (t: Tx) => {
      const prior = await txGet<AdjustAudit>(t, 'auditLog', auditId)
      if (prior) {
        const same =
          prior.target === input.openid &&
          prior.book === book &&
          prior.delta === input.delta &&
          prior.reason === reason
        return same ? { replayed: true, audit: prior } : fail('REQUEST_ID_REUSED')
      }
      const user = await txGet<MemberDoc>(t, 'users', input.openid)
      if (!user || typeof user.deletedAt === 'number') return fail('MEMBER_NOT_FOUND')
      const b: Book = book === 'points' ? pointsBook : walletBook
      const entry: Entry = {
        _id: entryId,
        openid: input.openid,
        amount: input.delta,
        kind: 'adjust',
        ref: auditId,
        at,
      }
      let bonusDelta: number | undefined
      if (book === 'points') {
        const have = user.points ?? 0
        if (have + input.delta < 0)
          fail('POINTS_INSUFFICIENT', `扣减后积分将为负数：该会员现有 ${have} 积分，最多可扣 ${have} 积分`)
      } else {
        const w = await txGet<WalletDoc>(t, 'wallets', input.openid)
        const balance = w?.balance ?? 0
        if (balance + input.delta < 0)
          fail(
            'BALANCE_INSUFFICIENT',
            `扣减后余额将为负数：该会员可用余额 ${formatPrice(balance)}，最多可扣 ${formatPrice(balance)}`,
          )
        const bonus = Math.min(balance, Math.max(0, w?.bonus ?? 0))
        // credited money is a gift: bonus; a debit spends the gift first so principal stays withdrawable
        bonusDelta = input.delta > 0 ? input.delta : -Math.min(bonus, -input.delta)
        entry.bonusAmount = bonusDelta
      }
      const posted = await postEntry(t, b, entry)
      // an entry under this key without its audit entry was not written by an adjustment
      if (!posted.posted) return fail('REQUEST_ID_REUSED')
      const audit: AdjustAudit = {
        _id: auditId,
        kind: 'member.adjust',
        action,
        actor: ctx.openid,
        actorRoles: ctx.roles,
        target: input.openid,
        book,
        entryId,
        requestId: input.requestId,
        delta: input.delta,
        ...(bonusDelta !== undefined ? { bonusDelta } : {}),
        reason,
        balanceAfter: posted.balanceAfter,
        at,
      }
      await t.collection('auditLog').add({ data: audit })
      return { replayed: false, audit }
    },
    action,
  )
  log('member.adjust', {
    book,
    entryId,
    target: input.openid,
    actor: ctx.openid,
    delta: input.delta,
    replayed: out.replayed,
  })
  return resultOf(out.audit)
}
