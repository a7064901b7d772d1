import { formatPrice } from '@mall/domain'
import { expect, type Journey } from '../journey'
import { identityInitScript } from '../stack'
import { eventually, defects, onPage, shown, textOf, visibleText } from './lib/ui'

// 王大力: not a member, no wallet money, one default address — he pays with WeChat Pay
const SHOPPER = 'o_demo_shopper_3'
const ADMIN = 'o_demo_admin'
const KEYWORD = '5G手机'
const BRAND = '云帆'
const MIN_PRICE = 500_000 // fen
const PRODUCT_ID = 'p0001' // 云帆 2026新款 5G手机 A80: 曜石黑 / 128GB is sold out, 曜石黑 / 256GB has 3 left
const PICK = { 颜色: '星光白', 存储: '256GB' }
const CARRIER = '中通快递' // not the form's default
const TRACKING_NO = 'SF1234567890'
const DAY = 86_400_000

const SEARCH = '/packages/goods/search/index'
const DETAIL = '/packages/goods/detail/index'
const CART = '/pages/cart/index'
const CHECKOUT = '/packages/order/checkout/index'
const ORDER = '/packages/order/detail/index'
const ADMIN_HOME = '/packages/admin/index/index'

interface ProductRow {
  title: string
  minPrice: number
}

interface OrderRow {
  _id: string
  orderNo: string
  openid: string
  status: string
  totals: { payable: number }
  lines: Array<{ skuId: string; quantity: number }>
  payment: { method: string } | null
  shipment?: { carrier: string; trackingNo: string }
  shippingUpload?: { ok: boolean }
}

