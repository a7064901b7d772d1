import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'

/**
 * Phone numbers at rest: AES-256-GCM ciphertext with the id of the key that sealed it (keys rotate: new
 * seals use the first key, old ones still open with theirs), a keyed hash (HMAC-SHA256) for look-ups and
 * uniqueness, and the mask that lists and logs show. Nothing stores or logs the plain number.
 *
 * Keys come from the function environment:
 *   MALL_PII_KEYS      "<id>:<base64 32 bytes>[,<id>:<base64>...]", the first seals
 *   MALL_PII_HASH_KEY  base64, at least 32 bytes (changing it means re-hashing every phone: see README)
 * The emulator (MALL_EMULATOR=1) falls back to fixed development keys; anywhere else a missing key fails.
 */
export interface SealedPhone {
  /** base64(iv 12 | tag 16 | ciphertext) */
  c: string
  /** key id */
  k: string
  /** HMAC-SHA256(phone), base64url (base64, not hex: hex digits could spell a phone number) */
  h: string
  /** 138****0001 */
  m: string
}

const DEV_KEYS = 'dev1:' + Buffer.alloc(32, 7).toString('base64')
const DEV_HASH_KEY = Buffer.alloc(32, 11).toString('base64')

interface Keys {
  current: string
  byId: Map<string, Buffer>
  hash: Buffer
}

let cached: { raw: string; keys: Keys } | undefined

/** `dev`: whether the fixed development keys may stand in for missing ones (the emulator, its seed). */
function keys(dev = process.env.MALL_EMULATOR === '1'): Keys {
  const rawKeys = process.env.MALL_PII_KEYS || (dev ? DEV_KEYS : '')
  const rawHash = process.env.MALL_PII_HASH_KEY || (dev ? DEV_HASH_KEY : '')
  const raw = `${rawKeys}|${rawHash}`
  if (cached?.raw === raw) return cached.keys
  if (!rawKeys || !rawHash) throw new Error('MALL_PII_KEYS and MALL_PII_HASH_KEY must be set')
  const byId = new Map<string, Buffer>()
  let current = ''
  for (const part of rawKeys.split(',')) {
    const [id, b64] = part.split(':')
    const key = Buffer.from(b64 ?? '', 'base64')
    if (!id || key.length !== 32) throw new Error(`MALL_PII_KEYS: key "${id ?? ''}" must be 32 bytes`)
    byId.set(id, key)
    current ||= id
  }
  const hash = Buffer.from(rawHash, 'base64')
  if (hash.length < 32) throw new Error('MALL_PII_HASH_KEY must be at least 32 bytes')
  cached = { raw, keys: { current, byId, hash } }
  return cached.keys
}

/** Mainland mobile numbers, the form every phone is normalised to before sealing or hashing. */
export const MOBILE_RE = /^1[3-9]\d{9}$/

export const normalizePhone = (p: string): string => p.replace(/[\s-]/g, '').replace(/^\+?86/, '')

/**
 * What gets sealed: a mobile number in its normal form (so equal numbers are equal everywhere), anything
 * else (a landline such as a return address's 021-55550000) as typed, since its punctuation helps a reader.
 */
const canonicalPhone = (phone: string): string => {
  const n = normalizePhone(phone)
  return MOBILE_RE.test(n) ? n : phone.trim()
}

export const maskPhone = (p: string): string =>
  p.length >= 7 ? p.slice(0, 3) + '****' + p.slice(-4) : '****'

export const phoneHash = (phone: string): string =>
  createHmac('sha256', keys().hash).update(normalizePhone(phone)).digest('base64url')

export function sealPhone(phone: string): SealedPhone {
  return sealWith(keys(), canonicalPhone(phone), randomBytes(12))
}

/**
 * For the demo seed and test fixtures, which must come out byte-identical run after run and are written by
 * a process that is not a function (so without MALL_EMULATOR): the development keys stand in for missing
 * ones, as they do in the emulator's functions, and the IV is derived from the key and the number (the
 * synthetic-IV idea of AES-GCM-SIV), so one (key, IV) pair never covers two different numbers. Equal numbers
 * get equal ciphertexts, which the hash reveals anyway. Never for data a shopper typed: use sealPhone.
 */
export function sealDemoPhone(phone: string): SealedPhone {
  const k = keys(true)
  const p = canonicalPhone(phone)
  const iv = createHmac('sha256', k.hash).update(`iv|${k.current}|${p}`).digest().subarray(0, 12)
  return sealWith(k, p, iv)
}

function sealWith(k: Keys, p: string, iv: Buffer): SealedPhone {
  const cipher = createCipheriv('aes-256-gcm', k.byId.get(k.current)!, iv)
  const body = Buffer.concat([cipher.update(p, 'utf8'), cipher.final()])
  return {
    c: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
    k: k.current,
    h: createHmac('sha256', k.hash).update(normalizePhone(p)).digest('base64url'),
    m: maskPhone(normalizePhone(p)),
  }
}

export function openPhone(s: SealedPhone): string {
  const key = keys().byId.get(s.k)
  if (!key) throw new Error(`phone sealed with unknown key ${s.k}`)
  const raw = Buffer.from(s.c, 'base64')
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12))
  decipher.setAuthTag(raw.subarray(12, 28))
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
}

export const isSealedPhone = (x: unknown): x is SealedPhone =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as SealedPhone).c === 'string' &&
  typeof (x as SealedPhone).k === 'string' &&
  typeof (x as SealedPhone).h === 'string'

/**
 * Re-seals with the current keys (rotation, see jobs/pii.ts): undefined when the seal is current, that is
 * made with the first key of MALL_PII_KEYS and hashed with the current MALL_PII_HASH_KEY.
 */
export function resealPhone(s: SealedPhone): SealedPhone | undefined {
  const k = keys()
  if (s.k === k.current && s.h === phoneHash(openPhone(s))) return undefined
  return sealPhone(openPhone(s))
}

/**
 * A phone as a document holds it: sealed, or, in documents written before phones were sealed and not yet
 * migrated (jobs/pii.ts), the plain string. Readers accept both so a deploy can precede the migration.
 */
export type StoredPhone = SealedPhone | string

/**
 * The number itself, for the one person who must see it (the shopper's own pages, the ship form). A seal
 * nobody can open any more (its key retired before the rotation reached it) shows its mask instead of
 * failing the whole page; the migration job reports such seals.
 */
export function showPhone(p: StoredPhone | undefined | null): string {
  if (typeof p === 'string') return p
  if (!isSealedPhone(p)) return ''
  try {
    return openPhone(p)
  } catch {
    return maskStoredPhone(p)
  }
}

/** The mask, for lists, uploads and logs; never needs the key. */
export const maskStoredPhone = (p: StoredPhone | undefined | null): string =>
  isSealedPhone(p)
    ? typeof p.m === 'string'
      ? p.m
      : '****'
    : typeof p === 'string'
      ? maskPhone(normalizePhone(p))
      : '****'

/** A stored phone as it must be written now: a plain one sealed, a sealed one as it is. */
export const asSealedPhone = (p: StoredPhone): SealedPhone => (isSealedPhone(p) ? p : sealPhone(p))

/**
 * Any mobile number inside a text, masked: for log lines. Also with a +86 / 86 prefix and written in groups
 * (138 0013 8000, 138-0013-8000), as people and WeChat write them.
 */
export const maskPhonesIn = (text: string): string =>
  text.replace(/(^|\D)(\+?86[\s-]?)?(1[3-9]\d)([\s-]?)(\d{4})([\s-]?)(\d{4})(?!\d)/g, '$1$2$3$4****$6$7')
