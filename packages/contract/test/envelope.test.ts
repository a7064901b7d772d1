import * as v from 'valibot'
import {
  actionFunction,
  actions,
  errorCatalogue,
  errorMessage,
  failEnvelope,
  Fen,
  Id,
  isActionName,
  isErrorCode,
  okEnvelope,
  Quantity,
  RequestId,
} from '../src'

describe('error catalogue', () => {
  it('has a Chinese message for every code', () => {
    for (const [code, message] of Object.entries(errorCatalogue)) {
      expect(code).toMatch(/^[A-Z][A-Z_]+$/)
      expect(message).toMatch(/[\u4e00-\u9fa5]/)
    }
  })

  it('recognises only catalogued codes', () => {
    expect(isErrorCode('OUT_OF_STOCK')).toBe(true)
    expect(isErrorCode('toString')).toBe(false)
    expect(isErrorCode(42)).toBe(false)
  })
})

describe('envelope', () => {
  it('wraps data and failures', () => {
    expect(okEnvelope({ a: 1 })).toEqual({ ok: true, data: { a: 1 } })
    expect(failEnvelope('OUT_OF_STOCK')).toEqual({
      ok: false,
      code: 'OUT_OF_STOCK',
      message: errorMessage('OUT_OF_STOCK'),
    })
    expect(failEnvelope('INVALID_INPUT', '数量必须是整数', { path: 'quantity' })).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: '数量必须是整数',
      details: { path: 'quantity' },
    })
  })
})

describe('common schemas refuse hostile input', () => {
  const bad = (schema: v.GenericSchema, value: unknown) =>
    expect(v.safeParse(schema, value).success).toBe(false)
  const good = (schema: v.GenericSchema, value: unknown) =>
    expect(v.safeParse(schema, value).success).toBe(true)

  it('ids are short strings, never operator objects', () => {
    good(Id, 'sku_0001-a')
    bad(Id, { $ne: null })
    bad(Id, '')
    bad(Id, 'a'.repeat(65))
    bad(Id, 'a b')
    bad(Id, 12)
  })

  it('money is non-negative integer fen', () => {
    good(Fen, 0)
    good(Fen, 1999)
    bad(Fen, -1)
    bad(Fen, 1.5)
    bad(Fen, '100')
    bad(Fen, Number.MAX_SAFE_INTEGER)
  })

  it('quantities are 1..999 integers', () => {
    good(Quantity, 1)
    good(Quantity, 999)
    bad(Quantity, 0)
    bad(Quantity, -3)
    bad(Quantity, 1000)
    bad(Quantity, 2.5)
  })

  it('request ids are 8-64 url-safe characters', () => {
    good(RequestId, 'req_12345678')
    bad(RequestId, 'short')
    bad(RequestId, { $gt: '' })
  })
})

describe('action catalogue', () => {
  it('routes every action to a function and rejects unknown fields', () => {
    expect(isActionName('catalog.home')).toBe(true)
    expect(isActionName('__proto__')).toBe(false)
    expect(actionFunction('catalog.home')).toBe('shop')
    // the client routes by name: every action's declared function must agree
    for (const [name, def] of Object.entries(actions))
      expect([name, actionFunction(name)]).toEqual([name, def.fn])
    expect(v.safeParse(actions['catalog.home'].input, {}).success).toBe(true)
    expect(v.safeParse(actions['catalog.home'].input, { extra: 1 }).success).toBe(false)
  })
})
