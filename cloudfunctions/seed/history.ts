/**
 * A little order history played through the real functions on `npm start` (not inserted as documents), so
 * a fresh shop shows what the money paths leave behind: shopper 2 paid an order from the wallet and
 * cancelled it (a refund record, the wallet entries 余额支付 and 退款, the order 已退款 with its timeline),
 * and paid another by WeChat Pay that the merchant shipped (payment record, shipping upload, messages);
 * two more were received: one reviewed with the merchant's reply, one still waiting for its review.
 * After-sales in every queue tab: a return with a photo waiting for the merchant, one approved and waiting
 * for the parcel, one on its way back, a refund-only refunded and rated, and a rejected request.
 */
import { actions, type ActionName } from '@mall/contract'
import type { Emulator } from '@mall/emulator'
import type { Seed } from './index'
import { ADMIN_OPENID, shopperOpenid } from './people'
import { playWithdrawalDemo } from './withdrawals'

type Reply = { ok: boolean; data?: Record<string, unknown>; code?: string; message?: string }

export async function playDemoHistory(
  emu: Pick<Emulator, 'functions' | 'pay' | 'storage' | 'openapi'>,
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

  // paid by WeChat Pay from here on: the demo wallet is kept for the shopper's own tries
  const paidOrder = async (requestId: string) => {
    const id = await order(requestId)
    const trade = await call(shopper, 'pay.wechat', { orderId: id })
    emu.pay.pay(String(trade.outTradeNo))
    await emu.pay.flush()
    return id
  }
  const received = async (requestId: string, trackingNo: string) => {
    const id = await paidOrder(requestId)
    await call(ADMIN_OPENID, 'admin.orders.ship', { orderId: id, carrier: '顺丰速运', trackingNo })
    await call(shopper, 'order.confirmReceipt', { orderId: id })
    return id
  }
  // received goods: one reviewed (with the merchant's reply), one still waiting for its review
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
  const aftersales = await playDemoAftersales(call, shopper, sku._id, { paidOrder, received }, emu)
  return [refunded, shipped, reviewed, toReview, ...aftersales]
}

type Call = (openid: string, action: ActionName, input: object) => Promise<Record<string, unknown>>

/** One request per queue tab of the merchant's after-sales page, played through the functions. */
async function playDemoAftersales(
  call: Call,
  shopper: string,
  skuId: string,
  orders: {
    paidOrder: (requestId: string) => Promise<string>
    received: (requestId: string, trackingNo: string) => Promise<string>
  },
  emu: Pick<Emulator, 'storage' | 'openapi' | 'pay'>,
): Promise<string[]> {
  const { paidOrder, received } = orders
  const lines = [{ skuId, quantity: 1 }]
  const ask = async (orderId: string, requestId: string, type: string, reason: string, extra: object = {}) =>
    String(
      (await call(shopper, 'aftersale.submit', { orderId, type, lines, requestId, reason, ...extra })).id,
    )
  const admin = (action: ActionName, input: object) => call(ADMIN_OPENID, action, input)
  const folder = String((await call(shopper, 'user.uploadFolder', { area: 'aftersale' })).folder)
  // a generated PNG of the seed (a real image: the console and the h5 shop show it)
  const seedPng = emu.storage.list().find((f) => f.cloudPath.endsWith('.png'))
  const png = seedPng ? emu.storage.read(seedPng.fileID) : undefined
  const photo = emu.storage.put(`${folder}demo-broken.png`, png ?? Buffer.alloc(0))

  const toReview = await received('demo_as_review', 'SF1000000000011')
  await ask(toReview, 'demo_as_review_req', 'returnAndRefund', '收到商品破损', {
    description: '外包装压坏，商品边角有磕碰',
    photos: [photo],
  })
  const approved = await received('demo_as_approved', 'SF1000000000012')
  await admin('admin.aftersales.approve', {
    aftersaleId: await ask(approved, 'demo_as_approved_req', 'returnAndRefund', '不想要了'),
  })
  const returning = await received('demo_as_returning', 'SF1000000000013')
  const back = await ask(returning, 'demo_as_returning_req', 'returnAndRefund', '商品与描述不符')
  await admin('admin.aftersales.approve', { aftersaleId: back })
  await call(shopper, 'aftersale.shipBack', {
    aftersaleId: back,
    carrier: '中通快递',
    trackingNo: 'ZT7000000000001',
  })
  const paid = await paidOrder('demo_as_refunded')
  const refund = await ask(paid, 'demo_as_refunded_req', 'refundOnly', '拍错/多拍')
  await admin('admin.aftersales.approve', { aftersaleId: refund })
  await emu.pay.flush()
  await call(shopper, 'aftersale.rate', { aftersaleId: refund, score: 5, comment: '退款很快，客服态度好' })
  const rejected = await received('demo_as_rejected', 'SF1000000000014')
  await admin('admin.aftersales.reject', {
    aftersaleId: await ask(rejected, 'demo_as_rejected_req', 'returnAndRefund', '其他', {
      description: '想换个颜色',
    }),
    reason: '商品已拆封使用，不影响二次销售的情况下才可退货',
  })
  await playWithdrawalDemo(call)
  await emu.openapi.push.idle()
  return [toReview, approved, returning, paid, rejected]
}
