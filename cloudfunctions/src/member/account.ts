/**
 * Account deletion (注销). Refused while the member still has business with the shop:
 *   ACCOUNT_ORDERS_OPEN       an order in submitting, awaitingPayment, paid, shipped, received (not yet
 *                             completed: the after-sales window is still open) or refunding
 *   ACCOUNT_AFTERSALES_OPEN   an after-sales request not refunded, rejected or closed
 *   ACCOUNT_WALLET_NOT_EMPTY  wallet balance (bonus included) or frozen (open withdrawals) above zero
 * Points do not block: they are not money, stay with the kept account and are not paid out.
 *
 * Otherwise it erases the personal data: the profile fields and the phone of users/<openid> (and its
 * phone claim), addresses, the cart, favourites, footprints, SMS codes, the avatar and export files and the
 * avatar's content-security checks; order
 * address snapshots and remarks become an anonymised marker, reviews show 已注销用户. Orders, payments,
 * refunds, after-sales records and ledgers stay for the books under the openid (the account key), which is
 * marked `deletedAt`. The erasure runs first and the user document last, so a crash midway is finished by
 * calling again (the checks still pass).
 */
import { aftersaleFinalStatuses } from '@mall/domain'
import { getCloud } from '../cloud'
import { byId, first, list } from '../db'
import { fail } from '../errors'
import { inTransaction, txGet } from '../flow/tx'
import { log } from '../log'
import type { Ctx } from '../router'
import { PERSONAL_FIELDS, PHONE_CLAIMS, SMS_CODES, USERS, type PhoneClaim, type UserDoc } from './model'
import { codeId, type SmsCodeDoc } from './sms'

/** Order statuses that still have business with the shopper. */
export const OPEN_ORDER_STATUSES = [
  'submitting',
  'awaitingPayment',
  'paid',
  'shipped',
  'received',
  'refunding',
]

export const DELETED_NAME = '已注销用户'
/** What an order's address snapshot becomes: no name, phone or place, and a flag the views can test. */
export const ANONYMISED_ADDRESS = {
  anonymised: true,
  name: DELETED_NAME,
  phone: '',
  province: '',
  city: '',
  district: '',
  detail: '',
}

export async function refusalOf(ctx: Ctx): Promise<void> {
  const { db, openid } = ctx
  const _ = db.command
  const order = await first(
    db
      .collection('orders')
      .where({ openid, status: _.in(OPEN_ORDER_STATUSES) })
      .limit(1),
  )
  if (order) fail('ACCOUNT_ORDERS_OPEN')
  const open = await first(
    db
      .collection('aftersales')
      .where({ openid, status: _.nin([...aftersaleFinalStatuses]) })
      .limit(1),
  )
  if (open) fail('ACCOUNT_AFTERSALES_OPEN')
  const w = await byId<{ balance?: number; frozen?: number; bonus?: number }>(
    db.collection('wallets'),
    openid,
  )
  if ((w?.balance ?? 0) > 0 || (w?.frozen ?? 0) > 0 || (w?.bonus ?? 0) > 0) fail('ACCOUNT_WALLET_NOT_EMPTY')
}

const folderOf = (openid: string, area: string) => new RegExp(`^cloud://[^/]+/${area}/${openid}/`)

export async function deleteAccount(ctx: Ctx) {
  const { db, openid } = ctx
  const _ = db.command
  const at = ctx.now()
  await refusalOf(ctx)
  const user = await byId<UserDoc & { exportFile?: string }>(db.collection(USERS), openid)

  for (const coll of ['addresses', 'favorites', 'footprints'])
    await db.collection(coll).where({ openid }).remove()
  await db.collection('carts').where({ _id: openid }).remove()
  await db
    .collection('orders')
    .where({ openid })
    .update({ data: { address: _.set(ANONYMISED_ADDRESS), remark: '', anonymisedAt: at } })
  await db
    .collection('reviews')
    .where({ openid })
    .update({ data: { nickname: DELETED_NAME, avatar: '', anonymous: true } })
  const code = await byId<SmsCodeDoc>(db.collection(SMS_CODES), codeId(openid))
  const phoneDocs = [user?.phone?.h, code?.phoneHash].filter((h): h is string => !!h)
  if (phoneDocs.length)
    await db
      .collection(SMS_CODES)
      .where({ _id: _.in(phoneDocs), kind: 'phone' })
      .remove()
  await db.collection(SMS_CODES).where({ openid }).remove()
  // the avatar checks name the avatar files; the review and after-sales checks stay with their records
  await db.collection('mediaChecks').where({ openid, 'owner.collection': USERS }).remove()

  const files = [user?.avatar, user?.avatarPending, user?.exportFile].filter(
    (f): f is string => !!f && (folderOf(openid, 'avatar').test(f) || folderOf(openid, 'export').test(f)),
  )

  await inTransaction(
    db,
    async (t) => {
      const u = await txGet<UserDoc>(t, USERS, openid)
      if (!u) return
      const data: Record<string, unknown> = { deletedAt: at, updatedAt: at, exportFile: _.remove() }
      for (const f of PERSONAL_FIELDS) data[f] = _.remove()
      const h = u.phone?.h
      if (h) {
        const claim = await txGet<PhoneClaim>(t, PHONE_CLAIMS, h)
        if (claim?.openid === openid) await t.collection(PHONE_CLAIMS).doc(h).remove()
      }
      await t.collection(USERS).doc(openid).update({ data })
    },
    'member.delete',
  )
  if (files.length) {
    try {
      await getCloud().deleteFile({ fileList: files })
    } catch (e) {
      log('member.delete.files', { openid, error: e instanceof Error ? e.message : String(e) })
    }
  }
  log('member.deleted', { openid })
  return { deleted: true as const, deletedAt: at }
}

/** Every document of `collection` matching `where`, paged by _id (no 1,000 cap). */
export async function allOf<T>(ctx: Ctx, collection: string, where: object): Promise<T[]> {
  const _ = ctx.db.command
  const out: T[] = []
  let last = ''
  for (;;) {
    const page = await list<T & { _id: string }>(
      ctx.db
        .collection(collection)
        .where(last ? { ...where, _id: _.gt(last) } : where)
        .orderBy('_id', 'asc')
        .limit(100),
    )
    out.push(...page)
    if (page.length < 100) return out
    last = page[page.length - 1]!._id
  }
}
