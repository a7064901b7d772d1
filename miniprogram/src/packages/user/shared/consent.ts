import { PRIVACY_VERSION } from '@mall/contract'
import { ApiError, call } from '../../../api'
import { requirePrivacy } from '../../../stores/privacy'

/**
 * Runs a call that needs the privacy consent (phone binding): asks with the popup first (undefined when
 * refused); when the server has not recorded a consent the device holds (its record call failed), records
 * it and tries once more.
 */
export async function withConsent<T>(fn: () => Promise<T>): Promise<T | undefined> {
  if (!(await requirePrivacy())) return undefined
  try {
    return await fn()
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== 'PRIVACY_REQUIRED') throw e
    await call('member.privacy.agree', { version: PRIVACY_VERSION })
    return fn()
  }
}

export const asApiError = (e: unknown) => (e instanceof ApiError ? e : new ApiError('INTERNAL'))

export const PROFILE_PATH = '/packages/user/profile/index'
export const PHONE_PATH = '/packages/user/phone/index'
export const PRIVACY_PATH = '/packages/user/privacy/index'
