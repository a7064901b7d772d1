/**
 * SMS verification codes for phone binding, in `smsCodes` (never the number itself):
 *   <phone hash>               kind 'phone': the send times of the last hour (per-phone limits, any member)
 *   code_<openid>              kind 'code': the member's live code (the latest asked for): the phone's hash,
 *                              the code's keyed hash with its salt, expiry, tries spent
 *   day_<openid>_<YYYY-MM-DD>  kind 'day': codes the member asked for that Beijing day
 * Limits are checked and counted in one transaction, so concurrent requests cannot slip past them; the SMS
 * is sent after the commit.
 */
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import { getCloud } from '../cloud'
import { fail } from '../errors'
import { inTransaction, txGet } from '../flow/tx'
import { log } from '../log'
import { maskPhone, maskPhonesIn, MOBILE_RE, normalizePhone, phoneHash } from '../pii/phone'
import type { Ctx } from '../router'
import { SMS_CODES } from './model'
import { beijingDay, ensureMember } from './profile'

export const SMS = {
  codeTtlMs: 5 * 60_000,
  maxTries: 5,
  perPhoneMinute: 1,
  perPhoneHour: 5,
  perMemberDay: 10,
}

export interface SmsPhoneDoc {
  _id: string
  kind: 'phone'
  /** send times within the last hour, oldest first */
  sends: number[]
}

export interface SmsCodeDoc {
  _id: string
  kind: 'code'
  openid: string
  phoneHash: string
  /** keyed hash of salt + code */
  codeHash: string
  salt: string
  expiresAt: number
  tries: number
  usedAt?: number
}

export const codeId = (openid: string) => `code_${openid}`

export interface SmsDayDoc {
  _id: string
  kind: 'day'
  openid: string
  day: string
  count: number
  expiresAt: number
}

/** The number as stored and hashed, or PHONE_INVALID. */
export function mobileOf(input: string): string {
  const p = normalizePhone(input)
  return MOBILE_RE.test(p) ? p : fail('PHONE_INVALID')
}

// The pii hash key makes the code's hash useless to whoever reads the database (6 digits are a small space).
const hashCode = (salt: string, code: string) => phoneHash(`smscode:${salt}:${code}`)

const waitText = (ms: number): string => {
  const s = Math.max(1, Math.ceil(ms / 1000))
  if (s < 60) return `${s}秒`
  const m = Math.ceil(s / 60)
  if (m < 60) return `${m}分钟`
  const h = Math.floor(m / 60)
  return m % 60 ? `${h}小时${m % 60}分钟` : `${h}小时`
}

/** Milliseconds until the next Beijing midnight. */
const untilBeijingMidnight = (at: number): number => {
  const day = 86_400_000
  const local = at + 8 * 3_600_000
  return day - (local % day)
}

