import {
  addFen,
  fen,
  formatPrice,
  formatYuan,
  formatYuanCompact,
  isFen,
  mulDivFloor,
  mulDivRound,
  mulFen,
  parseYuan,
  percentOf,
  prorate,
  sumFen,
} from '../src'
import { check, forAll } from './prop'

describe('fen guard and arithmetic', () => {
  it('accepts safe integers only', () => {
    expect(isFen(1230)).toBe(true)
    expect(isFen(-5)).toBe(true)
    expect(isFen(12.3)).toBe(false)
    expect(isFen(NaN)).toBe(false)
    expect(isFen(2 ** 53)).toBe(false)
    expect(isFen('12')).toBe(false)
    expect(() => fen(0.1)).toThrow(RangeError)
  })
  it('adds, sums and multiplies exactly', () => {
    expect(addFen(10, 20)).toBe(30)
    expect(sumFen([1, 2, 3, 4])).toBe(10)
    expect(sumFen([])).toBe(0)
    expect(mulFen(1999, 3)).toBe(5997)
    expect(() => mulFen(100, 1.5)).toThrow(RangeError)
    expect(() => addFen(Number.MAX_SAFE_INTEGER, 1)).toThrow(RangeError)
  })
})

describe('parseYuan', () => {
  it.each([
    ['12.30', 1230],
    ['12.3', 1230],
    ['12', 1200],
    ['0.5', 50],
    ['0.05', 5],
    ['0', 0],
    ['199999.99', 19999999],
  ])('parses %s', (text, expected) => {
    expect(parseYuan(text)).toEqual({ ok: true, value: expected })
  })
  it.each([
    '12.345',
    '-1',
    '1e3',
    '1E2',
    'NaN',
    '',
    ' 1',
    '1 ',
    '+1',
    '01',
    '.5',
    '5.',
    'abc',
    '1,000',
    'Infinity',
  ])('rejects %j', (text) => {
    const r = parseYuan(text)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_INPUT')
      expect(r.error.message).toBeTruthy()
    }
  })
  it('allows negatives only when asked', () => {
    expect(parseYuan('-0.05', { allowNegative: true })).toEqual({ ok: true, value: -5 })
    expect(parseYuan('-0.05').ok).toBe(false)
  })
  it('rejects amounts beyond the safe range and non-strings', () => {
    expect(parseYuan('900719925474099.93').ok).toBe(false)
    expect(parseYuan(12 as unknown as string).ok).toBe(false)
  })
  it('round-trips with formatYuan', () => {
    forAll(
      (r) => r.int(0, 10 ** 12),
      (n) => {
        const r = parseYuan(formatYuan(n))
        check(r.ok && r.value === n, 'parse(format(n)) = n')
      },
    )
  })
})

describe('formatting', () => {
  it('formats yuan and prices', () => {
    expect(formatYuan(1230)).toBe('12.30')
    expect(formatYuan(5)).toBe('0.05')
    expect(formatYuan(0)).toBe('0.00')
    expect(formatYuan(-1205)).toBe('-12.05')
    expect(formatPrice(1230)).toBe('¥12.30')
    expect(formatPrice(-50)).toBe('-¥0.50')
    expect(formatYuanCompact(20000)).toBe('200')
    expect(formatYuanCompact(1250)).toBe('12.5')
    expect(formatYuanCompact(1205)).toBe('12.05')
    expect(() => formatYuan(1.5)).toThrow(RangeError)
  })
})

