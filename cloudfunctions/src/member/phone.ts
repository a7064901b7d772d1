/**
 * Binding a phone: by SMS code or by WeChat's phone button. One phone belongs to one member: the claim
 * `phoneClaims/<phone hash>` is created in the same transaction that writes users.phone, so of two members
 * binding one phone at once exactly one commits (the other's transaction reads the claim and is refused
 * with PHONE_TAKEN). Rebinding releases the old phone's claim in that transaction.
 */
import { getCloud } from '../cloud'
import { AppError, fail } from '../errors'
import { inTransaction, txGet, type Tx } from '../flow/tx'
import { log } from '../log'
import { maskPhone, maskPhonesIn, phoneHash, sealPhone } from '../pii/phone'
import type { Ctx } from '../router'
import { PHONE_CLAIMS, SMS_CODES, USERS, type PhoneClaim, type UserDoc } from './model'
import { ensureMember } from './profile'
import { codeId, judgeCode, mobileOf, wrongCodeMessage, type SmsCodeDoc } from './sms'

/** Inside a transaction: claims `phone` for `openid`, writes users.phone, releases the previous phone. */
async function claimPhone(t: Tx, openid: string, phone: string, at: number): Promise<void> {
  const hash = phoneHash(phone)
  const user = await txGet<UserDoc>(t, USERS, openid)
  if (!user) fail('NOT_FOUND')
  const claim = await txGet<PhoneClaim>(t, PHONE_CLAIMS, hash)
  if (claim && claim.openid !== openid) fail('PHONE_TAKEN')
  if (claim && user!.phone?.h === hash) return
  const old = user!.phone?.h
  if (old && old !== hash) {
    const oldClaim = await txGet<PhoneClaim>(t, PHONE_CLAIMS, old)
    if (oldClaim?.openid === openid) await t.collection(PHONE_CLAIMS).doc(old).remove()
  }
  await t.collection(PHONE_CLAIMS).doc(hash).set({ data: { openid, at } })
  await t
    .collection(USERS)
    .doc(openid)
    .update({ data: { phone: sealPhone(phone), phoneBoundAt: at, updatedAt: at } })
}

async function requireConsent(ctx: Ctx, at: number): Promise<void> {
  const member = await ensureMember(ctx.db, ctx.openid, at)
  if (!member.privacy) fail('PRIVACY_REQUIRED')
}

export async function bindBySms(ctx: Ctx, rawPhone: string, code: string) {
  const phone = mobileOf(rawPhone)
  const at = ctx.now()
  await requireConsent(ctx, at)
  const hash = phoneHash(phone)
  // A wrong code must spend its try even though the answer is a refusal: the transaction writes the try
  // and returns the refusal, thrown after the commit.
  const wrong = await inTransaction(
    ctx.db,
    async (t) => {
      const doc = await txGet<SmsCodeDoc>(t, SMS_CODES, codeId(ctx.openid))
      const verdict = judgeCode(doc, hash, code, at)
      if (!verdict.ok) {
        await t
          .collection(SMS_CODES)
          .doc(codeId(ctx.openid))
          .update({ data: { tries: verdict.tries } })
        return verdict.tries
      }
      await claimPhone(t, ctx.openid, phone, at)
      await t
        .collection(SMS_CODES)
        .doc(codeId(ctx.openid))
        .update({ data: { usedAt: at } })
      return 0
    },
    'member.phone.bind',
  )
  if (wrong > 0) {
    log('member.phone.wrongCode', { openid: ctx.openid, phone: maskPhone(phone), tries: wrong })
    throw new AppError(wrong >= 5 ? 'SMS_CODE_DEAD' : 'SMS_CODE_WRONG', wrongCodeMessage(wrong))
  }
  log('member.phone.bound', { openid: ctx.openid, phone: maskPhone(phone), by: 'sms' })
  return { phone: maskPhone(phone) }
}

type PhoneApi = {
  phonenumber: {
    getPhoneNumber(p: object): Promise<{
      phoneInfo?: { purePhoneNumber?: string; countryCode?: string }
      phone_info?: { purePhoneNumber?: string; countryCode?: string }
    }>
  }
}

/** errcode of phonenumber.getPhoneNumber when the mini-program's free quota is used up. */
const QUOTA_EXHAUSTED = 1400001

export async function bindByWechat(ctx: Ctx, code: string) {
  const at = ctx.now()
  await requireConsent(ctx, at)
  const openapi = (getCloud() as unknown as { openapi: PhoneApi }).openapi
  let pure: string | undefined
  let country: string | undefined
  try {
    const res = await openapi.phonenumber.getPhoneNumber({ code })
    const info = res?.phoneInfo ?? res?.phone_info
    pure = info?.purePhoneNumber
    country = info?.countryCode
  } catch (e) {
    const err = e as { errCode?: number; errcode?: number; message?: string }
    const errCode = err.errCode ?? err.errcode
    log('member.phone.wechatFail', {
      openid: ctx.openid,
      errCode,
      error: maskPhonesIn(String(err.message ?? e)),
    })
    if (errCode === QUOTA_EXHAUSTED || String(err.message ?? '').includes(String(QUOTA_EXHAUSTED)))
      fail('WECHAT_PHONE_QUOTA')
    fail('WECHAT_PHONE_FAILED')
  }
  if (country && country !== '86') fail('PHONE_INVALID', '目前仅支持中国大陆手机号')
  const phone = mobileOf(pure ?? '')
  await inTransaction(ctx.db, (t) => claimPhone(t, ctx.openid, phone, at), 'member.phone.bindWechat')
  log('member.phone.bound', { openid: ctx.openid, phone: maskPhone(phone), by: 'wechat' })
  return { phone: maskPhone(phone) }
}