export async function sendCode(ctx: Ctx, rawPhone: string) {
  const phone = mobileOf(rawPhone)
  const at = ctx.now()
  const member = await ensureMember(ctx.db, ctx.openid, at)
  if (!member.privacy) fail('PRIVACY_REQUIRED')
  const hash = phoneHash(phone)
  const day = beijingDay(at)
  const dayId = `day_${ctx.openid}_${day}`
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  const salt = randomBytes(8).toString('hex')
  await inTransaction(
    ctx.db,
    async (t) => {
      const cur = await txGet<SmsPhoneDoc>(t, SMS_CODES, hash)
      const quota = await txGet<SmsDayDoc>(t, SMS_CODES, dayId)
      const sends = (cur?.sends ?? []).filter((s) => s > at - 3_600_000)
      const lastMinute = sends.filter((s) => s > at - 60_000)
      if (lastMinute.length >= SMS.perPhoneMinute)
        fail('SMS_TOO_FREQUENT', `验证码发送太频繁，请${waitText(lastMinute[0]! + 60_000 - at)}后再试`)
      if (sends.length >= SMS.perPhoneHour)
        fail(
          'SMS_HOURLY_LIMIT',
          `该手机号1小时内已获取${SMS.perPhoneHour}次验证码，请${waitText(sends[0]! + 3_600_000 - at)}后再试`,
        )
      if ((quota?.count ?? 0) >= SMS.perMemberDay)
        fail(
          'SMS_DAILY_LIMIT',
          `今日获取验证码已达${SMS.perMemberDay}次，请${waitText(untilBeijingMidnight(at))}后再试`,
        )
      const perPhone: Omit<SmsPhoneDoc, '_id'> = { kind: 'phone', sends: [...sends, at] }
      await t.collection(SMS_CODES).doc(hash).set({ data: perPhone })
      const doc: Omit<SmsCodeDoc, '_id'> = {
        kind: 'code',
        openid: ctx.openid,
        phoneHash: hash,
        codeHash: hashCode(salt, code),
        salt,
        expiresAt: at + SMS.codeTtlMs,
        tries: 0,
      }
      await t.collection(SMS_CODES).doc(codeId(ctx.openid)).set({ data: doc })
      const q: Omit<SmsDayDoc, '_id'> = {
        kind: 'day',
        openid: ctx.openid,
        day,
        count: (quota?.count ?? 0) + 1,
        expiresAt: at + 2 * 86_400_000,
      }
      await t.collection(SMS_CODES).doc(dayId).set({ data: q })
    },
    'member.sms.send',
  )
  await deliver(phone, code)
  log('member.sms.sent', { openid: ctx.openid, phone: maskPhone(phone) })
  return {
    sent: true as const,
    phone: maskPhone(phone),
    expiresInSeconds: SMS.codeTtlMs / 1000,
    resendInSeconds: 60,
  }
}

type SmsApi = {
  cloudbase: { sendSms(p: object): Promise<{ sendStatusList?: Array<{ code?: string }> }> }
}

async function deliver(phone: string, code: string): Promise<void> {
  const cloud = getCloud()
  const openapi = (cloud as unknown as { openapi: SmsApi }).openapi
  const env = (cloud.getWXContext() as { ENV?: string }).ENV
  try {
    const res = await openapi.cloudbase.sendSms({
      env,
      content: `您的验证码是${code}，5分钟内有效。请勿告诉他人。`,
      phoneNumberList: [`+86${phone}`],
    })
    const status = res?.sendStatusList?.[0]?.code
    if (status && status !== 'Ok') throw new Error(`send status ${status}`)
  } catch (e) {
    // The attempt still counts against the limits: a failing channel must not become a free retry loop.
    log('member.sms.fail', {
      phone: maskPhone(phone),
      // an API error may echo its parameters: never a plain number in the logs
      error: maskPhonesIn(e instanceof Error ? e.message : String(e)),
    })
    fail('SMS_SEND_FAILED')
  }
}

/**
 * Checks the code inside the caller's transaction: a wrong code spends a try (written by the caller on
 * `wrong`), the fifth wrong one kills the code. Returns what to write.
 */
export function judgeCode(
  doc: SmsCodeDoc | null,
  phoneHash: string,
  code: string,
  at: number,
): { ok: true } | { ok: false; tries: number } {
  // The code was sent to another number (or none is live): the shopper must ask for one for this phone.
  if (!doc || doc.kind !== 'code' || doc.phoneHash !== phoneHash || doc.usedAt)
    return fail('SMS_CODE_MISSING')
  if (doc.tries >= SMS.maxTries) return fail('SMS_CODE_DEAD')
  if (at > doc.expiresAt) return fail('SMS_CODE_EXPIRED')
  const a = Buffer.from(hashCode(doc.salt, code))
  const b = Buffer.from(doc.codeHash)
  if (a.length === b.length && timingSafeEqual(a, b)) return { ok: true }
  return { ok: false, tries: doc.tries + 1 }
}

export const wrongCodeMessage = (tries: number): string =>
  tries >= SMS.maxTries ? '验证码错误次数过多，请重新获取' : `验证码错误，还可尝试${SMS.maxTries - tries}次`
