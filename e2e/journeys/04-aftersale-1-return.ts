import { formatPrice } from '@mall/domain'
import { tile } from '../../cloudfunctions/seed/png'
import { expect, type Journey } from '../journey'
import { ADMIN, orderUpTo, pickSku, releaseVerdicts, stockOf } from './lib/shop'
import { defects, eventually, onPage, shown, textOf, visibleText } from './lib/ui'

// 陈美玲 (shopper 4) has ¥123.45 in the wallet: she pays from it, so the refund lands there in one step
const SHOPPER = 'o_demo_shopper_4'
const ORDER = '/packages/order/detail/index'
const APPLY = '/packages/aftersale/apply/index'
const DETAIL = '/packages/aftersale/detail/index'
const QUEUE = '/packages/admin/aftersales/index'
const ADMIN_DETAIL = '/packages/admin/aftersales/detail/index'
const RETURN_TO = { name: '售后仓 李师傅', phone: '021-55550000', address: '上海市浦东新区张江路88号 售后部' }
const TRACKING = 'ZT7700112233'

interface AftersaleRow {
  _id: string
  status: string
  amount: number
  rating?: { score: number } | null
}

/**
 * Return and refund: a received order -> 申请售后 (one of two units, a photo) -> the merchant approves with a
 * return address -> the shopper enters the tracking number -> the merchant confirms the parcel (fine) ->
 * refunded to the wallet, the unit is back in stock -> the shopper rates the service.
 */
