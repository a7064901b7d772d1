/**
 * A little order history played through the real functions on `npm start` (not inserted as documents), so
 * a fresh shop shows what the money paths leave behind: shopper 2 paid an order from the wallet and
 * cancelled it (a refund record, the wallet entries 余额支付 and 退款, the order 已退款 with its timeline),
 * and paid another by WeChat Pay that the merchant shipped (payment record, shipping upload, messages);
 * two more were received: one reviewed with the merchant's reply, one still waiting for its review.
 */
import { actions, type ActionName } from '@mall/contract'
import type { Emulator } from '@mall/emulator'
import type { Seed } from './index'
import { ADMIN_OPENID, shopperOpenid } from './people'

type Reply = { ok: boolean; data?: Record<string, unknown>; code?: string; message?: string }

export async function playDemoHistory(
  emu: Pick<Emulator, 'functions' | 'pay'>,
  seed: Seed,
): Promise<string[]> {
  const call = async (
    openid: string,
    action: ActionName,
    input: object,
  ): Promise<Record<string, unknown>> => {
    const r = (await emu.functions.invoke(actions[action].fn, { action, input }, { openid })) as Reply
    if (!r.ok) throw new Error(`demo history: ${action} answered ${r.code} ${r.message ?? ''}`)
    return r.data ?? {}
  }
  const shopper = shopperOpenid(2)
  // a cheap, well-stocked SKU away from p0001 (the journeys' product)
  const sku = (
    seed.collections.skus as Array<{
      _id: string
      spuId: string
      price: number
      stock: number
      status: string
    }>
  )
    .filter((s) => s.status === 'onShelf' && s.stock >= 10 && s.spuId !== 'p0001' && s.price <= 15_000)
    .sort((a, b) => a.price - b.price || a._id.localeCompare(b._id))[0]
  if (!sku) throw new Error('demo history: no cheap, stocked SKU in the seed')
  const order = async (requestId: string) =>
    String(
      (
        await call(shopper, 'order.submit', {
          source: { kind: 'buyNow', skuId: sku._id, quantity: 1 },
          coupon: 'none',
          requestId,
        })
      ).id,
    )

  const refunded = await order('demo_history_refunded')
  await call(shopper, 'pay.balance', { orderId: refunded })
  await call(shopper, 'order.cancel', { orderId: refunded, reason: '不想要了' })

  const shipped = await order('demo_history_shipped')
  const { outTradeNo } = await call(shopper, 'pay.wechat', { orderId: shipped })
  emu.pay.pay(String(outTradeNo))
  await emu.pay.flush()
  await call(ADMIN_OPENID, 'admin.orders.ship', {
    orderId: shipped,
    carrier: '顺丰速运',
    trackingNo: 'SF1000000000001',
  })

  // received goods: one reviewed (with the merchant's reply), one still waiting for its review
  const received = async (requestId: string, trackingNo: string) => {
    const id = await order(requestId)
    await call(shopper, 'pay.balance', { orderId: id })
    await call(ADMIN_OPENID, 'admin.orders.ship', { orderId: id, carrier: '顺丰速运', trackingNo })
    await call(shopper, 'order.confirmReceipt', { orderId: id })
    return id
  }
  const reviewed = await received('demo_history_reviewed', 'SF1000000000002')
  const review = await call(shopper, 'review.submit', {
    orderId: reviewed,
    skuId: sku._id,
    rating: 5,
    content: '收到了，包装完好，质量比预想的还好，物流也很快，会回购。',
  })
  await call(ADMIN_OPENID, 'admin.reviews.reply', {
    reviewId: String(review.id),
    content: '感谢您的认可！期待您再次光临。',
  })
  const toReview = await received('demo_history_to_review', 'SF1000000000003')
  return [refunded, shipped, reviewed, toReview]
}
