/**
 * Data export (个人信息副本): everything the mall holds about the member as one JSON file in storage,
 * `export/<openid>/<time>.json`, handed out as a temporary URL (1 hour). Phones are opened here (it is the
 * member's own copy); the previous export file is deleted when a new one is written.
 */
import { PRIVACY_VERSION } from '@mall/contract'
import { getCloud } from '../cloud'
import { byId } from '../db'
import { fail } from '../errors'
import { log } from '../log'
import { isSealedPhone, openPhone } from '../pii/phone'
import type { Ctx } from '../router'
import { allOf } from './account'
import { ms, USERS, type UserDoc } from './model'
import { ensureMember } from './profile'

const URL_SECONDS = 3600

/** Any sealed phone inside a document, opened (the member's own copy); internal hashes dropped. */
function openPhones(v: unknown): unknown {
  if (isSealedPhone(v)) return openPhone(v)
  if (Array.isArray(v)) return v.map(openPhones)
  if (v instanceof Date) return v.toISOString()
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, openPhones(x)]))
  return v
}

export async function exportData(ctx: Ctx) {
  const { db, openid } = ctx
  const at = ctx.now()
  await ensureMember(db, openid, at)
  const u = (await byId<UserDoc & { exportFile?: string }>(db.collection(USERS), openid))!
  const by = { openid }
  const [addresses, orders, aftersales, reviews, ledger, pointsLedger, coupons, favorites, footprints] =
    await Promise.all([
      allOf(ctx, 'addresses', by),
      allOf(ctx, 'orders', by),
      allOf(ctx, 'aftersales', by),
      allOf(ctx, 'reviews', by),
      allOf(ctx, 'ledger', { walletId: openid }),
      allOf(ctx, 'pointsLedger', by),
      allOf(ctx, 'coupons', by),
      allOf(ctx, 'favorites', by),
      allOf(ctx, 'footprints', by),
    ])
  const wallet = await byId(db.collection('wallets'), openid)
  const cart = await byId(db.collection('carts'), openid)
  const doc = {
    format: 'mall-member-export/1',
    exportedAt: new Date(at).toISOString(),
    privacyPolicyVersion: PRIVACY_VERSION,
    profile: {
      openid,
      ...(u.unionid ? { unionid: u.unionid } : {}),
      nickname: u.nickname ?? '',
      avatar: u.avatar ?? '',
      gender: u.gender ?? 0,
      birthday: u.birthday ?? '',
      phone: u.phone ? openPhone(u.phone) : '',
      level: u.level ?? 0,
      growth: u.growth ?? 0,
      points: u.points ?? 0,
      privacy: u.privacy ?? null,
      createdAt: new Date(ms(u.createdAt)).toISOString(),
    },
    addresses,
    orders,
    aftersales,
    reviews,
    wallet: wallet ?? null,
    ledger,
    pointsLedger,
    coupons,
    cart: cart ?? null,
    favorites,
    footprints,
  }
  const body = Buffer.from(JSON.stringify(openPhones(doc), null, 2), 'utf8')
  const cloud = getCloud()
  const cloudPath = `export/${openid}/${at}.json`
  let fileID: string
  try {
    fileID = (await cloud.uploadFile({ cloudPath, fileContent: body })).fileID
  } catch (e) {
    log('member.export.fail', { openid, error: e instanceof Error ? e.message : String(e) })
    return fail('INTERNAL')
  }
  await db
    .collection(USERS)
    .doc(openid)
    .update({ data: { exportFile: fileID, exportedAt: at } })
  if (u.exportFile && u.exportFile !== fileID) {
    try {
      await cloud.deleteFile({ fileList: [u.exportFile] })
    } catch {
      // an old export left behind is deleted with the account at the latest
    }
  }
  const res = (await cloud.getTempFileURL({ fileList: [{ fileID, maxAge: URL_SECONDS }] })) as {
    fileList: Array<{ status: number; tempFileURL: string }>
  }
  const url = res.fileList[0]?.status === 0 ? res.fileList[0].tempFileURL : ''
  if (!url) fail('INTERNAL')
  log('member.export', { openid, bytes: body.length })
  return { url, expiresAt: at + URL_SECONDS * 1000, bytes: body.length }
}
