import * as v from 'valibot'
import { Empty, Id } from '../common'
import { action } from '../define'

export interface Address {
  id: string
  name: string
  phone: string
  province: string
  city: string
  district: string
  detail: string
  postalCode?: string
  isDefault: boolean
}

const Text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(max))

/** A mainland mobile number: 11 digits, 1 then 3-9. */
export const MOBILE_RE = /^1[3-9]\d{9}$/
/** A phone as a shopper types it or WeChat hands it: spaces, dashes and a +86 prefix dropped. */
export const normalizeMobile = (p: string): string => p.replace(/[\s-]/g, '').replace(/^\+?86/, '')
/** What the address form checks before sending, the same rule the server enforces. */
export const isMobilePhone = (p: string): boolean => p.length <= 20 && MOBILE_RE.test(normalizeMobile(p))

/**
 * A mainland mobile number as a shopper types or WeChat hands it (spaces, dashes, +86 allowed), answered in
 * its normal form `1xxxxxxxxxx`. The server seals it before it is stored (cloudfunctions/src/pii).
 */
export const MobilePhone = v.pipe(
  v.string(),
  v.maxLength(20, '手机号格式不正确'),
  v.transform(normalizeMobile),
  v.regex(MOBILE_RE, '请填写正确的11位手机号'),
)

/**
 * WeChat's address import (`chooseAddress`) maps straight onto this: userName -> name, telNumber -> phone,
 * provinceName/cityName/countyName -> province/city/district, detailInfo -> detail, postalCode.
 */
export const AddressInput = v.strictObject({
  id: v.optional(Id),
  name: Text(20),
  phone: MobilePhone,
  province: Text(20),
  city: Text(20),
  district: Text(20),
  detail: Text(120),
  postalCode: v.optional(v.pipe(v.string(), v.regex(/^[0-9]{0,10}$/, '邮编格式不正确'))),
  isDefault: v.optional(v.boolean()),
})

/** At most this many addresses per shopper. */
export const ADDRESS_MAX = 20

export const addressActions = {
  'address.list': action<Address[]>()({ fn: 'shop', audience: 'shopper', input: Empty }),
  'address.save': action<Address>()({ fn: 'shop', audience: 'shopper', input: AddressInput }),
  'address.remove': action<{ removed: boolean }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ id: Id }),
  }),
  'address.setDefault': action<Address>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ id: Id }),
  }),
}
