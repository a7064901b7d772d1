import { formatPrice } from '@mall/domain'
import { expect, type Journey } from '../journey'
import { defects, shown } from './lib/ui'

const SHOPPER = 'o_demo_shopper_2'

interface ProductRow {
  _id: string
  title: string
  minPrice: number
  status: string
  categoryIds: string[]
}
interface CampaignRow {
  type: string
  status: string
  payPermille?: number
  startAt: Date
  endAt: Date
  scope: { type: 'all' | 'products' | 'categories'; ids?: string[] }
}

/** What a card should lead with: the running limited-time discount's price (lowest wins), else the list price. */
function expectedCardPrice(p: ProductRow, campaigns: CampaignRow[], now: number): number {
  const permilles = campaigns
    .filter((c) => c.type === 'discount' && c.status === 'active' && c.payPermille !== undefined)
    .filter((c) => c.startAt.getTime() <= now && c.endAt.getTime() > now)
    .filter(
      (c) =>
        c.scope.type === 'all' ||
        (c.scope.type === 'products' && (c.scope.ids ?? []).includes(p._id)) ||
        (c.scope.type === 'categories' && p.categoryIds.some((id) => (c.scope.ids ?? []).includes(id))),
    )
    .map((c) => c.payPermille as number)
  return permilles.length ? Math.floor((p.minPrice * Math.min(...permilles)) / 1000) : p.minPrice
}
interface CategoryRow {
  _id: string
  name: string
}

/** The home page: one cloud call paints banners, category shortcuts and a feed of seeded products. */
export const journey: Journey = {
  title: 'home: seeded banners, categories and product feed from one catalog.home call',
  async run({ page, stack, screenshot }) {
    const seen = defects(page)
    const shopCalls: string[] = []
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/functions/shop')
        shopCalls.push(String((JSON.parse(r.postData() ?? '{}') as { action?: string }).action))
    })

    await page.goto(stack.as(SHOPPER, '/pages/home/index'))
    await shown(page, '.product-card').first().waitFor({ timeout: 30_000 })
    // images and any stray second call get a moment to show up
    await page.waitForLoadState('networkidle')
    await seen.images('home')
    await screenshot('home-first-screen')

    expect(
      shopCalls.length === 1 && shopCalls[0] === 'catalog.home',
      `the first screen should cost exactly one /functions/shop call (catalog.home), saw: ${JSON.stringify(shopCalls)}`,
    )

    const bannerImages = shown(page, '.home__banner .home__banner-image')
    expect((await bannerImages.count()) >= 1, 'no banner image on the home page')

    const seedCats = stack.emu.db.find('categories', {}) as CategoryRow[]
    const catNames = new Set(seedCats.map((c) => c.name))
    const shortcuts = (await shown(page, '.home__category-name').allInnerTexts()).map((t) => t.trim())
    expect(shortcuts.length >= 4, `expected category shortcuts, saw ${shortcuts.length}`)
    for (const name of shortcuts)
      expect(catNames.has(name), `category shortcut "${name}" is not a seeded category`)

    const products = stack.emu.db.find('products', {}) as ProductRow[]
    const byTitle = new Map(products.map((p) => [p.title, p]))
    const campaigns = stack.emu.db.find('campaigns', {}) as CampaignRow[]
    const now = stack.emu.clock.now()
    const cards = shown(page, '.home__feed .product-card')
    const count = await cards.count()
    expect(count >= 10, `expected >= 10 product cards, saw ${count}`)
    for (let i = 0; i < count; i++) {
      const card = cards.nth(i)
      const title = (await card.locator('.product-card__title').innerText()).trim()
      const price = (await card.locator('.product-card__price').innerText()).trim()
      const seeded = byTitle.get(title)
      expect(seeded, `card ${i + 1} "${title}" is not a seeded product`)
      expect(
        seeded.status === 'onShelf',
        `card "${title}" shows a product that is ${seeded.status}, not on shelf`,
      )
      expect(/^¥\d+(\.\d{2})?$/.test(price), `card "${title}" price "${price}" is not a ¥ price`)
      const lead = expectedCardPrice(seeded, campaigns, now)
      expect(
        price === formatPrice(lead),
        `card "${title}" shows ${price}, expected ${formatPrice(lead)} (lowest price ${formatPrice(seeded.minPrice)})`,
      )
      if (lead < seeded.minPrice) {
        const struck = (await card.locator('.product-card__market').innerText()).trim()
        expect(
          struck === formatPrice(seeded.minPrice),
          `card "${title}" campaign price without the list price ${formatPrice(seeded.minPrice)} struck through`,
        )
      }
    }

    await shown(page, '.home__feed').scrollIntoViewIfNeeded()
    await page.mouse.wheel(0, 600)
    await screenshot('home-feed')
    seen.assertNone()
  },
}
