/**
 * Shopper text through `security.msgSecCheck` v2. WeChat answers errcode 0 even for violating text, so the
 * decision is `result.suggest`; anything but a clear `pass` refuses (fail closed).
 */
import { getCloud } from '../cloud'
import { fail } from '../errors'
import { log } from '../log'

/** msgSecCheck takes at most 2,500 characters per call. */
const CHUNK = 2500

interface MsgSecCheckResult {
  result?: { suggest?: string; label?: number }
}

type Openapi = { security: { msgSecCheck(p: object): Promise<MsgSecCheckResult> } }

/** scene: 1 profile, 2 comment (reviews, after-sales descriptions), 3 forum, 4 social log. */
export async function checkText(openid: string, content: string, scene: 1 | 2 | 3 | 4 = 2): Promise<void> {
  if (content.trim() === '') return
  const openapi = (getCloud() as unknown as { openapi: Openapi }).openapi
  for (let i = 0; i < content.length; i += CHUNK) {
    let res: MsgSecCheckResult
    try {
      res = await openapi.security.msgSecCheck({
        openid,
        scene,
        version: 2,
        content: content.slice(i, i + CHUNK),
      })
    } catch (e) {
      log('security.text.fail', { error: e instanceof Error ? e.message : String(e) })
      return fail('CONTENT_CHECK_FAILED')
    }
    const suggest = res?.result?.suggest
    if (suggest === 'risky' || suggest === 'review') {
      log('security.text.refused', { openid, suggest, label: res.result?.label })
      return fail('CONTENT_RISKY')
    }
    if (suggest !== 'pass') return fail('CONTENT_CHECK_FAILED')
  }
}
