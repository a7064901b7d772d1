/**
 * The purchase journey on the weapp build (the twin of e2e/journeys/02-purchase.ts up to the paid order):
 * home -> search -> product detail -> SKU -> cart -> checkout -> WeChat Pay -> the order shows paid.
 * 王大力 (o_demo_shopper_3): not a member, no wallet money, one default address — he pays with WeChat Pay.
 */
import { formatPrice } from '@mall/domain'
import type { Emulator } from '../../emulator/src'
import { startBackend } from '../harness/backend'
import { launch, type Mini } from '../harness/mini'

const SHOPPER = 'o_demo_shopper_3'
const KEYWORD = '5G手机'
const PRODUCT_ID = 'p0001' // 云帆 2026新款 5G手机 A80: 曜石黑 / 128GB is sold out, 曜石黑 / 256GB has 3 left
const PICK = { 颜色: '星光白', 存储: '256GB' }

interface OrderRow {
  _id: string
  status: string
  totals: { payable: number }
  lines: Array<{ skuId: string; quantity: number }>
}

let emu: Emulator
let mini: Mini
let title: string
let skuId: string

beforeAll(async () => {
  emu = await startBackend()
  const product = emu.db.find('products', { _id: PRODUCT_ID })[0] as { title: string } | undefined
  const sku = emu.db.find('skus', {
    spuId: PRODUCT_ID,
    'specs.颜色': PICK.颜色,
    'specs.存储': PICK.存储,
  })[0] as { _id: string } | undefined
  if (!product || !sku)
    throw new Error(`seed product ${PRODUCT_ID} or its SKU ${JSON.stringify(PICK)} missing`)
  title = product.title
  skuId = sku._id
})

afterAll(async () => {
  mini?.close()
  await emu?.stop()
})

const ordersOf = () => emu.db.find('orders', { openid: SHOPPER }) as OrderRow[]

it('home shows the catalogue from catalog.home', async () => {
  mini = await launch({ emu, as: SHOPPER })
  expect(mini.route).toBe('pages/home/index')
  await mini.waitFor(() => mini.$$('.product-card').length > 0, { message: 'home should list products' })
  expect(mini.cloud.calls.map((c) => c.action)).toContain('catalog.home')
  expect(mini.$$('.product-card__title').length).toBeGreaterThan(3)
})

it('search, open the product, pick the SKU, add to cart', async () => {
  const box = mini.get('van-search')
  await mini.type(box, KEYWORD)
  await mini.confirm(box)
  await mini.waitFor(() => mini.route === 'packages/goods/search/index', { message: 'search page' })
  const card = await mini.waitFor(() =>
    mini.$$('.product-card').find((c) => mini.text(c.querySelector('.product-card__title')!) === title),
  )
  const titles = mini.$$('.product-card__title').map((t) => mini.text(t))
  expect(titles.every((t) => t.includes(KEYWORD))).toBe(true)

  await mini.tap(card)
  await mini.waitFor(() => mini.route === 'packages/goods/detail/index', { message: 'detail page' })
  await mini.waitFor(() => mini.text(mini.get('.goods-detail__title')) === title)

  await mini.tap(mini.getByText('加入购物车', '.van-goods-action-button, van-goods-action-button'))
  await mini.find('.sku-picker')
  const value = (v: string) => mini.getByText(v, '.sku-picker__value')
  for (const v of [PICK.颜色, PICK.存储]) {
    if (!value(v).className.includes('sku-picker__value--active')) await mini.tap(value(v))
  }
  await mini.waitFor(() => mini.text(mini.get('.sku-picker__chosen')).includes(`${PICK.颜色} / ${PICK.存储}`))
  expect(mini.text(mini.get('.sku-picker__price'))).toMatch(/^¥\d+\.\d{2}$/)

  await mini.tap(mini.getByText('加入购物车', '.sku-picker__confirm *'))
  await mini.waitFor(() => JSON.stringify(emu.db.find('carts', { _id: SHOPPER })).includes(skuId), {
    message: `the server cart should hold ${skuId}`,
  })
  await mini.findByText('已加入购物车')
})

it('the cart shows the line', async () => {
  await mini.tap(mini.getByText('购物车', 'van-goods-action-icon *'))
  await mini.waitFor(() => mini.route === 'pages/cart/index', { message: 'cart tab' })
  const line = await mini.waitFor(() => mini.$$('.cart-item').find((el) => mini.text(el).includes(title)))
  expect(mini.text(line)).toContain(PICK.颜色)
})

it('checkout and WeChat Pay: the order shows paid', async () => {
  expect(ordersOf()).toHaveLength(0)
  await mini.tap(mini.getByText('去结算', 'van-submit-bar *'))
  await mini.waitFor(() => mini.route === 'packages/order/checkout/index', { message: 'checkout page' })
  await mini.waitFor(() => mini.lines().some((l) => l.includes(title)), {
    message: 'checkout lists the product',
  })
  await mini.tap(await mini.findByText('提交订单', 'van-submit-bar *'))
  const order = await mini.waitFor(() => ordersOf().find((o) => o.status === 'awaitingPayment'), {
    message: 'submitting should create an order awaiting payment',
  })
  expect(order.lines).toEqual([expect.objectContaining({ skuId, quantity: 1 })])
  const payable = formatPrice(order.totals.payable)
  await mini.waitFor(() => mini.lines().some((l) => l.includes(payable)), {
    message: `payable ${payable} shown`,
  })

  await mini.tap(await mini.findByText('微信支付'))
  await mini.waitFor(() => ordersOf().find((o) => o._id === order._id && o.status === 'paid'), {
    message: 'the order should be paid',
  })
  await mini.waitFor(() => mini.route === 'packages/order/detail/index', { message: 'order detail page' })
  await mini.findByText('待发货')
  expect(mini.calls.filter((c) => c.api === 'requestPayment')).toHaveLength(1)
})
