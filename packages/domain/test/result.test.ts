import {
  andThen,
  domainErrorCodes,
  err,
  fail,
  isDomainErrorCode,
  isErr,
  isOk,
  map,
  mapErr,
  ok,
  unwrap,
} from '../src'

describe('Result', () => {
  it('maps and chains', () => {
    const half = (n: number) => (n % 2 === 0 ? ok(n / 2) : fail('INVALID_INPUT', 'odd'))
    expect(map(ok(2), (n) => n + 1)).toEqual({ ok: true, value: 3 })
    expect(map(err('x'), (n: number) => n + 1)).toEqual({ ok: false, error: 'x' })
    expect(andThen(ok(8), half)).toEqual({ ok: true, value: 4 })
    expect(andThen(ok(3), half)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'odd' } })
    expect(mapErr(err('x'), (e) => e + '!')).toEqual({ ok: false, error: 'x!' })
    expect(isOk(ok(1))).toBe(true)
    expect(isErr(ok(1))).toBe(false)
    expect(unwrap(ok(5))).toBe(5)
    expect(() => unwrap(fail('OUT_OF_STOCK', 'sku a'))).toThrow('unwrap on err: OUT_OF_STOCK sku a')
  })
  it('knows its codes', () => {
    expect(isDomainErrorCode('OUT_OF_STOCK')).toBe(true)
    expect(isDomainErrorCode('NOPE')).toBe(false)
    expect(domainErrorCodes).toContain('CANCEL_WINDOW_CLOSED')
    expect(fail('CART_EMPTY')).toEqual({ ok: false, error: { code: 'CART_EMPTY' } })
  })
})
