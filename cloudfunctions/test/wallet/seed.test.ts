import { checkLedger, type LedgerEntry } from '@mall/domain'
import { generateSeed } from '../../seed'

type Doc = Record<string, unknown> & { _id: string }

describe('the seeded wallets and recharge packages', () => {
  const seed = generateSeed()
  const docs = (name: string) => seed.collections[name] as Doc[]

  it('keeps balance and bonus equal to their entries, and every entry valid for the buckets', () => {
    const wallets = docs('wallets')
    expect(wallets.length).toBeGreaterThan(0)
    for (const w of wallets) {
      const mine = docs('ledger').filter((e) => e.walletId === w._id)
      expect(mine.every((e) => typeof e.bonusAmount === 'number')).toBe(true)
      expect(w.balance).toBe(mine.reduce((n, e) => n + (e.amount as number), 0))
      expect(w.bonus).toBe(mine.reduce((n, e) => n + (e.bonusAmount as number), 0))
      expect(w.frozen).toBe(0)
      const entries = mine.map((e) => ({ ...e, id: e._id }) as unknown as LedgerEntry)
      expect(checkLedger(entries, w.balance as number)).toMatchObject({ ok: true, problems: [] })
    }
    expect(wallets.some((w) => (w.bonus as number) > 0)).toBe(true)
  })

  it('has three active packages, each paying more than it gives', () => {
    const packages = docs('rechargePackages')
    expect(packages.map((p) => p.title)).toEqual(['充100送10', '充300送40', '充500送80'])
    for (const p of packages) {
      expect(p.active).toBe(true)
      expect(p.bonusFen as number).toBeLessThan(p.payFen as number)
    }
  })
})