describe('exact mulDiv and percentOf', () => {
  it('is exact beyond 2^53 intermediate products', () => {
    // 3e15 * 3 = 9e15 > 2^53; / 7 computed exactly
    // 4e12 * 3000 = 1.2e16 > 2^53: the naive product would already be rounded
    expect(mulDivFloor(4_000_000_000_000, 3000, 7)).toEqual({ q: 1714285714285714, r: 2 })
    expect(mulDivFloor(123456789012, 987654321, 1000000007)).toEqual({ q: 121932630270, r: 958708962 })
  })
  it('agrees with the naive formula when the product is small', () => {
    forAll(
      (r) => [r.int(0, 1e6), r.int(0, 1e6), r.int(1, 1e6)] as const,
      ([a, b, c]) => {
        const { q, r } = mulDivFloor(a, b, c)
        check(q === Math.floor((a * b) / c) && r === (a * b) % c, 'matches the naive floor and remainder')
      },
    )
  })
  it('rounds by the explicit mode', () => {
    expect(percentOf(999, 15, 'percent', 'halfUp')).toBe(150) // 149.85
    expect(percentOf(999, 15, 'percent', 'floor')).toBe(149)
    expect(percentOf(999, 15, 'percent', 'ceil')).toBe(150)
    expect(percentOf(1000, 85, 'permille', 'floor')).toBe(85)
    expect(percentOf(10, 25, 'percent', 'halfEven')).toBe(2) // 2.5 -> 2
    expect(percentOf(30, 25, 'percent', 'halfEven')).toBe(8) // 7.5 -> 8
    expect(percentOf(10, 25, 'percent', 'halfUp')).toBe(3)
    expect(mulDivRound(-25, 1, 10, 'floor')).toBe(-3)
    expect(mulDivRound(-25, 1, 10, 'ceil')).toBe(-2)
    expect(mulDivRound(-25, 1, 10, 'halfUp')).toBe(-3)
    expect(() => percentOf(100, 8.5, 'percent', 'floor')).toThrow(RangeError)
  })
})

describe('prorate', () => {
  it('splits by largest remainder', () => {
    expect(prorate(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(prorate(1000, [3000, 2000, 5000])).toEqual([300, 200, 500])
    expect(prorate(10, [1, 2])).toEqual([3, 7])
    expect(prorate(5, [0, 10, 0])).toEqual([0, 5, 0])
    expect(prorate(0, [5, 5])).toEqual([0, 0])
    expect(prorate(0, [])).toEqual([])
  })
  it('splits evenly when every weight is zero', () => {
    expect(prorate(10, [0, 0, 0])).toEqual([4, 3, 3])
  })
  it('breaks ties deterministically: larger weight, then earlier index', () => {
    expect(prorate(1, [1, 1])).toEqual([1, 0])
    expect(prorate(2, [1, 2, 1])).toEqual([1, 1, 0])
    expect(prorate(2, [1, 3, 3])).toEqual([0, 1, 1])
    expect(prorate(1, [2, 3, 3])).toEqual([0, 1, 0])
  })
  it('mirrors negative totals', () => {
    expect(prorate(-100, [1, 1, 1])).toEqual([-34, -33, -33])
  })
  it('refuses bad input', () => {
    expect(() => prorate(10, [])).toThrow(RangeError)
    expect(() => prorate(10, [-1, 2])).toThrow(RangeError)
    expect(() => prorate(1.5, [1])).toThrow(RangeError)
  })
  it('is exact for large totals and weights', () => {
    const parts = prorate(2_000_000_000, [1_999_999_999, 3_000_000_001, 7])
    expect(parts.reduce((a, b) => a + b, 0)).toBe(2_000_000_000)
  })
  it('holds its invariants over random inputs', () => {
    forAll(
      (r) => {
        const n = r.int(1, 12)
        const big = r.bool(0.2)
        const weights = Array.from({ length: n }, () => (r.bool(0.2) ? 0 : r.int(0, big ? 5e9 : 100000)))
        const total = r.bool(0.5)
          ? r.int(
              0,
              weights.reduce((a, b) => a + b, 0),
            )
          : r.int(0, big ? 1e10 : 200000)
        return { total, weights }
      },
      ({ total, weights }) => {
        const parts = prorate(total, weights)
        check(parts.length === weights.length, 'one part per weight')
        check(parts.reduce((a, b) => a + b, 0) === total, 'parts sum to the total')
        const sum = weights.reduce((a, b) => a + b, 0)
        parts.forEach((p, i) => {
          const w = weights[i]!
          check(Number.isSafeInteger(p) && p >= 0, `part ${i} is a non-negative integer`)
          if (sum > 0 && w === 0) check(p === 0, `zero weight ${i} gets 0`)
          if (total <= sum) check(p <= w, `part ${i} within its weight`)
          const exact = sum === 0 ? total / weights.length : (total * w) / sum
          check(Math.abs(p - exact) < 1 + 1e-6 * Math.max(1, exact), `part ${i} within one fen of its share`)
        })
        expect(prorate(total, weights)).toEqual(parts)
      },
    )
  })
})
