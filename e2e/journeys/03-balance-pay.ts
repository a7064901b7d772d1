import { errorMessage } from '@mall/contract'
import { formatPrice } from '@mall/domain'
import { expect, type Journey } from '../journey'
import { eventually, defects, onPage, shown, textOf, visibleText } from './lib/ui'

// 张小明: a member with ¥550.00 in the wallet
const SHOPPER = 'o_demo_shopper_1'
const PRODUCT_ID = 'p0092' // 知味 青春版 饼干 N95: one buyable combination, ¥19.00

const DETAIL = '/packages/goods/detail/index'
const CHECKOUT = '/packages/order/checkout/index'
const ORDER = '/packages/order/detail/index'
const ADMIN_HOME = '/packages/admin/index/index'

interface OrderRow {
  _id: string
  status: string
  totals: { payable: number }
  lines: Array<{ skuId: string; quantity: number }>
  payment: { method: string } | null
  pointsUsed: number
}
interface Wallet {
  balance: number
}
interface LedgerRow {
  amount: number
  balanceAfter: number
  kind: string
}

/** Buy now -> checkout, ticking 积分 -> 余额支付: the order is paid and the wallet goes down by exactly the payable. */
export const journey: Journey = {
  title:
    'balance pay: buy now, checkout with points, 余额支付 showing the balance, order paid, wallet debited by the payable',
  async run({ page, stack, screenshot }) {
    const seen = defects(page)
    const db = stack.emu.db
    const product = db.find('products', { _id: PRODUCT_ID })[0] as { title: string } | undefined
    expect(product, `seed product ${PRODUCT_ID} missing`)
    const sku = db.find('skus', { spuId: PRODUCT_ID })[0] as { _id: string; stock: number } | undefined
    expect(sku, `seed SKU of ${PRODUCT_ID} missing`)
    const wallet = () => db.find('wallets', { _id: SHOPPER })[0] as Wallet
    const ledger = () => db.find('ledger', { walletId: SHOPPER }) as LedgerRow[]
    const before = wallet().balance
    const ledgerBefore = ledger().length
    const known = new Set((db.find('orders', { openid: SHOPPER }) as OrderRow[]).map((o) => o._id))
    const newOrders = () =>
      (db.find('orders', { openid: SHOPPER }) as OrderRow[]).filter((o) => !known.has(o._id))

    // 1. the product page -> 立即购买 (the only combination is preselected)
    await page.goto(stack.as(SHOPPER, `${DETAIL}?id=${PRODUCT_ID}`))
    await onPage(stack, page, DETAIL, 'product detail', '.goods-detail__title')
    await seen.images('product detail')
    await screenshot('detail')
    await textOf(page, '立即购买', '.m-goods-action__button').click()
    await shown(page, '.sku-picker').first().waitFor()
    await screenshot('sku-picker')
    await textOf(page, '立即购买', '.sku-picker__confirm *').click()

    // 2. checkout of that one SKU
    await onPage(stack, page, CHECKOUT, 'checkout', '.m-submit-bar__button')
    await eventually(
      async () => (await visibleText(page)).includes(product.title),
      'checkout should list the product',
    )
    await seen.images('checkout')
    await screenshot('checkout')

    // points: the row offers what this order may take; ticking it takes that off what is paid
    const points = shown(page, '.checkout__points')
    const offer = /可用 (\d+) 积分抵扣 ¥(\d+\.\d{2})/.exec(await points.innerText())
    expect(offer, `the points row should offer a deduction, says ${await points.innerText()}`)
    const payableOf = async () => Number((await shown(page, '.m-submit-bar .m-price').innerText()).slice(1))
    const withoutPoints = await payableOf()
    await points.click()
    await eventually(
      async () => (await points.innerText()).includes(`已用 ${offer[1]} 积分`),
      'ticking 积分 should use the offered points',
    )
    await eventually(
      async () => Math.abs((await payableOf()) - (withoutPoints - Number(offer[2]))) < 0.001,
      `the payable should drop by ¥${offer[2]} from ¥${withoutPoints}`,
    )
    await screenshot('checkout-points')
    await shown(page, '.m-submit-bar__button').filter({ hasText: '提交订单' }).click()
    const order = await eventually(
      () => newOrders().find((o) => o.status === 'awaitingPayment'),
      'submitting should create an order awaiting payment',
    )
    expect(
      order.lines.length === 1 && order.lines[0]!.skuId === sku._id && order.lines[0]!.quantity === 1,
      `buy now should order one ${sku._id}, got ${JSON.stringify(order.lines)}`,
    )
    const payable = order.totals.payable
    expect(
      order.pointsUsed === Number(offer[1]),
      `the order should use the ${offer[1]} points the page showed`,
    )
    expect(payable > 0 && payable <= before, `payable ${payable} should be covered by the balance ${before}`)
    await eventually(
      async () => (await visibleText(page)).includes(formatPrice(payable)),
      `the page should show the payable ${formatPrice(payable)}`,
    )

    // 3. 余额支付
    await textOf(page, '余额支付', '[role=button]').waitFor()
    const sheetAmount = (await shown(page, '.pay-sheet__amount').innerText()).trim()
    expect(
      sheetAmount === formatPrice(payable),
      `the pay sheet asks for ${sheetAmount}, the order's payable is ${formatPrice(payable)}`,
    )
    await eventually(
      async () => (await shown(page, '.pay-sheet__balance').innerText()).includes(formatPrice(before)),
      `the pay sheet should show the wallet balance ${formatPrice(before)}`,
    )
    await screenshot('pay-sheet')
    await textOf(page, '余额支付', '[role=button]').click()
    const paid = await eventually(
      () => newOrders().find((o) => o._id === order._id && o.status === 'paid'),
      'the order should be paid after 余额支付',
    )
    expect(
      paid.payment?.method === 'balance',
      `payment method ${JSON.stringify(paid.payment)} should be balance`,
    )
    expect(
      wallet().balance === before - payable,
      `wallet ${wallet().balance} should be ${before} - ${payable} = ${before - payable}`,
    )
    const entries = ledger()
    expect(
      entries.length === ledgerBefore + 1,
      `one ledger entry expected, ${entries.length - ledgerBefore} written`,
    )
    const entry = entries.find((e) => e.amount === -payable)
    expect(
      entry && entry.balanceAfter === before - payable,
      `no ledger entry of -${payable} ending at the balance`,
    )

    // 4. the order page shows the paid order
    await onPage(stack, page, ORDER, 'order detail', '.order-detail__status')
    await eventually(
      async () => (await shown(page, '.order-detail__status').first().innerText()).includes('待发货'),
      'the order page should show 待发货',
    )
    const text = await visibleText(page)
    expect(
      text.includes(formatPrice(payable)),
      `the order page should show the paid amount ${formatPrice(payable)}`,
    )
    expect(text.includes('余额支付'), 'the order page should say it was paid from the balance (余额支付)')
    const stockAfter = (db.find('skus', { _id: sku._id })[0] as { stock: number }).stock
    expect(stockAfter === sku.stock - 1, `stock of ${sku._id} should be ${sku.stock - 1}, is ${stockAfter}`)
    await seen.images('order detail')
    await screenshot('order-paid')

    // 5. the merchant area is not the shopper's: opened by path, it refuses and lists nothing
    await page.goto(stack.as(SHOPPER, ADMIN_HOME))
    await onPage(stack, page, ADMIN_HOME, 'admin orders', '.m-empty')
    await eventually(
      async () => (await visibleText(page)).includes(errorMessage('FORBIDDEN')),
      `a shopper opening the admin page should see "${errorMessage('FORBIDDEN')}"`,
    )
    expect((await shown(page, '.admin-order').count()) === 0, 'a shopper must not see orders to ship')
    await screenshot('admin-forbidden')
    seen.assertNone()
  },
}
