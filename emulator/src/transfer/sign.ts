/**
 * WeChat Pay API v3 signatures, from WeChat's side: verify the merchant's `Authorization` header, sign answers
 * and notifications with the platform key, encrypt notification resources with the APIv3 key.
 * (pay.weixin.qq.com/doc/v3/merchant/4012365336 and 4012365342: SHA256-RSA2048, AEAD_AES_256_GCM.)
 */
import { createCipheriv, createSign, createVerify, randomBytes, type KeyObject } from 'node:crypto'

/** Answers and callbacks are stamped with real time: the merchant's SDK checks it against its own clock. */
const realSeconds = (): number => Math.floor(Date.now() / 1000)

export const MAX_CLOCK_SKEW_S = 300

export interface ParsedAuthorization {
  mchid: string
  serialNo: string
  nonce: string
  timestamp: string
  signature: string
}

const AUTH_RE = /^WECHATPAY2-SHA256-RSA2048\s+(.+)$/

export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  const m = header ? AUTH_RE.exec(header.trim()) : null
  if (!m) return undefined
  const kv: Record<string, string> = {}
  for (const part of m[1]!.split(',')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    kv[part.slice(0, eq).trim()] = part
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
  }
  const { mchid, serial_no: serialNo, nonce_str: nonce, timestamp, signature } = kv
  if (!mchid || !serialNo || !nonce || !timestamp || !signature) return undefined
  return { mchid, serialNo, nonce, timestamp, signature }
}

/** Why the request's signature is refused, or undefined when it is good. */
export function checkRequestSignature(
  o: { method: string; pathAndQuery: string; body: string; header: string | undefined },
  expect: { mchid: string; serial: string; publicKey: KeyObject },
): string | undefined {
  const a = parseAuthorization(o.header)
  if (!a) return 'Authorization 头缺失或格式错误'
  if (a.mchid !== expect.mchid) return `商户号 ${a.mchid} 与签名商户不符`
  if (a.serialNo !== expect.serial) return `证书序列号 ${a.serialNo} 无效`
  const ts = Number(a.timestamp)
  if (!Number.isInteger(ts) || Math.abs(realSeconds() - ts) > MAX_CLOCK_SKEW_S) return '请求时间戳已过期'
  const message = `${o.method.toUpperCase()}\n${o.pathAndQuery}\n${a.timestamp}\n${a.nonce}\n${o.body}\n`
  const ok = createVerify('RSA-SHA256').update(message).verify(expect.publicKey, a.signature, 'base64')
  return ok ? undefined : '签名错误'
}

/** The Wechatpay-* headers for an answer or a notification body. */
export function signedHeaders(body: string, platformKey: KeyObject, serial: string): Record<string, string> {
  const timestamp = String(realSeconds())
  const nonce = randomBytes(16).toString('hex')
  const signature = createSign('RSA-SHA256')
    .update(`${timestamp}\n${nonce}\n${body}\n`)
    .sign(platformKey, 'base64')
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Serial': serial,
    'Wechatpay-Signature': signature,
    'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
  }
}

/** AEAD_AES_256_GCM as in v3 notifications: ciphertext = base64(encrypted | 16-byte tag). */
export function encryptResource(
  plaintext: string,
  apiV3Key: string,
  associatedData: string,
): { algorithm: 'AEAD_AES_256_GCM'; ciphertext: string; nonce: string; associated_data: string } {
  const nonce = randomBytes(6).toString('hex') // 12 characters, used as the 12-byte IV as WeChat does
  const c = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'))
  c.setAAD(Buffer.from(associatedData, 'utf8'))
  const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final(), c.getAuthTag()])
  return {
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: body.toString('base64'),
    nonce,
    associated_data: associatedData,
  }
}
