import { appendEntry, applyEntry, checkLedger, foldLedger, unwrap, type LedgerEntry } from '../src'
import { check, forAll } from './prop'

const e = (id: string, amount: number, kind: LedgerEntry['kind'], at = 1): LedgerEntry => ({
  id,
  walletId: 'w1',
  amount,
  kind,
  ref: `ref-${id}`,
  at,
})

describe('wallet ledger', () => {
  it('folds entries into a balance', () => {
    expect(
      foldLedger([
        e('1', 10000, 'recharge'),
        e('2', 1000, 'bonus'),
        e('3', -2500, 'pay'),
        e('4', 2500, 'refund'),
      ]),
    ).toEqual({
      ok: true,
      value: 11000,
    })
    expect(foldLedger([])).toEqual({ ok: true, value: 0 })
  })

  it('refuses to go negative and leaves the balance unchanged', () => {
    expect(applyEntry(500, e('x', -501, 'pay'))).toEqual({
      ok: false,
      error: {
        code: 'BALANCE_INSUFFICIENT',
        message: 'balance 500 cannot cover 501',
        details: { balance: 500, amount: -501 },
      },
    })
    expect(applyEntry(500, e('x', -500, 'pay'))).toEqual({ ok: true, value: 0 })
  })

  it('checks signs, amounts and fields', () => {
    for (const bad of [
      e('p', 100, 'pay'),
      e('r', -100, 'recharge'),
      e('z', 0, 'adjust'),
      e('f', 1.5, 'recharge'),
      { ...e('k', 1, 'recharge'), kind: 'gift' as LedgerEntry['kind'] },
      { ...e('w', 1, 'recharge'), walletId: '' },
      { ...e('', 1, 'recharge') },
    ]) {
      expect(applyEntry(1000, bad)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(unwrap(applyEntry(1000, e('a', -300, 'adjust')))).toBe(700)
  })

  it('appends idempotently by id', () => {
    const start = [e('1', 10000, 'recharge')]
    const once = unwrap(appendEntry(start, e('2', -3000, 'pay')))
    expect(once).toMatchObject({ balance: 7000, duplicate: false })
    const twice = unwrap(appendEntry(once.entries, e('2', -3000, 'pay', 99)))
    expect(twice).toMatchObject({ balance: 7000, duplicate: true })
    expect(twice.entries).toHaveLength(2)
    expect(appendEntry(once.entries, e('2', -3001, 'pay'))).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE_REQUEST' },
    })
    expect(appendEntry(once.entries, { ...e('3', 1, 'bonus'), walletId: 'w2' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(appendEntry(once.entries, e('4', -7001, 'withdraw'))).toMatchObject({
      ok: false,
      error: { code: 'BALANCE_INSUFFICIENT' },
    })
    expect(start).toHaveLength(1)
  })

  it('reconciles: lists every problem', () => {
    const good = [e('1', 10000, 'recharge', 1), e('2', -3000, 'pay', 2)]
    expect(checkLedger(good, 7000)).toEqual({
      ok: true,
      walletId: 'w1',
      computed: 7000,
      stored: 7000,
      difference: 0,
      problems: [],
    })
    const bad = checkLedger(
      [
        e('2', -3000, 'pay', 2),
        e('1', 10000, 'recharge', 1),
        e('2', -3000, 'pay', 2),
        e('3', -9000, 'withdraw', 3),
        e('2b', 5, 'pay', 4),
      ],
      7100,
    )
    expect(bad.ok).toBe(false)
    expect(bad.computed).toBe(-2000)
    expect(bad.difference).toBe(9100)
    expect(bad.problems.map((p) => p.kind)).toEqual([
      'duplicateId',
      'overdrawn',
      'invalidEntry',
      'balanceMismatch',
    ])
    expect(checkLedger([], 0).ok).toBe(true)
  })

  it('balance equals the sum of accepted entries and never goes negative', () => {
    const kinds = [
      ['recharge', 1],
      ['bonus', 1],
      ['refund', 1],
      ['pay', -1],
      ['withdraw', -1],
    ] as const
    forAll(
      (r) =>
        Array.from({ length: r.int(1, 40) }, (_, i) => {
          const [kind, sign] = r.pick(kinds)
          return e(String(r.int(0, 30)), sign * r.int(1, 5000), kind, i)
        }),
      (attempts) => {
        let entries: readonly LedgerEntry[] = []
        let balance = 0
        for (const a of attempts) {
          const out = appendEntry(entries, a)
          if (!out.ok) continue
          entries = out.value.entries
          balance = out.value.balance
          check(balance >= 0, 'never negative')
        }
        check(entries.reduce((s, x) => s + x.amount, 0) === balance, 'balance = sum(entries)')
        check(new Set(entries.map((x) => x.id)).size === entries.length, 'ids unique')
        check(checkLedger(entries, balance).ok, 'reconciles')
      },
    )
  })
})
