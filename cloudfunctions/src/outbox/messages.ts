import { formatYuan } from '@mall/domain'
import { getCloud, type Database } from '../cloud'
import { byId } from '../db'
import { chinaTime } from '../order/ids'
import type { OrderDoc } from '../order/model'
import type { OrderSettings } from '../order/settings'

/** WeChat: the shopper did not accept this template (or used up the one-time consent). Not retryable. */
const NO_CONSENT = 43101

/** `thing` values are at most 20 characters (otherwise errcode 47003). */
export const thing = (s: string): string => {
  const chars = [...(s || '订单商品')]
  return chars.length <= 20 ? chars.join('') : chars.slice(0, 19).join('') + '…'
}

/**
 * The subscribe message of an order event (step `message.send`). Delivered at least once; a shopper who
 * did not subscribe is a final answer, not a failure to retry.
 */
export async function sendOrderMessage(
  db: Database,
  s: OrderSettings,
  event: 'order.paid' | 'order.shipped',
  orderId: string,
  at: number,
): Promise<void> {
  const order = await byId<OrderDoc>(db.collection('orders'), orderId)
  if (!order) return
  const title = thing(order.lines[0]?.title + (order.lines.length > 1 ? '等' : ''))
  const data =
    event === 'order.paid'
      ? {
          thing1: { value: title },
          amount2: { value: `${formatYuan(order.totals.payable)}元` },
          character_string3: { value: order.orderNo },
          time4: {
            value: chinaTime(order.paidAt ?? at)
              .replace('T', ' ')
              .slice(0, 16),
          },
        }
      : {
          thing1: { value: title },
          character_string2: { value: order.orderNo },
          thing3: { value: thing(order.shipment?.carrier ?? '快递') },
          character_string4: { value: order.shipment?.trackingNo ?? '' },
        }
  const openapi = (
    getCloud() as unknown as {
      openapi: { subscribeMessage: { send(p: object): Promise<unknown> } }
    }
  ).openapi
  try {
    await openapi.subscribeMessage.send({
      touser: order.openid,
      templateId: event === 'order.paid' ? s.templates.paid : s.templates.shipped,
      page: `packages/order/detail/index?id=${order._id}`,
      data,
      miniprogramState: process.env.MALL_EMULATOR === '1' ? 'developer' : 'formal',
    })
  } catch (e) {
    if ((e as { errCode?: number }).errCode === NO_CONSENT) return
    throw e
  }
}
