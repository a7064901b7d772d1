import {
  appendEntry,
  checkLedger,
  planPayment,
  planRefund,
  planWithdrawal,
  unwrap,
  walletBuckets,
  type LedgerEntry,
} from '../src'
import { check, forAll } from './prop'

let seq = 0
const entry = (kind: LedgerEntry['kind'], split: { amount: number; bonusAmount?: number }): LedgerEntry => ({
  id: `e${++seq}`,
  walletId: 'w',
  kind,
  ref: 'r',
  at: seq,
  ...split,
})

describe('wallet buckets: principal is withdrawable, bonus is not', () => {
  it('recharge package pay 100 get 20, spend principal first and bonus last, refund, withdraw', () => {
    let entries: readonly LedgerEntry[] = []
    const add = (e: LedgerEntry) => {
      entries = unwrap(appendEntry(entries, e)).entries
    }
    add(entry('recharge', { amount: 10000 }))
    add(entry('bonus', { amount: 2000 }))
    expect(unwrap(walletBuckets(entries))).toEqual({ principal: 10000, bonus: 2000 })

    // principal covers it: no bonus is touched
    const pay1 = unwrap(planPayment(unwrap(walletBuckets(entries)), 5000))
    expect(pay1).toEqual({ amount: -5000, bonusAmount: 0 })
    expect(Object.is(pay1.bonusAmount, 0)).toBe(true)
    add(entry('pay', pay1))
    expect(unwrap(walletBuckets(entries))).toEqual({ principal: 5000, bonus: 2000 })
    // the rest of the principal, then bonus
    const pay2 = unwrap(planPayment(unwrap(walletBuckets(entries)), 6000))
    expect(pay2).toEqual({ amount: -6000, bonusAmount: -1000 })
    add(entry('pay', pay2))
    expect(unwrap(walletBuckets(entries))).toEqual({ principal: 0, bonus: 1000 })

    // refund 4000 of pay2: it is undone from its end, the bonus part first, then principal
    const r1 = unwrap(planRefund(pay2, { amount: 0, bonusAmount: 0 }, 4000))
    expect(r1).toEqual({ amount: 4000, bonusAmount: 1000 })
    add(entry('refund', r1))
    const r2 = unwrap(planRefund(pay2, r1, 2000))
    expect(r2).toEqual({ amount: 2000, bonusAmount: 0 })
    add(entry('refund', r2))
    expect(unwrap(walletBuckets(entries))).toEqual({ principal: 5000, bonus: 2000 })
    expect(planRefund(pay2, { amount: 6000, bonusAmount: 1000 }, 1)).toMatchObject({
      ok: false,
      error: { code: 'AMOUNT_MISMATCH' },
    })
    add(entry('refund', unwrap(planRefund(pay1, { amount: 0, bonusAmount: 0 }, 5000))))
    expect(unwrap(walletBuckets(entries))).toEqual({ principal: 10000, bonus: 2000 })

    expect(planWithdrawal({ principal: 10000, bonus: 2000 }, 10001)).toMatchObject({
      ok: false,
      error: { code: 'BALANCE_INSUFFICIENT', details: { withdrawable: 10000 } },
    })
    add(entry('withdraw', unwrap(planWithdrawal({ principal: 10000, bonus: 2000 }, 10000))))
    expect(unwrap(walletBuckets(entries))).toEqual({ principal: 0, bonus: 2000 })
    expect(checkLedger(entries, 2000).ok).toBe(true)
  })

  it('refuses entries that overdraw a bucket or misstate their bonus part', () => {
    const base = [entry('recharge', { amount: 1000 }), entry('bonus', { amount: 500 })]
    expect(appendEntry(base, entry('pay', { amount: -600, bonusAmount: -600 }))).toMatchObject({
      ok: false,
      error: { code: 'BALANCE_INSUFFICIENT' },
    })
    expect(appendEntry(base, entry('pay', { amount: -1200 }))).toMatchObject({
      ok: false,
      error: { code: 'BALANCE_INSUFFICIENT' },
    })
    for (const bad of [
      entry('pay', { amount: -100, bonusAmount: 50 }),
      entry('pay', { amount: -100, bonusAmount: -150 }),
      entry('withdraw', { amount: -100, bonusAmount: -10 }),
      entry('bonus', { amount: 100, bonusAmount: 10 }),
    ]) {
      expect(appendEntry(base, bad)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
    expect(planPayment({ principal: 100, bonus: 0 }, 101)).toMatchObject({
      ok: false,
      error: { code: 'BALANCE_INSUFFICIENT' },
    })
    expect(planPayment({ principal: 100, bonus: 0 }, 0)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })

  it('planned entries never overdraw and full refunds restore the buckets exactly', () => {
    forAll(
      (r) => ({
        recharge: r.int(1, 50000),
        bonus: r.int(0, 10000),
        pays: Array.from({ length: r.int(1, 5) }, () => r.int(1, 20000)),
        refundParts: r.int(1, 4),
      }),
      ({ recharge, bonus, pays, refundParts }) => {
        let entries: readonly LedgerEntry[] = [entry('recharge', { amount: recharge })]
        if (bonus > 0) entries = unwrap(appendEntry(entries, entry('bonus', { amount: bonus }))).entries
        const start = unwrap(walletBuckets(entries))
        const made: { amount: number; bonusAmount: number }[] = []
        for (const p of pays) {
          const plan = planPayment(unwrap(walletBuckets(entries)), p)
          if (!plan.ok) continue
          entries = unwrap(appendEntry(entries, entry('pay', plan.value))).entries
          made.push(plan.value)
        }
        for (const p of made) {
          let done = { amount: 0, bonusAmount: 0 }
          for (let k = 0; k < refundParts; k++) {
            const left = -p.amount - done.amount
            const part = k === refundParts - 1 ? left : Math.floor(left / 2)
            if (part <= 0) continue
            const r = unwrap(planRefund(p, done, part))
            entries = unwrap(appendEntry(entries, entry('refund', r))).entries
            done = { amount: done.amount + r.amount, bonusAmount: done.bonusAmount + r.bonusAmount }
          }
          check(
            done.amount === -p.amount && done.bonusAmount === -p.bonusAmount,
            'refunds mirror the payment',
          )
        }
        const end = unwrap(walletBuckets(entries))
        check(end.principal === start.principal && end.bonus === start.bonus, 'buckets restored')
        check(checkLedger(entries, end.principal + end.bonus).ok, 'reconciles')
      },
      { runs: 500 },
    )
  })
})
