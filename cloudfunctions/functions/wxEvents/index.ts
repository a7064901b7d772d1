import { getDb, identify } from '../../src/cloud'
import { now } from '../../src/clock'
import { log } from '../../src/log'
import { applyMediaVerdict } from '../../src/security/media'
import './owners'

/** A shopper's own callFunction always carries one of these in SOURCE (also down a chain: `wx_client,scf`). */
const CLIENT_SOURCES = ['wx_client', 'wx_devtools', 'wx_localdebug']

/**
 * Message push (消息推送) from WeChat's server, routed here by the environment's console (see
 * cloudfunctions/message-push.json). Any signed-in user can invoke any function, so an event sent by a client
 * is a forgery and changes nothing. WeChat retries anything but 'success'.
 */
export async function main(event: unknown): Promise<string> {
  const source = identify().source ?? ''
  const e = (event && typeof event === 'object' ? event : {}) as Record<string, unknown>
  if (source.split(',').some((s) => CLIENT_SOURCES.includes(s))) {
    log('wxEvents.refused', { source, event: String(e.Event ?? '') })
    return 'success'
  }
  if (e.Event === 'wxa_media_check') {
    await applyMediaVerdict(getDb(), event, now())
    return 'success'
  }
  log('wxEvents.unknown', { msgType: String(e.MsgType ?? ''), event: String(e.Event ?? '') })
  return 'success'
}
