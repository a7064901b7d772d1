/**
 * pii/phone.ts on its own: the seal opens to the number, keys rotate, the hash is stable and keyed, tampered
 * or foreign seals refuse to open, and no seal, mask or log line shows the number.
 */
import { randomBytes } from 'node:crypto'
import {
  asSealedPhone,
  maskPhone,
  maskPhonesIn,
  maskStoredPhone,
  openPhone,
  phoneHash,
  resealPhone,
  sealDemoPhone,
  sealPhone,
  showPhone,
  type SealedPhone,
} from '../../src/pii/phone'
import { log } from '../../src/log'

const key = () => randomBytes(32).toString('base64')
const K1 = key()
const K2 = key()
const H1 = key()
const H2 = key()
const MOBILE = /(^|\D)1[3-9]\d{9}(\D|$)/

function useKeys(keys: string, hash: string) {
  process.env.MALL_PII_KEYS = keys
  process.env.MALL_PII_HASH_KEY = hash
}

beforeEach(() => {
  delete process.env.MALL_EMULATOR
  useKeys(`k1:${K1}`, H1)
})

test('round trip: the seal opens to the normal form; nothing in it shows the number', () => {
  const s = sealPhone('+86 138-0013-8000')
  expect(openPhone(s)).toBe('13800138000')
  expect(s.k).toBe('k1')
  expect(s.m).toBe('138****8000')
  expect(JSON.stringify(s)).not.toMatch(MOBILE)
  // a fresh IV each time: equal numbers do not give equal ciphertexts
  expect(sealPhone('13800138000').c).not.toBe(s.c)
  // a landline keeps its punctuation
  expect(openPhone(sealPhone(' 021-55550000 '))).toBe('021-55550000')
})

test('rotation with two keys: new seals use the first, old ones still open, reseal renews them', () => {
  const old = sealPhone('13912345678')
  expect(resealPhone(old)).toBeUndefined()
  useKeys(`k2:${K2},k1:${K1}`, H1)
  expect(openPhone(old)).toBe('13912345678')
  const renewed = resealPhone(old)!
  expect(renewed.k).toBe('k2')
  expect(renewed.h).toBe(old.h)
  expect(openPhone(renewed)).toBe('13912345678')
  expect(resealPhone(renewed)).toBeUndefined()
  // once k1 is retired, only the renewed seal opens
  useKeys(`k2:${K2}`, H1)
  expect(openPhone(renewed)).toBe('13912345678')
  expect(() => openPhone(old)).toThrow('unknown key k1')
})

test('hash: stable across forms and seals, keyed (another hash key gives another hash), renewed by reseal', () => {
  const h = phoneHash('13800138000')
  expect(phoneHash('+86 138 0013 8000')).toBe(h)
  expect(sealPhone('13800138000').h).toBe(h)
  expect(phoneHash('13800138001')).not.toBe(h)
  expect(h).not.toMatch(/^[0-9a-f]+$/) // base64url, not hex
  const sealed = sealPhone('13800138000')
  useKeys(`k1:${K1}`, H2)
  expect(phoneHash('13800138000')).not.toBe(h)
  const rehashed = resealPhone(sealed)!
  expect(rehashed.h).toBe(phoneHash('13800138000'))
})

test('mask: first three and last four', () => {
  expect(maskPhone('13800138000')).toBe('138****8000')
  expect(maskPhone('12345')).toBe('****')
  expect(maskStoredPhone(sealPhone('13800138000'))).toBe('138****8000')
  expect(maskStoredPhone('138 0013 8000')).toBe('138****8000')
  expect(maskStoredPhone(undefined)).toBe('****')
  expect(maskPhonesIn('call 13800138000 or 021-55550000, order 202612021380013800012')).toBe(
    'call 138****8000 or 021-55550000, order 202612021380013800012',
  )
  expect(maskPhonesIn('+8613912345678 / 86 139 1234 5678 / 139-1234-5678')).toBe(
    '+86139****5678 / 86 139 **** 5678 / 139-****-5678',
  )
})

test('a tampered ciphertext, tag or key id does not open', () => {
  const s = sealPhone('13800138000')
  const raw = Buffer.from(s.c, 'base64')
  const flip = (i: number): SealedPhone => {
    const b = Buffer.from(raw)
    b[i] = b[i]! ^ 1
    return { ...s, c: b.toString('base64') }
  }
  expect(() => openPhone(flip(raw.length - 1))).toThrow() // ciphertext
  expect(() => openPhone(flip(13))).toThrow() // tag
  expect(() => openPhone(flip(0))).toThrow() // iv
  expect(() => openPhone({ ...s, k: 'nosuch' })).toThrow('unknown key nosuch')
  // the key id is not just a label: another key under the same id does not open it either
  useKeys(`k1:${K2}`, H1)
  expect(() => openPhone(s)).toThrow()
})

test('keys: missing ones fail outside the emulator, malformed ones always', () => {
  delete process.env.MALL_PII_KEYS
  expect(() => sealPhone('13800138000')).toThrow('MALL_PII_KEYS and MALL_PII_HASH_KEY must be set')
  process.env.MALL_EMULATOR = '1'
  expect(openPhone(sealPhone('13800138000'))).toBe('13800138000')
  useKeys('k1:c2hvcnQ=', H1)
  expect(() => sealPhone('13800138000')).toThrow('must be 32 bytes')
})

test('demo seals are deterministic, open with the same keys as the functions, and differ per number', () => {
  delete process.env.MALL_PII_KEYS
  delete process.env.MALL_PII_HASH_KEY
  const a = sealDemoPhone('13800138001')
  expect(sealDemoPhone('13800138001')).toEqual(a)
  expect(sealDemoPhone('13800138002').c.slice(0, 16)).not.toBe(a.c.slice(0, 16)) // another IV
  process.env.MALL_EMULATOR = '1'
  expect(openPhone(a)).toBe('13800138001')
  expect(showPhone(a)).toBe('13800138001')
})

test('stored phones: legacy plain strings read as they are and are sealed when written', () => {
  expect(showPhone('13800138000')).toBe('13800138000')
  expect(showPhone(null)).toBe('')
  const s = asSealedPhone('13800138000')
  expect(openPhone(s)).toBe('13800138000')
  expect(asSealedPhone(s)).toBe(s)
})

test('log lines never carry a mobile number', () => {
  const lines: string[] = []
  const spy = jest.spyOn(console, 'log').mockImplementation((l: string) => void lines.push(l))
  try {
    log('test', { error: 'address 13800138000 refused', nested: { phone: '+8613912345678' } })
  } finally {
    spy.mockRestore()
  }
  expect(lines).toHaveLength(1)
  expect(lines[0]).not.toMatch(MOBILE)
  expect(lines[0]).toContain('138****8000')
  expect(lines[0]).toContain('+86139****5678')
})
