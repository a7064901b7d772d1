/**
 * wx.cloud.callFunction on the device: the real function on the emulator, invoked as the WeChat user of the
 * phone (openid from the WeChat context, as on CloudBase; no gateway, no dev header). Every answer is
 * recorded with the envelope's refusal code, and how many calls are in flight is known (settle waits).
 */
import type { Emulator } from '../../emulator/src'

export interface CloudCall {
  name: string
  action?: string
  /** the function answered (false: it threw or timed out) */
  ok: boolean
  /** why the call threw */
  error?: string
  /** the envelope's error code when the function refused (ok: false) */
  code?: string
  /** the page on top when the call was made */
  route?: string
  ms: number
}

export class Cloud {
  readonly calls: CloudCall[] = []
  inflight = 0

  constructor(
    private readonly emu: Emulator,
    /** told when an answer reached the app (waits re-check then) */
    private readonly answered: () => void,
  ) {}

  async call(name: string, data: unknown, openid: string, route?: string): Promise<unknown> {
    const who = this.emu.identities.find((i) => i.openid === openid)
    const action = (data as { action?: string })?.action
    const started = Date.now()
    this.inflight++
    try {
      // through JSON, as over the wire
      const r = await this.emu.functions.invokeWithInfo(name, JSON.parse(JSON.stringify(data)), {
        openid,
        unionid: who?.unionid,
        source: 'wx_client',
        clientIp: '127.0.0.1',
      })
      const env = r.result as { ok?: boolean; code?: string } | null
      const code = env?.ok === false ? String(env.code) : undefined
      this.calls.push({ name, action, ok: true, code, route, ms: Date.now() - started })
      return r.result
    } catch (e) {
      const error = String((e as Error)?.message ?? e)
      this.calls.push({ name, action, ok: false, error, route, ms: Date.now() - started })
      throw e
    } finally {
      this.inflight--
      // the app sees the answer on a later tick
      setTimeout(this.answered, 0)
    }
  }
}
