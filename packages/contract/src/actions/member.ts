import * as v from 'valibot'
import { action } from '../define'
import { PhotoFileId } from './aftersale'

/**
 * The member: profile, privacy consent, phone binding, account deletion and data export, always the caller's
 * own (the openid comes from the platform). `member.me` is the me page's one call and creates the member on
 * first contact.
 */

export { PRIVACY_VERSION } from '../privacy'

export interface MemberProfile {
  nickname: string
  /** URL of the avatar that passed content security ('' = default avatar) */
  avatar: string
  /** a new avatar is waiting for its content-security verdict (show the old one with 审核中) */
  avatarPending: boolean
  gender: 0 | 1 | 2
  /** 'YYYY-MM-DD' or '' */
  birthday: string
  /** 138****0001, '' when no phone is bound */
  phone: string
  phoneBound: boolean
  level: number
  growth: number
  points: number
  privacy: { version: string; agreedAt: number } | null
  /** the recorded consent is for the current PRIVACY_VERSION */
  privacyCurrent: boolean
  createdAt: number
}

/** Mainland mobile, as typed (spaces, dashes and +86 are stripped and the number re-checked on the server). */
const PhoneInput = v.pipe(
  v.string(),
  v.minLength(11),
  v.maxLength(20),
  v.regex(/^[+\d\s-]+$/, '手机号格式不正确'),
)
const SmsCode = v.pipe(v.string(), v.regex(/^\d{6}$/, '请输入6位验证码'))

/** A real calendar date between 1900-01-01 and 2100-12-31 (the server also refuses a future birthday). */
export const BirthdaySchema = v.pipe(
  v.string(),
  v.regex(/^(19|20)\d{2}-\d{2}-\d{2}$/, '生日格式应为 YYYY-MM-DD'),
  v.check((s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
  }, '生日不是有效日期'),
)

export const NicknameSchema = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, '昵称不能为空'),
  v.maxLength(20, '昵称最多20个字'),
)

export const memberSelfActions = {
  /** Creates users/<openid> on first contact (idempotent) and answers the profile. */
  'member.me': action<MemberProfile>()({ fn: 'shop', audience: 'shopper', input: v.strictObject({}) }),
  /** Records the consent to the privacy policy `version` (users.privacy). */
  'member.privacy.agree': action<{ privacy: { version: string; agreedAt: number } }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({
      version: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, '版本格式不正确')),
    }),
  }),
  /**
   * Sends a 6-digit code (valid 5 minutes, 5 tries). Limits: 1 a minute and 5 an hour per phone, 10 a day
   * (Beijing time) per member; each refusal has its own code and says how long to wait.
   */
  'member.phone.sendCode': action<{
    sent: true
    phone: string
    expiresInSeconds: number
    resendInSeconds: number
  }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ phone: PhoneInput }),
  }),
  /** Binds the phone the code was sent to; one phone belongs to one member (PHONE_TAKEN). */
  'member.phone.bind': action<{ phone: string }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ phone: PhoneInput, code: SmsCode }),
  }),
  /** Binds the phone from WeChat's phone button (`getPhoneNumber` code, exchanged on the server). */
  'member.phone.bindWechat': action<{ phone: string }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({
      code: v.pipe(
        v.string(),
        v.minLength(1),
        v.maxLength(128),
        v.regex(/^[A-Za-z0-9:+_-]+$/, '授权码格式不正确'),
      ),
    }),
  }),
  /**
   * Any of the fields; the nickname goes through msgSecCheck, a new avatar (a fileID in `avatar/<openid>/`)
   * through the media check and shows once it passed.
   */
  'member.profile.update': action<MemberProfile>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.pipe(
      v.strictObject({
        nickname: v.optional(NicknameSchema),
        avatar: v.optional(PhotoFileId),
        gender: v.optional(v.picklist([0, 1, 2])),
        birthday: v.optional(BirthdaySchema),
      }),
      v.check((o) => Object.keys(o).length > 0, '没有要修改的内容'),
    ),
  }),
  /**
   * Erases the member's personal data; refused while an order or an after-sales request is open or the
   * wallet holds money. Orders, payments and ledgers stay (anonymised) for the books.
   */
  'member.account.delete': action<{ deleted: true; deletedAt: number }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ confirm: v.literal(true) }),
  }),
  /** Everything the mall holds about the member as one JSON file, through a temporary URL. */
  'member.export': action<{ url: string; expiresAt: number; bytes: number }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({}),
  }),
}
