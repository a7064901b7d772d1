import type { ActionParsedInput, AdminMemberRow } from '@mall/contract'
import { list } from '../db'
import { decodeTimeIdCursor } from '../catalog/cursor'
import { escapeRegExp } from '../catalog/search'
import { isSealedPhone, maskPhone, normalizePhone, phoneHash } from '../pii/phone'
import type { Ctx } from '../router'
import { levelName, loadLevelNames, type LevelName } from './levels'

/** The fields of `users/<openid>` the admin area reads (the shape is the member module's). */
export interface MemberDoc {
  _id: string
  openid?: string
  nickname?: string
  avatar?: string
  gender?: 0 | 1 | 2
  birthday?: string
  phone?: unknown
  level?: number
  growth?: number
  points?: number
  createdAt?: number | Date
  deletedAt?: number
}

export interface WalletDoc {
  _id: string
  balance?: number
  bonus?: number
  frozen?: number
}

/** Epoch ms of a stored time (numbers; older documents may hold Dates). */
export const toMs = (x: unknown): number | null =>
  typeof x === 'number' ? x : x instanceof Date ? x.getTime() : null

/**
 * Only ever the mask: a sealed phone carries its own; a legacy plain number (before the one-off
 * migration) is masked here so it cannot leave the server through the admin area.
 */
export function phoneMaskOf(phone: unknown): string | null {
  if (isSealedPhone(phone)) return typeof phone.m === 'string' ? phone.m : '****'
  if (typeof phone === 'string' && phone) return maskPhone(normalizePhone(phone))
  return null
}

export function toRow(u: MemberDoc, w: WalletDoc | undefined, levels: LevelName[]): AdminMemberRow {
  const level = typeof u.level === 'number' ? u.level : 0
  return {
    openid: u._id,
    nickname: u.nickname || (u.deletedAt ? '已注销用户' : '微信用户'),
    avatar: u.avatar ?? null,
    phoneMasked: phoneMaskOf(u.phone),
    level,
    levelName: levelName(levels, level),
    points: u.points ?? 0,
    balance: w?.balance ?? 0,
    joinedAt: toMs(u.createdAt),
    deleted: typeof u.deletedAt === 'number',
  }
}

const PHONE_QUERY = /^\d{11}$/

/**
 * Newest members first (createdAt desc, openid desc), cursor `<createdAt>_<openid>` of the last row.
 * The search box: 11 digits are a phone, looked up by its keyed hash (`phone.h`, the plain number is not
 * stored anywhere); anything else is an exact openid or a nickname prefix.
 */
export async function listMembers(
  ctx: Ctx,
  input: ActionParsedInput<'admin.members.list'>,
): Promise<{ items: AdminMemberRow[]; cursor: string | null }> {
  const { db } = ctx
  const _ = db.command
  const size = input.pageSize ?? 20
  const conds: object[] = []
  const q = input.query
  if (q !== undefined) {
    const phone = normalizePhone(q)
    if (PHONE_QUERY.test(phone)) conds.push({ 'phone.h': phoneHash(phone) })
    else {
      const byNickname = { nickname: db.RegExp({ regexp: '^' + escapeRegExp(q) }) }
      conds.push(/^[A-Za-z0-9_-]{1,64}$/.test(q) ? _.or([{ _id: q }, byNickname]) : byNickname)
    }
  }
  if (input.level !== undefined) conds.push({ level: input.level })
  if (input.cursor) {
    const c = decodeTimeIdCursor(input.cursor)
    conds.push(_.or([{ createdAt: _.lt(c.at) }, { createdAt: c.at, _id: _.lt(c.id) }]))
  }
  const where = conds.length === 0 ? {} : conds.length === 1 ? conds[0]! : _.and(conds)
  const [rows, levels] = await Promise.all([
    list<MemberDoc>(
      db
        .collection('users')
        .where(where)
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .limit(size + 1),
    ),
    loadLevelNames(db),
  ])
  const page = rows.slice(0, size)
  const wallets = page.length
    ? await list<WalletDoc>(
        db
          .collection('wallets')
          .where({ _id: _.in(page.map((u) => u._id)) })
          .limit(page.length),
      )
    : []
  const byOwner = new Map(wallets.map((w) => [w._id, w]))
  const last = page[page.length - 1]
  const lastAt = last ? toMs(last.createdAt) : null
  return {
    items: page.map((u) => toRow(u, byOwner.get(u._id), levels)),
    // a member without a join time sorts last and ends the paging
    cursor: rows.length > size && last && lastAt !== null ? `${lastAt}_${last._id}` : null,
  }
}