export const journey: Journey = {
  title: 'after-sales return: apply with a photo, approve, ship back, receive fine, refund, stock back, rate',
  async run({ page, stack, screenshot }) {
    const seen = defects(page)
    const emu = stack.emu
    const db = emu.db
    const sku = pickSku(stack, 6_000, 1)
    const orderId = await orderUpTo(stack, SHOPPER, {
      skuId: sku._id,
      quantity: 2,
      pay: 'balance',
      stage: 'received',
      tag: 'as_return',
    })
    const stockBefore = stockOf(stack, sku._id)
    const wallet = () => (db.find('wallets', { _id: SHOPPER })[0] as { balance: number }).balance
    const walletBefore = wallet()
    const requests = () => db.find('aftersales', { orderId }) as AftersaleRow[]
    // verdicts wait, so the photo is seen while content security has not answered
    emu.openapi.push.setMode('hold')
    try {
      // 1. the received order offers 申请售后
      await page.goto(stack.as(SHOPPER, `${ORDER}?id=${orderId}`))
      await onPage(stack, page, ORDER, 'order detail', '.order-detail__status')
      await screenshot('order-received')
      await textOf(page, '申请售后', '[role=button]').click()

      // 2. the form: the only line is preselected with both units; ask for one
      await onPage(stack, page, APPLY, 'after-sales apply', '.apply-line')
      await eventually(
        async () => (await visibleText(page)).includes('可退金额'),
        'the apply page should show 可退金额',
      )
      await shown(page, '[aria-label="减少"]').first().click()
      await eventually(
        async () => (await shown(page, '[aria-label="数量"]').first().innerText()).trim() === '1',
        'the stepper should go down to 1',
      )
      const quoted = await eventually(async () => {
        const t = await visibleText(page)
        return /可退金额\s*¥[\d.]+/.test(t) && !t.includes('计算中') ? t : null
      }, 'the quote for one unit should show')
      expect(quoted.includes('退货退款'), 'a received order should offer 退货退款')
      await textOf(page, '申请原因', '.m-cell__title *').click()
      await textOf(page, '商品质量问题', '.m-checkbox__label').click()
      await shown(page, 'textarea').fill('外壳有裂纹，申请退货。')
      const chooser = page.waitForEvent('filechooser')
      await shown(page, '[aria-label="添加图片"]').click()
      const png = tile({ width: 240, height: 240, bg: [240, 240, 235], fg: [120, 90, 60], shape: 'square' })
      await (await chooser).setFiles({ name: 'crack.png', mimeType: 'image/png', buffer: png })
      await eventually(
        async () => (await visibleText(page)).includes('已上传 1/1'),
        'the photo should upload',
        15_000,
      )
      await seen.images('after-sales apply')
      await screenshot('apply-filled')
      await shown(page, '.m-submit-bar__button').click()
      await eventually(
        async () => (await visibleText(page)).includes('售后申请已提交'),
        'submit should succeed',
      )
      const [request] = requests()
      expect(
        request && request.status === 'requested',
        `one request expected, got ${JSON.stringify(requests())}`,
      )
      await screenshot('apply-done')
      await textOf(page, '查看详情', '[role=button]').click()

      // 3. the shopper's request: waiting for the merchant, the photo still under review
      await onPage(stack, page, DETAIL, 'after-sales detail', '.as-banner__status')
      await eventually(
        async () => (await visibleText(page)).includes('待商家处理'),
        'the request should be 待商家处理',
      )
      expect(
        (await shown(page, '.as-photo--pending').count()) === 1,
        'the owner should see her photo as 审核中 while the check runs',
      )
      await screenshot('request-pending-photo')
      await releaseVerdicts(stack)
      emu.openapi.push.setMode('deliver')

      // 4. the merchant's queue: 待审核 with a count, then the request; approve with the return address
      await page.goto(stack.as(ADMIN, QUEUE))
      await onPage(stack, page, QUEUE, 'after-sales queue', '.admin-as__row')
      const tabs = await shown(page, '.m-tabs__tab').allInnerTexts()
      expect(tabs[0]?.includes('待审核 1'), `the 待审核 tab should count 1, tabs: ${tabs.join(' | ')}`)
      await seen.images('after-sales queue')
      await screenshot('queue-review')
      await shown(page, '.admin-as__row').first().click()
      await onPage(stack, page, ADMIN_DETAIL, 'after-sales admin detail', '.as-banner__status')
      expect((await visibleText(page)).includes('外壳有裂纹'), 'the merchant should read the description')
      await eventually(
        async () => (await shown(page, '.as-photos img').count()) === 1,
        'the passed photo shows',
      )
      await seen.images('after-sales admin detail')
      await screenshot('admin-request')
      await textOf(page, '同意退货', '[role=button]').click()
      const form = shown(page, '.as-form')
      await form.locator('input').nth(0).fill(RETURN_TO.name)
      await form.locator('input').nth(1).fill(RETURN_TO.phone)
      await form.locator('textarea').fill(RETURN_TO.address)
      await screenshot('admin-approve-form')
      await textOf(page, '同意并发送退货地址', '[role=button]').click()
      await eventually(
        () => requests()[0]?.status === 'awaitingReturn',
        'approving should wait for the parcel',
      )
      await eventually(
        async () => (await visibleText(page)).includes('待寄回商品'),
        'admin page shows 待寄回商品',
      )
      await screenshot('admin-approved')

      // 5. the shopper sees the address and enters the tracking number
      await page.goto(stack.as(SHOPPER, `${DETAIL}?id=${request._id}`))
      await onPage(stack, page, DETAIL, 'after-sales detail', '.ship-back')
      const text = await visibleText(page)
      expect(text.includes(RETURN_TO.address), 'the shopper should see the return address')
      await screenshot('ship-back-form')
      await textOf(page, '中通快递', '.m-checkbox__label').click()
      await shown(page, '.ship-back input').fill(TRACKING)
      await textOf(page, '提交运单号', '[role=button]').click()
      await eventually(() => requests()[0]?.status === 'returning', 'the request should be returning')
      await eventually(async () => (await visibleText(page)).includes(TRACKING), 'the tracking number shows')
      await screenshot('returning')

      // 6. the merchant confirms the parcel: both fine -> refund
      await page.goto(stack.as(ADMIN, `${ADMIN_DETAIL}?id=${request._id}`))
      await onPage(stack, page, ADMIN_DETAIL, 'after-sales admin detail', '.receive-form')
      await screenshot('admin-receive-form')
      await textOf(page, '确认收货并退款', '[role=button]').click()
      await textOf(page, '确认', '.m-dialog__button').click()
      const refunded = await eventually(
        () => requests().find((r) => r.status === 'refunded'),
        'the request should be refunded',
      )
      await eventually(
        async () => (await visibleText(page)).includes('已退款'),
        'the admin page shows 已退款',
      )
      await screenshot('admin-refunded')
      expect(
        wallet() === walletBefore + refunded.amount,
        `wallet ${wallet()} should be ${walletBefore} + ${refunded.amount}`,
      )
      expect(
        stockOf(stack, sku._id) === stockBefore + 1,
        `stock of ${sku._id} should be back to ${stockBefore + 1}, is ${stockOf(stack, sku._id)}`,
      )

      // 7. the shopper: refunded, rates the service
      await page.goto(stack.as(SHOPPER, `${DETAIL}?id=${request._id}`))
      await onPage(stack, page, DETAIL, 'after-sales detail', '.rate-form')
      expect((await visibleText(page)).includes(formatPrice(refunded.amount)), 'the refunded amount shows')
      await shown(page, '[aria-label="5星"]').click()
      await shown(page, '.rate-form textarea').fill('处理很快，客服态度很好。')
      await screenshot('rate-form')
      await textOf(page, '提交评价', '[role=button]').click()
      await eventually(() => requests()[0]?.rating?.score === 5, 'the rating should be stored')
      await eventually(
        async () => (await visibleText(page)).includes('我的服务评价'),
        'the rating should be shown once given',
      )
      expect((await shown(page, '.rate-form').count()) === 0, 'the rating form should be gone')
      await screenshot('rated')

      // 8. the order page: one unit refunded, the request listed
      await page.goto(stack.as(SHOPPER, `${ORDER}?id=${orderId}`))
      await onPage(stack, page, ORDER, 'order detail', '.order-aftersale')
      const orderText = await visibleText(page)
      expect(orderText.includes('已退款 1 件'), 'the order page should say 已退款 1 件')
      await screenshot('order-after-refund')
      seen.assertNone()
    } finally {
      emu.openapi.push.setMode('deliver')
    }
  },
}
