import { inflateSync } from 'node:zlib'
import { generateSeed, shopperOpenid } from '../../seed'

type Doc = Record<string, unknown> & { _id: string }
const docs = (seed: ReturnType<typeof generateSeed>, name: string) => seed.collections[name] as Doc[]

describe('generateSeed', () => {
  const seed = generateSeed()

  it('is deterministic: the same output twice, files included', () => {
    const again = generateSeed()
    expect(JSON.stringify(again.collections)).toBe(JSON.stringify(seed.collections))
    expect(again.identities).toEqual(seed.identities)
    expect(again.files.map((f) => f.bytes.toString('base64'))).toEqual(
      seed.files.map((f) => f.bytes.toString('base64')),
    )
  })

  it('has at least 200 products over a 3-level category tree', () => {
    const cats = docs(seed, 'categories')
    const byId = new Map(cats.map((c) => [c._id, c]))
    expect(docs(seed, 'products').length).toBeGreaterThanOrEqual(200)
    expect(new Set(cats.map((c) => c.level))).toEqual(new Set([1, 2, 3]))
    for (const c of cats) {
      const parent = c.parentId === null ? undefined : byId.get(c.parentId as string)
      if (c.level === 1) expect(c.parentId).toBeNull()
      else expect(parent?.level).toBe((c.level as number) - 1)
    }
    for (const p of docs(seed, 'products')) {
      const path = p.categoryIds as string[]
      expect(path.map((id) => byId.get(id)?.level)).toEqual([1, 2, 3])
      expect(byId.get(path[2]!)!.path).toEqual(path)
    }
  })

  it('gives every SKU a product, 1-12 SKUs per product, sold-out, low-stock and off-shelf cases', () => {
    const products = new Map(docs(seed, 'products').map((p) => [p._id, p]))
    const skus = docs(seed, 'skus')
    const perProduct = new Map<string, number>()
    for (const s of skus) {
      expect(products.has(s.spuId as string)).toBe(true)
      perProduct.set(s.spuId as string, (perProduct.get(s.spuId as string) ?? 0) + 1)
      expect(Number.isInteger(s.price)).toBe(true)
      expect(s.memberPrice as number).toBeLessThanOrEqual(s.price as number)
    }
    expect(perProduct.size).toBe(products.size)
    for (const n of perProduct.values()) expect(n >= 1 && n <= 12).toBe(true)
    expect(skus.some((s) => s.stock === 0)).toBe(true)
    expect(skus.some((s) => (s.stock as number) > 0 && (s.stock as number) <= 5)).toBe(true)
    expect([...products.values()].some((p) => p.status === 'offShelf')).toBe(true)
    for (const p of products.values()) {
      const mine = skus.filter((s) => s.spuId === p._id)
      expect(p.minPrice).toBe(Math.min(...mine.map((s) => s.price as number)))
      expect(p.stock).toBe(mine.reduce((a, s) => a + (s.stock as number), 0))
    }
  })

  it('keeps wallet balances equal to the sum of their ledger entries', () => {
    const ledger = docs(seed, 'ledger')
    for (const w of docs(seed, 'wallets')) {
      const sum = ledger.filter((e) => e.walletId === w._id).reduce((a, e) => a + (e.amount as number), 0)
      expect(w.balance).toBe(sum)
      expect(w.balance as number).toBeGreaterThanOrEqual(0)
    }
  })

  it('has demo shoppers with addresses, one owner admin, coupons, campaigns and settings', () => {
    const shoppers = seed.identities.filter((i) => i.role === 'shopper')
    expect(shoppers.length).toBeGreaterThanOrEqual(4)
    expect(shoppers[0]!.openid).toBe(shopperOpenid(1))
    for (const s of shoppers)
      expect(docs(seed, 'addresses').some((a) => a.openid === s.openid && a.isDefault)).toBe(true)
    expect(docs(seed, 'admins')).toEqual([
      { _id: 'o_demo_admin', roles: ['owner'], active: true, name: '店长' },
    ])
    expect(new Set(docs(seed, 'couponTemplates').map((t) => t.kind))).toEqual(
      new Set(['amountOff', 'percentOff', 'noThreshold']),
    )
    expect(docs(seed, 'campaigns').some((c) => c.type === 'fullReduction')).toBe(true)
    expect(docs(seed, 'settings').find((s) => s._id === 'trade')?.orderTimeoutMinutes).toBe(15)
  })

  it('produces small valid PNGs and documents only reference files it produces', () => {
    expect(seed.files.length).toBeLessThan(200)
    const paths = new Set(seed.files.map((f) => f.cloudPath))
    for (const f of seed.files) {
      expect(f.bytes.length).toBeLessThan(3072)
      expect(f.bytes.subarray(1, 4).toString('ascii')).toBe('PNG')
      const idatAt = f.bytes.indexOf('IDAT')
      const len = f.bytes.readUInt32BE(idatAt - 4)
      expect(() => inflateSync(f.bytes.subarray(idatAt + 4, idatAt + 4 + len))).not.toThrow()
    }
    const refs = JSON.stringify(seed.collections).match(/cloud:\/\/[^"]+/g) ?? []
    expect(refs.length).toBeGreaterThan(0)
    for (const r of refs) expect(paths.has(r.replace(/^cloud:\/\/[^/]+\//, ''))).toBe(true)
  })

  it('runs its campaigns around the clock it is loaded at: started, each ending within 3-10 days', () => {
    const now = Date.UTC(2027, 4, 1, 12)
    const later = generateSeed({ products: 30, now })
    const campaigns = docs(later, 'campaigns') as Array<Doc & { startAt: Date; endAt: Date }>
    expect(new Set(campaigns.map((c) => c.type))).toEqual(new Set(['fullReduction', 'discount']))
    for (const c of campaigns) {
      expect(c.startAt.getTime()).toBeLessThanOrEqual(now)
      const days = (c.endAt.getTime() - now) / 86_400_000
      expect(days >= 3 && days <= 10).toBe(true)
    }
    // nothing else moves with the clock
    const rest = (s: ReturnType<typeof generateSeed>) => JSON.stringify({ ...s.collections, campaigns: [] })
    expect(rest(later)).toBe(rest(generateSeed({ products: 30 })))
  })

  it('honours the product count and file id prefix options', () => {
    const small = generateSeed({ products: 30, fileIdPrefix: 'cloud://x.y/' })
    expect(small.collections.products).toHaveLength(30)
    expect(JSON.stringify(small.collections)).not.toContain('local-env')
  })
})
