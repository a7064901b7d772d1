/**
 * One promotion rule (packages/domain promotion/discount.ts) behind the card's 限时特惠 tag and campaign price,
 * the 促销商品 filter, the product page and checkout: for a campaign naming one SKU, one that takes nothing
 * off and one outside its window, all four agree — and agree again once the clock reaches a campaign.
 */
import type { CampaignDoc, ProductDoc, SkuDoc } from '../../src/catalog/docs'
import { ok, SHOPPER_1, startTestEmulator, type TestEmulator } from '../helpers/emulator'

const DAY = 86_400_000
let t: TestEmulator
let skus: SkuDoc[]

// p0001, p0010, ... are in the seed's own limited-time discount (every ninth product)
const ONE_SKU = 'p0002'
const NO_DISCOUNT = 'p0003'
const LATER = 'p0004'
const ENDED = 'p0005'
const FLASH = 'p0010'

const skusOf = (spuId: string) =>
  skus.filter((s) => s.spuId === spuId && s.status === 'onShelf').sort((a, b) => (a._id < b._id ? -1 : 1))

beforeAll(async () => {
  t = await startTestEmulator({ products: 40 })
  skus = t.seed!.collections.skus as SkuDoc[]
  const now = t.emu.clock.now()
  const campaign = (over: Partial<CampaignDoc> & Pick<CampaignDoc, '_id' | 'scope'>): CampaignDoc => ({
    type: 'discount',
    title: '测试折扣',
    status: 'active',
    startAt: new Date(now - DAY),
    endAt: new Date(now + DAY),
    payPermille: 800,
    ...over,
  })
  expect(skusOf(ONE_SKU).length).toBeGreaterThanOrEqual(2)
  // inserted before the first call: the catalogue caches campaigns per warm instance
  t.emu.db.insertMany('campaigns', [
    campaign({ _id: 'cmp_one_sku', scope: { type: 'products', ids: [skusOf(ONE_SKU)[1]!._id] } }),
    campaign({ _id: 'cmp_nothing_off', scope: { type: 'products', ids: [NO_DISCOUNT] }, payPermille: 1000 }),
    campaign({
      _id: 'cmp_later',
      scope: { type: 'products', ids: [LATER] },
      startAt: new Date(now + DAY),
      endAt: new Date(now + 2 * DAY),
    }),
    campaign({
      _id: 'cmp_ended',
      scope: { type: 'products', ids: [ENDED] },
      startAt: new Date(now - 2 * DAY),
      endAt: new Date(now - 1),
    }),
  ])
})
afterAll(() => t?.stop())

/** What the shopper sees of a product: its card, whether 促销商品 lists it, its page, and checkout per SKU. */
async function seen(spuId: string) {
  const all = ok(await t.callAs(SHOPPER_1, 'catalog.search', { pageSize: 50 }))
  const promoted = ok(await t.callAs(SHOPPER_1, 'catalog.search', { onPromotion: true, pageSize: 50 }))
  const card = all.items.find((c) => c.id === spuId)!
  const page = ok(await t.callAs(SHOPPER_1, 'catalog.product', { id: spuId }))
  const checkout = []
  for (const sku of skusOf(spuId)) {
    const preview = ok(
      await t.callAs(SHOPPER_1, 'order.preview', {
        source: { kind: 'buyNow', skuId: sku._id, quantity: 1 },
        coupon: 'none',
      }),
    )
    checkout.push({
      skuId: sku._id,
      unitPrice: preview.lines[0]!.unitPrice,
      campaign: preview.breakdown.some((b) => b.source === 'campaign'),
    })
  }
  return {
    tag: card.tags.includes('限时特惠'),
    promotion: card.promotion,
    listed: promoted.items.some((c) => c.id === spuId),
    cardPrice: card.campaignPrice,
    page,
    checkout,
  }
}

/** Card tag, filter, product page and checkout tell the same story. */
function expectAgreement(s: Awaited<ReturnType<typeof seen>>, onPromotion: boolean) {
  expect([s.tag, s.promotion, s.listed]).toEqual([onPromotion, onPromotion, onPromotion])
  expect(s.page.tags.includes('限时特惠')).toBe(onPromotion)
  expect(s.page.price.campaign !== undefined).toBe(onPromotion)
  expect(s.checkout.some((c) => c.campaign)).toBe(onPromotion)
  for (const c of s.checkout) {
    const view = s.page.skus.find((k) => k.id === c.skuId)!
    // the page's campaign price is what checkout charges, SKU by SKU
    expect(view.campaignPrice !== undefined).toBe(c.campaign)
    if (c.campaign) expect(c.unitPrice).toBe(view.campaignPrice)
  }
}

test('a campaign naming one SKU: that SKU is discounted everywhere, its sibling nowhere', async () => {
  const s = await seen(ONE_SKU)
  expectAgreement(s, true)
  const [first, second] = skusOf(ONE_SKU)
  expect(s.checkout.find((c) => c.skuId === second!._id)).toMatchObject({
    campaign: true,
    unitPrice: Math.floor((second!.price * 800) / 1000),
  })
  expect(s.checkout.find((c) => c.skuId === first!._id)!.campaign).toBe(false)
  expect(s.cardPrice).toBe(Math.floor((second!.price * 800) / 1000))
  expect(s.page.price.campaign).toMatchObject({ id: 'cmp_one_sku', min: s.cardPrice })
})

test('a campaign that takes nothing off, and one already ended: no tag, not listed, list prices', async () => {
  for (const id of [NO_DISCOUNT, ENDED]) {
    const s = await seen(id)
    expectAgreement(s, false)
    expect(s.cardPrice).toBeUndefined()
  }
})

test('the seed: a stored 限时特惠 tag never shows on its own, the flash sale shows it', async () => {
  const products = t.seed!.collections.products as ProductDoc[]
  // the merchant's tags never carry it (the rule adds it)
  expect(products.some((p) => p.tags.includes('限时特惠'))).toBe(false)
  const flash = await seen(FLASH)
  expectAgreement(flash, true)
  // seeded around the emulator's clock: the sale ends in days ("距结束 3天"), not years
  const left = flash.page.price.campaign!.endsAt - t.emu.clock.now()
  expect(left > 2 * DAY && left <= 3 * DAY).toBe(true)
  const { items } = ok(await t.callAs(SHOPPER_1, 'catalog.search', { pageSize: 50 }))
  for (const c of items) expect(c.tags.includes('限时特惠')).toBe(c.campaignPrice !== undefined)
})

test('a campaign not started yet: nothing until its window opens, then everything at once', async () => {
  expectAgreement(await seen(LATER), false)
  t.emu.clock.advance(DAY + 60_000)
  const s = await seen(LATER)
  expectAgreement(s, true)
  expect(s.page.price.campaign?.id).toBe('cmp_later')
})
