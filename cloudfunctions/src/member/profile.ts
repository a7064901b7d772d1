/**
 * First contact, the profile view and its changes. `ensureMember` is what any flow that needs the member
 * document calls: a conditional create (add with `_id` = openid; a duplicate means someone else created it
 * first), so concurrent first calls end with one document and nothing overwritten.
 */
import { PRIVACY_VERSION, type ActionParsedInput, type MemberProfile } from '@mall/contract'
import type { Database } from '../cloud'
import { byId } from '../db'
import { fail } from '../errors'
import { log } from '../log'
import type { Ctx } from '../router'
import { checkPhotos, checkText, photoStatuses } from '../security'
import { inTransaction, txGet } from '../flow/tx'
import { ms, USERS, type UserDoc } from './model'

export const freshMember = (openid: string, at: number): Omit<UserDoc, '_id'> => ({
  openid,
  level: 0,
  growth: 0,
  points: 0,
  pointsSeq: 0,
  createdAt: at,
})

export async function ensureMember(db: Database, openid: string, at: number): Promise<UserDoc> {
  const coll = db.collection(USERS)
  const found = await byId<UserDoc>(coll, openid)
  if (found) return found
  const doc = { _id: openid, ...freshMember(openid, at) }
  try {
    await coll.add({ data: doc })
    log('member.created', { openid })
    return doc
  } catch (e) {
    // Lost the race to a concurrent first call: theirs is the member.
    const theirs = await byId<UserDoc>(coll, openid)
    if (!theirs) throw e
    return theirs
  }
}

/** member.me: the member (created if absent); a deleted account comes back as a fresh member. */
export async function me(ctx: Ctx): Promise<MemberProfile> {
  let u = await ensureMember(ctx.db, ctx.openid, ctx.now())
  if (u.deletedAt !== undefined) u = await reopen(ctx, u.deletedAt)
  return profileView(ctx.db, u)
}

/**
 * The openid is the same WeChat user, so a deleted account's next contact starts a fresh member (no profile,
 * phone or consent); its kept orders and ledgers stay under the openid. Conditional on the deletion seen.
 */
async function reopen(ctx: Ctx, deletedAt: number): Promise<UserDoc> {
  const _ = ctx.db.command
  const at = ctx.now()
  await ctx.db
    .collection(USERS)
    .where({ _id: ctx.openid, deletedAt })
    .update({ data: { deletedAt: _.remove(), lastDeletedAt: deletedAt, reopenedAt: at, updatedAt: at } })
  return (await byId<UserDoc>(ctx.db.collection(USERS), ctx.openid))!
}

export async function profileView(db: Database, u: UserDoc): Promise<MemberProfile> {
  // A verdict may have landed without the hook having run yet (or the hook failed): the check decides.
  let avatar = u.avatar ?? ''
  let avatarPending = !!u.avatarPending
  if (u.avatarPending && u.avatarCheck) {
    const [status] = await photoStatuses(db, [{ fileID: u.avatarPending, traceId: u.avatarCheck }])
    if (status === 'pass') {
      avatar = u.avatarPending
      avatarPending = false
    } else if (status === 'rejected') avatarPending = false
  }
  return {
    nickname: u.nickname ?? '',
    avatar,
    avatarPending,
    gender: u.gender ?? 0,
    birthday: u.birthday ?? '',
    phone: u.phone?.m ?? '',
    phoneBound: !!u.phone,
    level: u.level ?? 0,
    growth: u.growth ?? 0,
    points: u.points ?? 0,
    privacy: u.privacy ?? null,
    privacyCurrent: u.privacy?.version === PRIVACY_VERSION,
    createdAt: ms(u.createdAt),
  }
}

export async function agreePrivacy(ctx: Ctx, version: string) {
  await ensureMember(ctx.db, ctx.openid, ctx.now())
  const privacy = { version, agreedAt: ctx.now() }
  await ctx.db
    .collection(USERS)
    .doc(ctx.openid)
    .update({ data: { privacy, updatedAt: privacy.agreedAt } })
  log('member.privacy', { openid: ctx.openid, version })
  return { privacy }
}

/** Beijing calendar date 'YYYY-MM-DD' of an instant. */
export const beijingDay = (at: number): string => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10)

const PROFILE_SCENE = 1

export async function updateProfile(
  ctx: Ctx,
  input: ActionParsedInput<'member.profile.update'>,
): Promise<MemberProfile> {
  const { db, openid } = ctx
  const at = ctx.now()
  await ensureMember(db, openid, at)
  const data: Record<string, unknown> = { updatedAt: at }
  if (input.nickname !== undefined) {
    await checkText(openid, input.nickname, PROFILE_SCENE)
    data.nickname = input.nickname
  }
  if (input.gender !== undefined) data.gender = input.gender
  if (input.birthday !== undefined) {
    if (input.birthday > beijingDay(at) || input.birthday < '1900-01-01')
      fail('INVALID_INPUT', 'birthday: 生日不能晚于今天')
    data.birthday = input.birthday
  }
  if (input.avatar !== undefined) {
    const [ref] = await checkPhotos(
      db,
      openid,
      'avatar',
      [input.avatar],
      { collection: USERS, id: openid },
      at,
    )
    data.avatarPending = ref!.fileID
    data.avatarCheck = ref!.traceId
  }
  await db.collection(USERS).doc(openid).update({ data })
  // The verdict may have landed before avatarPending was written: apply it now.
  if (input.avatar !== undefined) await refreshAvatar(db, openid, at)
  return profileView(db, (await byId<UserDoc>(db.collection(USERS), openid))!)
}

/**
 * The media verdict hook for users: a passed avatar replaces the shown one, a rejected one is dropped (the old
 * avatar stays). In a transaction on the user, so a newer upload meanwhile is never overwritten by an old verdict.
 */
export async function refreshAvatar(db: Database, openid: string, at: number): Promise<void> {
  await inTransaction(
    db,
    async (t) => {
      const u = await txGet<UserDoc>(t, USERS, openid)
      if (!u?.avatarPending || !u.avatarCheck) return
      const [status] = await photoStatuses(db, [{ fileID: u.avatarPending, traceId: u.avatarCheck }])
      if (status === 'pending') return
      const _ = db.command
      const data: Record<string, unknown> = {
        avatarPending: _.remove(),
        avatarCheck: _.remove(),
        updatedAt: at,
      }
      if (status === 'pass') data.avatar = u.avatarPending
      await t.collection(USERS).doc(openid).update({ data })
      log('member.avatar', { openid, status })
    },
    'member.avatar',
  )
}
