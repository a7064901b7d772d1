/**
 * Demo data of the member module: 演示顾客1 (o_demo_shopper_1) has agreed to the privacy policy and bound
 * 13800138001 (sealed deterministically, with its phone claim), and has a gender and birthday; every other
 * shopper is unbound, so the 绑定手机号 flow can be tried on a fresh `npm start`.
 */
import { PRIVACY_VERSION } from '@mall/contract'
import { sealDemoPhone } from '../src/pii/phone'
import { shopperOpenid } from './people'

const DAY = 86_400_000

type Collections = Record<string, object[]>

export function addMemberProfiles<C extends Collections>(base: number, c: C): C {
  const all: Collections = c
  const users = (all.users ??= []) as Array<Record<string, unknown>>
  const claims = (all.phoneClaims ??= [])
  const openid = shopperOpenid(1)
  const u = users.find((x) => x._id === openid)
  if (!u) return c
  // the claim is keyed by the same keyed hash the seal carries
  const sealed = sealDemoPhone('13800138001')
  const at = base + 2 * DAY
  Object.assign(u, {
    phone: sealed,
    phoneBoundAt: at,
    privacy: { version: PRIVACY_VERSION, agreedAt: base + DAY },
    gender: 1,
    birthday: '1992-06-18',
  })
  claims.push({ _id: sealed.h, openid, at })
  return c
}
