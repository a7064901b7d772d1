import { formatPrice } from '@mall/domain'
import { expect, type Journey } from '../journey'
import { afterHours, orderUpTo, pickSku, runCron } from './lib/shop'
import { defects, eventually, onPage, shown, textOf, visibleText } from './lib/ui'

// 陈美玲 (shopper 4, no member perks: she pays shipping) pays by WeChat Pay; the merchant never answers
const SHOPPER = 'o_demo_shopper_4'
const ORDER = '/packages/order/detail/index'
const ORDERS = '/packages/order/list/index'
const APPLY = '/packages/aftersale/apply/index'
const DETAIL = '/packages/aftersale/detail/index'
const LIST = '/packages/aftersale/list/index'

interface AftersaleRow {
  _id: string
  status: string
  amount: number
}

/**
 * Refund only on a paid, unshipped order: the whole order (shipping included) is asked back; nobody answers,
 * 48 hours later the clock approves it; the WeChat refund completes and the open page shows it by itself.
 */
export const journey: Journey = {
  title:
    'after-sales refund only: paid order, 仅退款 with shipping, unanswered 48 h, auto-approved, refunded',
  async run({ page, stack, screenshot }) {
    const seen = defects(page)
    const db = stack.emu.db
    const sku = pickSku(stack, 6_000, 2)
    const orderId = await orderUpTo(stack, SHOPPER, {
      skuId: sku._id,
      quantity: 1,
      pay: 'wechat',
      stage: 'paid',
      tag: 'as_refund',
    })
    const order = db.find('orders', { _id: orderId })[0] as { totals: { payable: number; shipping: number } }
    const requests = () => db.find('aftersales', { orderId }) as AftersaleRow[]

    // 1. 申请售后 on the paid order: 仅退款 of everything, shipping included
    await page.goto(stack.as(SHOPPER, `${APPLY}?orderId=${orderId}`))
    await onPage(stack, page, APPLY, 'after-sales apply', '.apply-line')
    const typeText = await shown(page, '.apply-type').innerText()
    expect(typeText.includes('仅退款'), `a paid order should offer 仅退款, offers: ${typeText}`)
    await textOf(page, '仅退款', '.m-checkbox__label').click()
    const quoted = await eventually(
      async () => {
        const t = await visibleText(page)
        return t.includes(formatPrice(order.totals.payable)) && !t.includes('计算中') ? t : null
      },
      `the quote should offer the whole payable ${formatPrice(order.totals.payable)}`,
    )
    expect(order.totals.shipping > 0, 'the order should carry a shipping fee')
    expect(quoted.includes('含运费'), 'the whole unshipped order back includes 运费 (含运费)')
    await textOf(page, '申请原因', '.m-cell__title *').click()
    await textOf(page, '不想要了', '.m-checkbox__label').click()
    await seen.images('after-sales apply')
    await screenshot('apply-refund-only')
    await shown(page, '.m-submit-bar__button').click()
    await eventually(
      async () => (await visibleText(page)).includes('售后申请已提交'),
      'submit should succeed',
    )
    const [request] = requests()
    expect(request && request.status === 'requested', `one request expected: ${JSON.stringify(requests())}`)
    expect(request.amount === order.totals.payable, `asked ${request.amount}, paid ${order.totals.payable}`)

    // 2. the request says when the clock will act
    await textOf(page, '查看详情', '[role=button]').click()
    await onPage(stack, page, DETAIL, 'after-sales detail', '.as-banner__due')
    const due = await shown(page, '.as-banner__due').innerText()
    expect(/剩余/.test(due), `the banner should count down to the auto-approval, says "${due}"`)
    await screenshot('waiting-for-merchant')

    // 3. 48 hours without an answer: cron approves; the WeChat refund is settled by the sandbox and polled
    await afterHours(stack, 48.1)
    await eventually(
      async () => {
        await stack.emu.pay.flush()
        if (requests()[0]?.status !== 'refunded') await runCron(stack)
        return requests()[0]?.status === 'refunded'
      },
      `the request should be refunded after the auto-approval, is ${requests()[0]?.status}`,
      20_000,
      500,
    )
    // the open page polls: no reload
    await eventually(
      async () => (await visibleText(page)).includes('已退款'),
      'the open page should show 已退款',
    )
    const text = await visibleText(page)
    expect(text.includes('原路退回微信'), 'the refund goes back to WeChat Pay')
    expect(text.includes('自动'), 'the timeline should say the request was approved automatically')
    await screenshot('auto-approved-refunded')

    // 4. the order and the lists show it
    await page.goto(stack.as(SHOPPER, `${ORDER}?id=${orderId}`))
    await onPage(stack, page, ORDER, 'order detail', '.order-aftersale')
    await eventually(
      async () => (await visibleText(page)).includes(`售后已退款 ${formatPrice(order.totals.payable)}`),
      'the order page should show the refunded total',
    )
    expect(
      (await shown(page, '[role=button]').filter({ hasText: '申请售后' }).count()) === 0,
      'a fully refunded order offers no more 申请售后',
    )
    await screenshot('order-refunded')
    await page.goto(stack.as(SHOPPER, ORDERS))
    await onPage(stack, page, ORDERS, 'order list', '.order-card')
    await eventually(
      async () => (await shown(page, '.order-list__aftersale').count()) > 0,
      'the order list should tag the order with its after-sales label',
    )
    await screenshot('order-list-tag')
    await shown(page, '.order-list__aftersales').click()
    await onPage(stack, page, LIST, 'after-sales list', '.as-card')
    expect((await visibleText(page)).includes('已退款'), 'the after-sales list shows 已退款')
    await seen.images('after-sales list')
    await screenshot('aftersale-list')
    seen.assertNone()
  },
}
