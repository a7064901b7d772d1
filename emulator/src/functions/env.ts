import type { InvokeOptions } from '../core/types'

/** What every SCF process of this emulator shares (PROTOCOL §1.5). */
export interface BaseEnvOptions {
  serverUrl: string
  envId: string
  region?: string
}

export const TCB_CONTEXT_KEYS =
  'TCB_ENV,TCB_SEQID,TRIGGER_SRC,TCB_ISANONYMOUS_USER,TCB_SESSIONTOKEN,TCB_SOURCE'

/** Dummy credentials: node-sdk refuses to send without them, the emulator never checks them. */
export function baseEnv(o: BaseEnvOptions): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${o.serverUrl}/admin` }),
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    TENCENTCLOUD_SESSIONTOKEN: 'local-session-token',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: o.region ?? 'ap-shanghai',
    SCF_NAMESPACE: o.envId,
    TCB_ENV: o.envId,
    SILENCE: 'true',
    MALL_EMULATOR: '1',
  }
}

export interface IdentityEnvOptions extends InvokeOptions {
  /** The per-invocation (or per-client) WX_API_TOKEN. */
  token: string
  functionName?: string
  requestId: string
  clockOffsetMs: number
  clientIpV6?: string
}

/**
 * The identity part of the env. `null` means "remove the variable": the worker restores the previous
 * environment afterwards, so a timer run does not inherit the last shopper's OPENID.
 */
export function identityEnv(o: IdentityEnvOptions): Record<string, string | null> {
  const timer = o.triggerSrc === 'timer'
  const clientIp = o.clientIp ?? '127.0.0.1'
  const keys = ['WX_CLIENTIP', 'WX_CLIENTIPV6', 'WX_APPID']
  if (o.openid) keys.push('WX_OPENID')
  if (o.unionid) keys.push('WX_UNIONID')
  keys.push('WX_API_TOKEN')
  return {
    SCF_FUNCTIONNAME: o.functionName ?? null,
    TCB_CONTEXT_KEYS,
    TCB_SEQID: o.requestId,
    TRIGGER_SRC: timer ? 'timer' : 'tcb',
    TCB_ISANONYMOUS_USER: 'false',
    TCB_SESSIONTOKEN: 'local-tcb-session-token',
    // Timer runs have no client source (the functions treat SOURCE === undefined as "timer").
    TCB_SOURCE: o.source ?? (timer ? null : 'wx_client'),
    WX_CONTEXT_KEYS: keys.join(','),
    WX_OPENID: o.openid ?? null,
    WX_APPID: o.appid ?? null,
    WX_UNIONID: o.unionid ?? null,
    WX_CLIENTIP: clientIp,
    WX_CLIENTIPV6: o.clientIpV6 ?? (clientIp.includes(':') ? clientIp : `::ffff:${clientIp}`),
    WX_API_TOKEN: o.token,
    WX_TRIGGER_API_TOKEN_V0: timer ? o.token : null,
    MALL_CLOCK_OFFSET_MS: String(o.clockOffsetMs),
  }
}

/** Sets env vars for the duration of `fn` and restores them, also when it throws. */
export async function withSdkEnv<T>(
  env: Record<string, string | null>,
  fn: () => Promise<T> | T,
): Promise<T> {
  const saved: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k]
    if (v === null) delete process.env[k]
    else process.env[k] = v
  }
  try {
    return await fn()
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
}