/** Issue 4's browser journey: search -> filter -> detail -> SKU -> cart -> checkout -> cashier -> ship -> receive -> complete. */
export const journey: Journey = {
  title: 'purchase: search, filter, SKU, cart, checkout, WeChat Pay at the cashier, ship, receive, complete',
  async run({ page, stack, screenshot }) {
    const seen = defects(page)
    const db = stack.emu.db
    const product = db.find('products', { _id: PRODUCT_ID })[0] as { title: string } | undefined
    expect(product, `seed product ${PRODUCT_ID} missing`)
    const sku = db.find('skus', {
      spuId: PRODUCT_ID,
      'specs.颜色': PICK.颜色,
      'specs.存储': PICK.存储,
    })[0] as { _id: string } | undefined
    expect(sku, `seed SKU ${JSON.stringify(PICK)} of ${PRODUCT_ID} missing`)
    const ordersOf = () => db.find('orders', { openid: SHOPPER }) as OrderRow[]
    expect(ordersOf().length === 0, `${SHOPPER} should start without orders`)

    // 1. search from the home page's search box
    await page.goto(stack.as(SHOPPER, '/pages/home/index'))
    await shown(page, '.product-card').first().waitFor({ timeout: 30_000 })
    const box = shown(page, '.m-search input').first()
    await box.fill(KEYWORD)
    await box.press('Enter')
    await onPage(stack, page, SEARCH, 'search', '.product-card')
    const titles = async () =>
      (await shown(page, '.product-card__title').allInnerTexts()).map((t) => t.trim())
    const found = await titles()
    expect(found.length > 0 && found.every((t) => t.includes(KEYWORD)), `search "${KEYWORD}" showed ${found}`)
    await screenshot('search-results')

    // 2. filter: brand 云帆 and at least ¥5000 (the product's cheapest SKU is above, the other 云帆 phone's dearest below)
    await textOf(page, '筛选', '.search__filter-button').click()
    await shown(page, '.filters').first().waitFor()
    // the popup resets its draft once it has opened and then loads the categories: choose after that
    await shown(page, '.filters__category').first().waitFor()
    const brand = shown(page, '.filters__brand').filter({ hasText: BRAND })
    await brand.click()
    const minField = shown(page, '.filters__price-min input')
    await minField.fill(String(MIN_PRICE / 100))
    await eventually(
      async () =>
        ((await brand.getAttribute('class')) ?? '').includes('chip--active') &&
        (await minField.inputValue()) === String(MIN_PRICE / 100),
      `the filter popup should hold brand ${BRAND} and the minimum price`,
    )
    await screenshot('filter-popup')
    await textOf(page, '确定', '.filters [role=button]').click()
    const expected = (db.find('products', { brandId: 'b02', status: 'onShelf' }) as ProductRow[])
      .filter((p) => p.title.includes(KEYWORD) && p.minPrice >= MIN_PRICE)
      .map((p) => p.title)
    expect(
      expected.length === 1 && expected[0] === product.title,
      `the seed changed: expected only ${product.title}, got ${expected}`,
    )
    await eventually(
      async () => JSON.stringify(await titles()) === JSON.stringify(expected),
      `after filtering by ${BRAND} and >= ${formatPrice(MIN_PRICE)}, the results should be exactly ${expected}`,
    )
    expect(
      (await shown(page, '.search__filter-button').innerText()).includes('筛选(2)'),
      'the filter button should say two filters are on',
    )
    await screenshot('search-filtered')

    // 3. product detail
    await shown(page, '.product-card').filter({ hasText: product.title }).first().click()
    await onPage(stack, page, DETAIL, 'product detail', '.goods-detail__title')
    expect(
      (await shown(page, '.goods-detail__title').first().innerText()).trim() === product.title,
      'detail page shows another product',
    )
    await seen.images('product detail')
    await screenshot('detail')

    // 4. choose the SKU: the sold-out combination is disabled, the picked one shows its price
    await textOf(page, '加入购物车', '.m-goods-action__button').click()
    await shown(page, '.sku-picker').first().waitFor()
    const value = (v: string) => shown(page, '.sku-picker__value').filter({ hasText: new RegExp(`^${v}$`) })
    await ensureSelected(value('曜石黑'))
    expect(
      ((await value('128GB').getAttribute('class')) ?? '').includes('sku-picker__value--disabled'),
      '曜石黑 / 128GB is sold out but its value is not disabled in the SKU picker',
    )
    await ensureSelected(value('256GB'))
    await eventually(
      async () => (await shown(page, '.sku-picker__stock').innerText()).includes('仅剩3件'),
      '曜石黑 / 256GB has 3 in stock: the picker should say 仅剩3件',
    )
    await screenshot('sku-sold-out-disabled-and-few-left')
    await ensureSelected(value(PICK.颜色))
    await ensureSelected(value(PICK.存储))
    await eventually(
      async () =>
        (await shown(page, '.sku-picker__chosen').innerText()).includes(`${PICK.颜色} / ${PICK.存储}`),
      'the SKU picker should say which combination is chosen',
    )
    const pickerPrice = (await shown(page, '.sku-picker__price').innerText()).trim()
    expect(/^¥\d+\.\d{2}$/.test(pickerPrice), `SKU price "${pickerPrice}" is not a ¥ price`)
    await screenshot('sku-chosen')
    await textOf(page, '加入购物车', '.sku-picker__confirm *').click()
    await eventually(
      () => JSON.stringify(db.find('carts', { _id: SHOPPER })).includes(sku._id),
      `the server cart should hold ${sku._id} after 加入购物车`,
    )
    await screenshot('added-to-cart')

    // 5. cart -> 去结算
    await shown(page, '.m-goods-action__icon').filter({ hasText: '购物车' }).click()
    await onPage(stack, page, CART, 'cart', '.cart-item')
    const item = shown(page, '.cart-item').filter({ hasText: product.title })
    await item.waitFor()
    expect(
      (await item.innerText()).includes(PICK.颜色),
      `the cart line should show the chosen spec ${PICK.颜色}`,
    )
    await seen.images('cart')
    await screenshot('cart')
    await shown(page, '.m-submit-bar__button').filter({ hasText: '去结算' }).click()

    // 6. checkout -> 提交订单
    await onPage(stack, page, CHECKOUT, 'checkout', '.m-submit-bar__button')
    await eventually(
      async () => (await visibleText(page)).includes(product.title),
      'checkout should list the product',
    )
    const address = db.find('addresses', { openid: SHOPPER, isDefault: true })[0] as {
      name: string
      // sealed at rest: the mask is all a reader of the database gets
      phone: { m: string }
    }
    const [phoneHead, phoneTail] = [address.phone.m.slice(0, 3), address.phone.m.slice(-4)]
    await eventually(async () => {
      const t = await visibleText(page)
      return t.includes(address.name) && new RegExp(`${phoneHead}\\d{4}${phoneTail}`).test(t)
    }, `checkout should show the default address of ${address.name} with the full phone ${address.phone.m}`)
    await seen.images('checkout')
    await screenshot('checkout')
    await shown(page, '.m-submit-bar__button').filter({ hasText: '提交订单' }).click()
    const order = await eventually(
      () => ordersOf().find((o) => o.status === 'awaitingPayment'),
      'submitting should create an order awaiting payment',
    )
    expect(
      order.lines.length === 1 && order.lines[0]!.skuId === sku._id && order.lines[0]!.quantity === 1,
      `order lines ${JSON.stringify(order.lines)} should be one ${sku._id}`,
    )
    const payable = formatPrice(order.totals.payable)
    await eventually(
      async () => (await visibleText(page)).includes(payable),
      `the page should show the payable ${payable}`,
    )

    // 7. 微信支付 -> the emulator's cashier -> 确认支付
    await textOf(page, '微信支付', '[role=button]').waitFor()
    await screenshot('pay-sheet')
    await textOf(page, '微信支付', '[role=button]').click()
    await page.waitForURL(/\/__pay\/cashier/, { timeout: 15_000 })
    const cashierAmount = (await page.locator('[data-testid=cashier-amount]').innerText()).trim()
    expect(
      cashierAmount === payable,
      `the cashier asks for ${cashierAmount}, the order's payable is ${payable}`,
    )
    await screenshot('cashier')
    await page.getByRole('button', { name: '确认支付' }).click()

    // 8. back on the order page, which shows the paid order
    await onPage(stack, page, ORDER, 'order detail', '.order-detail__status')
    await statusShown(page, '待发货')
    await eventually(
      () => ordersOf().find((o) => o._id === order._id && o.status === 'paid'),
      'order should be paid',
    )
    await seen.images('order detail')
    await screenshot('order-paid')

    // 9. the merchant ships it in the admin subpackage, on another browser, while the shopper's page stays open
    const browser = page.context().browser()
    expect(browser, 'no browser to open the merchant session in')
    const merchant = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2 })
    try {
      await merchant.addInitScript(identityInitScript)
      const admin = await merchant.newPage()
      await admin.goto(stack.as(ADMIN, ADMIN_HOME))
      await onPage(stack, admin, ADMIN_HOME, 'admin orders', '.admin-order')
      const row = shown(admin, '.admin-order').filter({ hasText: order.orderNo })
      await row.waitFor()
      expect(
        (await row.innerText()).includes(payable) && (await row.innerText()).includes(address.phone.m),
        `the merchant row should show the payable ${payable} and a masked phone`,
      )
      await seen.images('admin orders', admin)
      await screenshot('admin-orders', admin)
      await row
        .locator('[role=button]')
        .filter({ hasText: /^发货$/ })
        .click()
      await shown(admin, '.ship-form').first().waitFor()
      // the ship form (and only it) opens the receiver's phone in full, for the waybill
      await eventually(async () => {
        const t = await shown(admin, '.ship-form__receiver').innerText()
        return t.includes(address.name) && new RegExp(`${phoneHead}\\d{4}${phoneTail}`).test(t)
      }, `the ship form should show ${address.name} with the full phone ${address.phone.m}`)
      const radio = shown(admin, '.ship-form [role=radio]').filter({ hasText: CARRIER })
      await radio.click()
      await eventually(
        async () => (await radio.getAttribute('aria-checked')) === 'true',
        `${CARRIER} not chosen`,
      )
      await shown(admin, '.ship-form input').first().fill(TRACKING_NO)
      await screenshot('admin-ship-form', admin)
      await textOf(admin, '确认发货', '.ship-form [role=button]').click()
      const shipped = await eventually(
        () => ordersOf().find((o) => o._id === order._id && o.status === 'shipped'),
        'the order should be shipped after 确认发货',
      )
      expect(
        shipped.shipment?.carrier === CARRIER && shipped.shipment.trackingNo === TRACKING_NO,
        `shipment ${JSON.stringify(shipped.shipment)} should be ${CARRIER} ${TRACKING_NO}`,
      )
      await eventually(
        () => ordersOf().find((o) => o._id === order._id)?.shippingUpload?.ok,
        'shipping a WeChat Pay order should record the shipping-information upload',
      )
      // the shopper's open order page follows within 2 s, no refresh
      await statusShown(page, '待收货', 2_500)
      await eventually(
        async () => (await shown(admin, '.admin-order').filter({ hasText: order.orderNo }).count()) === 0,
        'the shipped order should leave the to-ship list',
      )
      await screenshot('admin-shipped', admin)
    } finally {
      await merchant.close()
    }

    // 10. the shopper sees it shipped and confirms receipt
    const text = await visibleText(page)
    expect(
      text.includes(TRACKING_NO) && text.includes(CARRIER),
      'the order page should show carrier and tracking number',
    )
    await screenshot('order-shipped')
    await textOf(page, '确认收货', '[role=button]').click()
    await shown(page, '.m-dialog__button--confirm').click()
    await statusShown(page, '已收货')
    await eventually(
      () => ordersOf().find((o) => o._id === order._id && o.status === 'received'),
      'order received',
    )
    await screenshot('order-received')

    // 11. after the after-sales window the cron job completes it; the open page shows it without a refresh
    const settings = db.find('settings', { _id: 'trade' })[0] as { autoCompleteDays?: number } | undefined
    stack.emu.clock.advance(((settings?.autoCompleteDays ?? 7) + 1) * DAY)
    const cron = (await stack.emu.functions.invoke('cron', {}, { triggerSrc: 'timer' })) as { ok: boolean }
    expect(cron.ok, `cron refused the timer run: ${JSON.stringify(cron)}`)
    await eventually(
      () => ordersOf().find((o) => o._id === order._id && o.status === 'completed'),
      'order completed',
    )
    await statusShown(page, '已完成', 2_500)
    await screenshot('order-completed')
    seen.assertNone()
  },
}

/** Clicks a spec value unless it is already the chosen one (the page may preselect). */
async function ensureSelected(value: import('playwright-core').Locator): Promise<void> {
  if (!((await value.getAttribute('class')) ?? '').includes('sku-picker__value--active')) await value.click()
  await eventually(
    async () => ((await value.getAttribute('class')) ?? '').includes('sku-picker__value--active'),
    `spec value "${await value.innerText()}" did not become selected`,
  )
}

async function statusShown(page: import('playwright-core').Page, label: string, timeout = 10_000) {
  await eventually(
    async () => (await shown(page, '.order-detail__status').first().innerText()).includes(label),
    `the order page should show the status ${label}`,
    timeout,
  )
}
