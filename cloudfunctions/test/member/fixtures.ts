/** Member test helpers on top of the shared harness (emulator started with `seed: false`). */
import { PRIVACY_VERSION } from '@mall/contract'
import { ok, type TestEmulator } from '../helpers/emulator'

export const member = (n: number) => `o_test_member_${String(n).padStart(4, '0')}`

/** A 1x1 PNG: content security looks at the file name in the emulator, not the pixels. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

export const putAvatar = (t: TestEmulator, openid: string, name: string): string =>
  t.emu.storage.put(`avatar/${openid}/${name}`, PNG)

/** The member exists and agreed to the current privacy policy. */
export async function consented(t: TestEmulator, openid: string): Promise<void> {
  ok(await t.callAs(openid, 'member.me', {}))
  ok(await t.callAs(openid, 'member.privacy.agree', { version: PRIVACY_VERSION }))
}

/** The 6-digit code of the latest SMS the emulator delivered to `phone` (the shop sends +86 numbers). */
export function lastCode(t: TestEmulator, phone: string): string {
  const inbox = t.emu.openapi.sms(`+86${phone}`)
  const m = /验证码是(\d{6})/.exec(inbox[inbox.length - 1]?.content ?? '')
  if (!m) throw new Error(`no code sent to ${phone}`)
  return m[1]!
}

/** Sends a code to `phone` as `openid` and binds with it. */
export async function bindBySms(t: TestEmulator, openid: string, phone: string) {
  ok(await t.callAs(openid, 'member.phone.sendCode', { phone }))
  return t.callAs(openid, 'member.phone.bind', { phone, code: lastCode(t, phone) })
}
