/** The real wx-server-sdk 4.0.2 in this jest process, talking to a services emulator as a given identity. */
import { loadSdk, sdkEnv } from '../conformance/harness'
import { ENV_ID, type Services } from './start'

/* eslint-disable @typescript-eslint/no-explicit-any */
export function sdkFor(s: Services, openid = 'o_shopper_0001'): any {
  sdkEnv(s.url)
  const token = `tok-${openid}`
  s.tokens.set(token, { openid, appid: 'wx0000000000000000', functionName: 'shop' })
  process.env.WX_API_TOKEN = token
  process.env.WX_OPENID = openid
  const cloud = loadSdk('4.0.2')
  cloud.init({ env: ENV_ID })
  return cloud
}

export async function http(
  s: Services,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string; json: any; headers: Headers }> {
  const init: RequestInit = { method, headers: { ...headers }, redirect: 'manual' }
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body)
    if (typeof body !== 'string')
      (init.headers as Record<string, string>)['content-type'] = 'application/json'
  }
  const r = await fetch(`${s.url}${path}`, init)
  const text = await r.text()
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: r.status, text, json, headers: r.headers }
}
