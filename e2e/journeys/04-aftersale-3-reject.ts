import { errorMessage } from '@mall/contract'
import { expect, type Journey } from '../journey'
import { ADMIN, orderUpTo, pickSku } from './lib/shop'
import { defects, eventually, onPage, shown, textOf, visibleText } from './lib/ui'

// 张小明 (shopper 1) pays by WeChat Pay this time; the parcel is on its way when he asks
const SHOPPER = 'o_demo_shopper_1'
const APPLY = '/packages/aftersale/apply/index'
const DETAIL = '/packages/aftersale/detail/index'
const QUEUE = '/packages/admin/aftersales/index'
const ADMIN_DETAIL = '/packages/admin/aftersales/detail/index'
const REASON = '包裹已在派送途中，请签收后再申请'

interface AftersaleRow {
  _id: string
  status: string
  rejectReason?: string
}

/** The merchant refuses a refund on a shipped order with a reason; the shopper reads that reason. */
export const journey: Journey = {
  title: 'after-sales reject: shipped order, 仅退款, merchant rejects with a reason the shopper sees',
  async run({ page, stack, screenshot }) {
    const seen = defects(page)
    const db = stack.emu.db
    const sku = pickSku(stack, 6_000, 3)
    const orderId = await orderUpTo(stack, SHOPPER, {
      skuId: sku._id,
      quantity: 1,
      pay: 'wechat',
      stage: 'shipped',
      tag: 'as_reject',
    })
    const requests = () => db.find('aftersales', { orderId }) as AftersaleRow[]

    // 1. the shopper asks for a refund only
    await page.goto(stack.as(SHOPPER, `${APPLY}?orderId=${orderId}`))
    await onPage(stack, page, APPLY, 'after-sales apply', '.apply-line')
    await textOf(page, '仅退款', '.m-checkbox__label').click()
    await textOf(page, '申请原因', '.m-cell__title *').click()
    await textOf(page, '快递一直未送达', '.m-checkbox__label').click()
    await eventually(async () => !(await visibleText(page)).includes('计算中'), 'the quote should show')
    // content security refuses the text: the server's message is shown, the corrected form goes through
    await shown(page, 'textarea').fill('快递一直不到，违禁')
    await shown(page, '.m-submit-bar__button').click()
    await eventually(
      async () =>
        (await shown(page, '.as-error').allInnerTexts()).join('').includes(errorMessage('CONTENT_RISKY')),
      `a risky description should show "${errorMessage('CONTENT_RISKY')}"`,
    )
    expect(requests().length === 0, 'a refused request must not be stored')
    await screenshot('content-risky')
    await shown(page, 'textarea').fill('快递一直不到，物流信息三天没有更新')
    await shown(page, '.m-submit-bar__button').click()
    await eventually(() => requests()[0]?.status === 'requested', 'the request should be stored')
    const request = requests()[0]!

    // 2. the merchant rejects: the reason is required
    await page.goto(stack.as(ADMIN, `${ADMIN_DETAIL}?id=${request._id}`))
    await onPage(stack, page, ADMIN_DETAIL, 'after-sales admin detail', '.as-actions')
    expect((await visibleText(page)).includes('已发货'), 'the merchant should see the order was shipped')
    await textOf(page, '拒绝', '[role=button]').click()
    await textOf(page, '确认拒绝', '[role=button]').click()
    await eventually(
      async () => (await visibleText(page)).includes('请填写拒绝原因'),
      'rejecting without a reason should be refused on the form',
    )
    await screenshot('reject-needs-reason')
    await shown(page, '.as-form textarea').fill(REASON)
    await textOf(page, '确认拒绝', '[role=button]').click()
    await eventually(() => requests()[0]?.status === 'rejected', 'the request should be rejected')
    expect(requests()[0]?.rejectReason === REASON, `stored reason: ${requests()[0]?.rejectReason}`)
    await eventually(
      async () => (await visibleText(page)).includes('商家已拒绝'),
      'admin page shows 商家已拒绝',
    )
    await screenshot('admin-rejected')

    // 3. the queue counts it as done
    await page.goto(stack.as(ADMIN, QUEUE))
    await onPage(stack, page, QUEUE, 'after-sales queue', '.m-tabs__tab')
    await textOf(page, '已完成', '.m-tabs__tab').click()
    await eventually(
      async () =>
        (await visibleText(page)).includes(REASON) || (await shown(page, '.admin-as__row').count()) > 0,
      'the 已完成 tab should list the rejected request',
    )
    await screenshot('queue-done')

    // 4. the shopper reads why
    await page.goto(stack.as(SHOPPER, `${DETAIL}?id=${request._id}`))
    await onPage(stack, page, DETAIL, 'after-sales detail', '.as-banner__status')
    const text = await visibleText(page)
    expect(text.includes('商家已拒绝'), 'the shopper should see 商家已拒绝')
    expect(text.includes(`拒绝原因：${REASON}`), 'the shopper should see the merchant’s reason')
    await seen.images('after-sales detail')
    await screenshot('shopper-sees-reason')
    seen.assertNone()
  },
}
