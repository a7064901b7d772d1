import * as dev from './devkeys'

/**
 * The merchant's WeChat Pay API v3 configuration, from the function environment (CloudBase console ->
 * 云函数 -> 函数配置 -> 环境变量), for `shop`, `admin`, `cron` and `transferNotify`:
 *
 *   MALL_WXPAY_MCHID                  商户号
 *   MALL_WXPAY_SERIAL                 the merchant API certificate's serial number
 *   MALL_WXPAY_PRIVATE_KEY            the merchant API private key (apiclient_key.pem, PEM text)
 *   MALL_WXPAY_PLATFORM_PUBLIC_KEY    微信支付公钥 (PEM text), verifies answers and notifications
 *   MALL_WXPAY_PLATFORM_PUBLIC_KEY_ID its id (PUB_KEY_ID_...), the Wechatpay-Serial it signs with
 *   MALL_WXPAY_APIV3_KEY              the 32-character APIv3 key, decrypts notification resources
 *   MALL_WXPAY_BASE_URL               default https://api.mch.weixin.qq.com/
 *   MALL_WXPAY_APPID                  the mini-program's appid (default: the caller's, from the WeChat context)
 *   MALL_TRANSFER_NOTIFY_URL          the HTTP access path of transferNotify (https://<env>.service.tcloudbase.com/transferNotify)
 *   MALL_TRANSFER_SCENE_ID            转账场景 id, default 1000 (现金营销), with its two report infos
 *
 * In the emulator (MALL_EMULATOR=1) every missing one falls back to the transfer sandbox's development keys
 * and to the emulator's own URL (the one the SDK already talks to); anywhere else a missing one is an error.
 */
export interface TransferConfig {
  mchid: string
  serial: string
  privateKey: string
  platformKeyId: string
  platformPublicKey: string
  apiV3Key: string
  baseURL: string
  notifyUrl?: string
  appid?: string
  sceneId: string
  /** the emulator's own URL, for the h5 confirm page; undefined outside the emulator */
  emulatorUrl?: string
}

/** The emulator's base URL, from the SDK's own configuration (TCB_CONTEXT_CNFG.URL = <emulator>/admin). */
function emulatorOrigin(): string | undefined {
  try {
    const url = (JSON.parse(process.env.TCB_CONTEXT_CNFG ?? '{}') as { URL?: string }).URL
    return url ? new URL(url).origin : undefined
  } catch {
    return undefined
  }
}

export class TransferNotConfigured extends Error {}

export function transferConfig(): TransferConfig {
  const env = process.env
  const emu = env.MALL_EMULATOR === '1'
  const origin = emu ? emulatorOrigin() : undefined
  const pick = (name: string, fallback: string | undefined): string => {
    const v = env[name] || (emu ? fallback : undefined)
    if (!v) throw new TransferNotConfigured(`${name} is not set`)
    return v
  }
  return {
    mchid: pick('MALL_WXPAY_MCHID', dev.DEV_MCHID),
    serial: pick('MALL_WXPAY_SERIAL', dev.DEV_MERCHANT_SERIAL),
    privateKey: pick('MALL_WXPAY_PRIVATE_KEY', dev.DEV_MERCHANT_PRIVATE_KEY).replace(/\\n/g, '\n'),
    platformKeyId: pick('MALL_WXPAY_PLATFORM_PUBLIC_KEY_ID', dev.DEV_PLATFORM_KEY_ID),
    platformPublicKey: pick('MALL_WXPAY_PLATFORM_PUBLIC_KEY', dev.DEV_PLATFORM_PUBLIC_KEY).replace(
      /\\n/g,
      '\n',
    ),
    apiV3Key: pick('MALL_WXPAY_APIV3_KEY', dev.DEV_APIV3_KEY),
    baseURL: env.MALL_WXPAY_BASE_URL || (origin ? `${origin}/` : 'https://api.mch.weixin.qq.com/'),
    notifyUrl: env.MALL_TRANSFER_NOTIFY_URL || (origin ? `${origin}/__http/transferNotify` : undefined),
    appid: env.MALL_WXPAY_APPID || undefined,
    sceneId: env.MALL_TRANSFER_SCENE_ID || '1000',
    emulatorUrl: origin,
  }
}
