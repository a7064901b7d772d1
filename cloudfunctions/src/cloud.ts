import cloud from 'wx-server-sdk'

let initialised = false

/** wx-server-sdk, initialised once per process for the environment the function runs in. */
export function getCloud(): typeof cloud {
  if (!initialised) {
    // DYNAMIC_CURRENT_ENV is a symbol the SDK resolves to the environment the function runs in.
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    initialised = true
  }
  return cloud
}

export type Database = ReturnType<typeof cloud.database>

export const getDb = (): Database => getCloud().database()

/** Who is calling, only ever from the platform (never from the event). */
export interface Identity {
  openid?: string
  unionid?: string
  appid?: string
  /** 'wx_client', 'wx_paycallback', 'wx_server', 'wx_http', or undefined for timers */
  source?: string
}

export function identify(): Identity {
  const ctx = getCloud().getWXContext() as Record<string, string | undefined>
  return {
    openid: ctx.OPENID || undefined,
    unionid: ctx.UNIONID || undefined,
    appid: ctx.APPID || undefined,
    source: ctx.SOURCE || undefined,
  }
}
