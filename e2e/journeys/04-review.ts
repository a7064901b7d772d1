import { actions, type ActionName } from '@mall/contract'
import { tile } from '../../cloudfunctions/seed/png'
import { expect, type Journey } from '../journey'
import { defects, eventually, onPage, shown, textOf, visibleText } from './lib/ui'

// 王芳 (shopper 3) buys, receives, reviews; the merchant replies
const SHOPPER = 'o_demo_shopper_3'
const ADMIN = 'o_demo_admin'
const REVIEW = '/packages/order/review/index'
const DETAIL = '/packages/goods/detail/index'
const ADMIN_REVIEWS = '/packages/admin/reviews/index'
const CONTENT = '做工扎实，颜色和图片一致，物流两天就到了。'
const REPLY = '感谢您的评价，欢迎再次光临！'

interface Sku {
  _id: string
  spuId: string
  price: number
  stock: number
  status: string
}
interface Review {
  _id: string
  images: string[]
  hasImages: boolean
  photos?: unknown[]
  reply?: { content: string } | null
}
type Reply = { ok: boolean; data?: Record<string, unknown>; code?: string }

/**
 * A shopper with a received order writes a review with a photo; the photo stays private until content
 * security passes it; then review and photo are on the product page; the merchant replies; the reply shows.
 */
export const journey: Journey = {
  title:
    'review: received order -> 评价 with a photo -> verdict passes -> on the product page -> merchant replies',
  async run({ page, stack, screenshot }) {
    const seen = defects(page)
    const emu = stack.emu
    const db = emu.db
    const call = async (openid: string, action: ActionName, input: object) => {
      const r = (await emu.functions.invoke(actions[action].fn, { action, input }, { openid })) as Reply
      expect(r.ok, `${action} answered ${r.code}`)
      return r.data ?? {}
    }
    // a cheap stocked SKU nobody else's journey uses, that shopper 3 can afford from the wallet
    const sku = (db.find('skus', { status: 'onShelf' }) as Sku[])
      .filter((s) => s.stock >= 5 && !['p0001', 'p0092'].includes(s.spuId))
      .sort((a, b) => a.price - b.price || a._id.localeCompare(b._id))[0]
    expect(sku, 'no cheap stocked SKU in the seed')
    const { id: orderId } = await call(SHOPPER, 'order.submit', {
      source: { kind: 'buyNow', skuId: sku._id, quantity: 1 },
      coupon: 'none',
      requestId: 'e2e_review_order',
    })
    const { outTradeNo } = await call(SHOPPER, 'pay.wechat', { orderId })
    emu.pay.pay(String(outTradeNo))
    await emu.pay.flush()
    await call(ADMIN, 'admin.orders.ship', { orderId, carrier: '顺丰速运', trackingNo: 'SF2000000000001' })
    await call(SHOPPER, 'order.confirmReceipt', { orderId })
    // hold verdicts so the private state can be seen before the photo passes
    emu.openapi.push.setMode('hold')
    try {
      // 1. the review form for that line
      await page.goto(stack.as(SHOPPER, `${REVIEW}?orderId=${orderId}&skuId=${sku._id}`))
      await onPage(stack, page, REVIEW, 'review', '.rv-form')
      await shown(page, '[aria-label="4星"]').click()
      await shown(page, 'textarea').fill(CONTENT)
      const chooser = page.waitForEvent('filechooser')
      await shown(page, '[aria-label="添加图片"]').click()
      const png = tile({ width: 240, height: 240, bg: [250, 235, 215], fg: [205, 92, 92], shape: 'circle' })
      await (await chooser).setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png })
      await eventually(
        async () =>
          (await shown(page, '.rv-photo__img').count()) === 1 &&
          (await shown(page, '.rv-photo__mask').count()) === 0,
        'the picked photo should upload',
        15_000,
      )
      await screenshot('review-form')
      await textOf(page, '发表评价', '*').click()
      const review = await eventually(
        () => (db.find('reviews', { orderId }) as Review[])[0],
        'submitting should write the review',
      )
      expect(
        review.photos?.length === 1,
        `one photo expected on the review, got ${JSON.stringify(review.photos)}`,
      )
      expect(!review.hasImages && review.images.length === 0, 'a photo must stay private before its verdict')

      // 2. 我的评价 shows the photo as 审核中; the product page shows the review without it
      await eventually(
        async () => (await visibleText(page)).includes('审核中'),
        '我的评价 should show 审核中',
      )
      await screenshot('my-reviews-pending')

      // 3. the verdict passes: the photo becomes public
      await emu.openapi.push.release()
      await emu.openapi.push.idle()
      const passed = (db.find('reviews', { _id: review._id }) as Review[])[0]!
      expect(passed.hasImages && passed.images.length === 1, 'the passed photo should be public')
      await page.goto(stack.as(SHOPPER, `${DETAIL}?id=${sku.spuId}`))
      await onPage(stack, page, DETAIL, 'product detail', '.reviews')
      await shown(page, '.reviews').scrollIntoViewIfNeeded()
      await eventually(
        async () => (await visibleText(page)).includes(CONTENT),
        'the review should be on the product page',
      )
      const card = shown(page, '.review').filter({ hasText: CONTENT })
      expect((await card.locator('.review__image').count()) === 1, 'the review should show its passed photo')
      await seen.images('product detail')
      await screenshot('product-review')

      // 4. the merchant replies
      await page.goto(stack.as(ADMIN, ADMIN_REVIEWS))
      await onPage(stack, page, ADMIN_REVIEWS, 'admin reviews', '.admin-review')
      const row = shown(page, '.admin-review').filter({ hasText: CONTENT })
      await row.locator('textarea').fill(REPLY)
      await screenshot('admin-reply')
      await row.locator('.m-button, button, [role=button]').filter({ hasText: '回复' }).last().click()
      await eventually(
        () => (db.find('reviews', { _id: review._id }) as Review[])[0]?.reply?.content === REPLY,
        'the reply should be stored',
      )

      // 5. the reply on the product page
      await page.goto(stack.as(SHOPPER, `${DETAIL}?id=${sku.spuId}`))
      await onPage(stack, page, DETAIL, 'product detail', '.reviews')
      await shown(page, '.reviews').scrollIntoViewIfNeeded()
      await eventually(
        async () => (await visibleText(page)).includes(REPLY),
        'the reply should be on the product page',
      )
      await screenshot('product-reply')
      seen.assertNone()
    } finally {
      emu.openapi.push.setMode('deliver')
    }
  },
}
