import type { Database } from '../cloud'
import { uploadShipping } from '../admin/shipping'
import { consumeCoupon, releaseCoupon } from '../order/coupons'
import { releaseStock, settleStock, type StockLine } from '../order/inventory'
import type { OrderSettings } from '../order/settings'
import { sendOrderMessage } from '../outbox/messages'
import { submitRefund } from '../pay/refunds'
import { returnPoints } from '../points/ledger'
import { closeRefundedOrder, followPoints, restoreCoupon, returnStock } from '../aftersale/effects'
import { sendAftersaleMessage } from '../aftersale/messages'
import { earnRewards } from '../loyalty/earn'
import { runLevelUp } from '../loyalty/levelUp'
import type { StepKind } from './steps'

/**
 * The open APIs a step calls. The cron sweeper may run any step, so its config.json must grant all of them
 * (a test checks); a function that runs a step inline without the permission leaves it to the sweeper.
 */
export const stepOpenApis: Partial<Record<StepKind, string[]>> = {
  'message.send': ['subscribeMessage.send'],
  'shipping.upload': ['wxa.sec.order.uploadShippingInfo'],
}

type Payload = Record<string, unknown>
type StepHandler = (db: Database, s: OrderSettings, p: Payload, at: number) => Promise<unknown>

const str = (v: unknown) => String(v)
const lines = (p: Payload) => p.lines as StockLine[]

/** What each step does. Every handler is safe to run again: it checks the record it changes. */
export const stepHandlers: Record<StepKind, StepHandler> = {
  'stock.release': (db, _s, p) => releaseStock(db, str(p.orderId), lines(p)),
  'stock.settle': (db, _s, p) => settleStock(db, str(p.orderId), lines(p)),
  'coupon.release': (db, _s, p) => releaseCoupon(db, str(p.couponId), str(p.orderId)),
  'coupon.consume': (db, _s, p) => consumeCoupon(db, str(p.couponId), str(p.orderId)),
  'points.return': (db, _s, p, at) => returnPoints(db, str(p.openid), str(p.orderId), at),
  'refund.submit': (db, s, p, at) => submitRefund(db, s, str(p.refundNo), at),
  'message.send': (db, s, p, at) =>
    p.event === 'aftersale.progress'
      ? sendAftersaleMessage(db, s, str(p.aftersaleId))
      : sendOrderMessage(db, s, p.event as 'order.paid' | 'order.shipped', str(p.orderId), at),
  'shipping.upload': (db, _s, p, at) => uploadShipping(db, str(p.orderId), at),
  'stock.return': (db, _s, p, at) =>
    returnStock(db, str(p.move), str(p.orderId), p.fromHold === true, lines(p), at),
  'points.follow': (db, s, p, at) =>
    followPoints(
      db,
      s,
      str(p.orderId),
      str(p.aftersaleId),
      p.kind === 'clawback' ? 'clawback' : 'return',
      at,
    ),
  'order.refundedInFull': (db, s, p, at) => closeRefundedOrder(db, s, str(p.orderId), at),
  'coupon.restore': (db, _s, p, at) => restoreCoupon(db, str(p.couponId), str(p.orderId), at),
  'member.earn': (db, s, p, at) => earnRewards(db, s, str(p.orderId), at),
  'member.levelUp': (db, s, p, at) => runLevelUp(db, s, p, at),
}
