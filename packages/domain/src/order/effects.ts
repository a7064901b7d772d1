import type { OrderEvent, OrderStatus } from './machine'

/**
 * What a status change must cause, as data. The function layer turns each effect into a durable step
 * written in the same transaction as the change; every step is idempotent by a key derived from the order.
 */
export type OrderEffect =
  | 'releaseStock'
  | 'settleStock'
  | 'releaseCoupon'
  | 'consumeCoupon'
  | 'returnPoints'
  | 'refundPayment'
  | 'notifyPaid'
  | 'notifyShipped'
  | 'uploadShipping'
  | 'restoreCoupon'
  /** members: points and growth for what the order paid, once, when it completes (not at payment) */
  | 'earnRewards'

export interface EffectContext {
  readonly paymentMethod?: 'wechat' | 'balance'
  readonly hasCoupon: boolean
  readonly pointsUsed: number
}

/** What an order holds while it is alive (stock, coupon, points): given back exactly once, when it ends. */
export const releaseHoldings = (
  c: EffectContext,
): Array<'releaseStock' | 'releaseCoupon' | 'returnPoints'> => [
  'releaseStock',
  ...(c.hasCoupon ? (['releaseCoupon'] as const) : []),
  ...(c.pointsUsed > 0 ? (['returnPoints'] as const) : []),
]

export const orderEffects = (
  from: OrderStatus,
  event: OrderEvent,
  to: OrderStatus,
  c: EffectContext,
): OrderEffect[] => {
  if (to === 'paid') return [...(c.hasCoupon ? (['consumeCoupon'] as const) : []), 'notifyPaid']
  if (to === 'cancelled' || to === 'closed') return from === 'awaitingPayment' ? releaseHoldings(c) : []
  if (to === 'refunding')
    // paid then cancelled: holdings back and money back; a late payment on an ended order: money back only
    return from === 'paid' ? [...releaseHoldings(c), 'refundPayment'] : ['refundPayment']
  // after-sales refunded every unit: a still-valid coupon comes back; stock went back per request already
  if (event === 'refundedInFull')
    return [
      ...(from === 'paid' ? (['settleStock'] as const) : []),
      ...(c.hasCoupon ? (['restoreCoupon'] as const) : []),
    ]
  if (to === 'completed') return ['earnRewards']
  if (to === 'shipped' && event === 'ship')
    return [
      'settleStock',
      ...(c.paymentMethod === 'wechat' ? (['uploadShipping'] as const) : []),
      'notifyShipped',
    ]
  return []
}
