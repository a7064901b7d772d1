import type { ShippingRules } from '@mall/domain'
import type { Database } from '../cloud'
import { list } from '../db'
import { now } from '../clock'
import { isSealedPhone, showPhone } from '../pii/phone'

/**
 * Order, pricing and payment settings. Defaults live here; the `settings` collection overrides them
 * (documents `trade`, `shipping`, `points` as seeded, and `order` for payment/notification settings), so an
 * operator can change a window without a deploy.
 */
export interface OrderSettings {
  timeoutMinutes: number
  cancelWindowMinutes: number
  /** shipped orders are received automatically after this many days */
  autoConfirmDays: number
  /** received orders complete after this many days */
  autoCompleteDays: number
  /** the poller asks queryOrder for unpaid orders whose prepay is older than this */
  pollAfterSeconds: number
  shipping: ShippingRules
  pointsPerYuan: number
  pointsMaxPercent: number
  subMchId: string
  /** subscribe message template ids by event */
  templates: { paid: string; shipped: string; aftersale: string }
  aftersale: AftersaleSettings
}

/** settings document `aftersale` */
export interface AftersaleSettings {
  /** a received order may get requests for this many days after receipt */
  windowDays: number
  /** refund-only requests unanswered this long are approved */
  autoApproveHours: number
  /** approved returns without a tracking number close after this */
  shipBackDays: number
  /** returns are received automatically this long after the tracking number; 0 = never */
  autoReceiveDays: number
  /**
   * where returns go unless the merchant gives another address on approval. The settings document holds
   * the phone sealed (pii/phone.ts); loaded settings carry it opened, since the shopper must see it.
   */
  returnAddress: { name: string; phone: string; address: string } | null
}

export const defaultOrderSettings: OrderSettings = {
  timeoutMinutes: 15,
  cancelWindowMinutes: 30,
  autoConfirmDays: 10,
  autoCompleteDays: 7,
  pollAfterSeconds: 30,
  shipping: { baseFee: 800, freeOver: 9900 },
  pointsPerYuan: 100,
  pointsMaxPercent: 50,
  subMchId: '1600000000',
  templates: { paid: 'tpl_order_paid', shipped: 'tpl_order_shipped', aftersale: 'tpl_aftersale_progress' },
  aftersale: {
    windowDays: 15,
    autoApproveHours: 48,
    shipBackDays: 7,
    autoReceiveDays: 0,
    returnAddress: null,
  },
}

type Doc = Record<string, unknown>
const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d)

/** A warm instance re-reads settings at most every few seconds (one query less on every hot call). */
const CACHE_MS = 5_000
let cached: { at: number; value: OrderSettings } | undefined

export async function loadOrderSettings(db: Database): Promise<OrderSettings> {
  if (cached && Math.abs(now() - cached.at) < CACHE_MS) return cached.value
  const value = await readSettings(db)
  cached = { at: now(), value }
  return value
}

async function readSettings(db: Database): Promise<OrderSettings> {
  const _ = db.command
  const docs = await list<Doc & { _id: string }>(
    db
      .collection('settings')
      .where({ _id: _.in(['trade', 'shipping', 'points', 'order', 'aftersale']) })
      .limit(10),
  )
  const by = (id: string): Doc => docs.find((d) => d._id === id) ?? {}
  const trade = by('trade')
  const ship = by('shipping')
  const points = by('points')
  const order = by('order')
  const as = by('aftersale')
  const d = defaultOrderSettings
  const addr = as.returnAddress as { name?: unknown; phone?: unknown; address?: unknown } | undefined
  const rawPhone = addr?.phone
  const addrPhone = isSealedPhone(rawPhone) || typeof rawPhone === 'string' ? showPhone(rawPhone) : ''
  const shipping: ShippingRules = {
    baseFee: num(ship.baseFee, d.shipping.baseFee),
    freeOver: num(ship.freeOver, d.shipping.freeOver ?? 0),
    ...(typeof ship.freeForLevel === 'number' ? { freeForLevelAtLeast: ship.freeForLevel } : {}),
    ...(ship.regionExtra && typeof ship.regionExtra === 'object'
      ? { regionExtra: ship.regionExtra as Record<string, number> }
      : {}),
  }
  const templates = (order.templates ?? {}) as Partial<OrderSettings['templates']>
  return {
    timeoutMinutes: num(trade.orderTimeoutMinutes, d.timeoutMinutes),
    cancelWindowMinutes: num(trade.cancelWindowMinutes, d.cancelWindowMinutes),
    autoConfirmDays: num(trade.autoConfirmDays, d.autoConfirmDays),
    autoCompleteDays: num(trade.autoCompleteDays, d.autoCompleteDays),
    pollAfterSeconds: num(order.pollAfterSeconds, d.pollAfterSeconds),
    shipping,
    pointsPerYuan: num(points.pointsPerYuan, d.pointsPerYuan) || d.pointsPerYuan,
    pointsMaxPercent: num(points.maxPayablePercent, d.pointsMaxPercent),
    subMchId: typeof order.subMchId === 'string' ? order.subMchId : d.subMchId,
    templates: {
      paid: templates.paid ?? d.templates.paid,
      shipped: templates.shipped ?? d.templates.shipped,
      aftersale: templates.aftersale ?? d.templates.aftersale,
    },
    aftersale: {
      windowDays: num(as.windowDays, d.aftersale.windowDays),
      autoApproveHours: num(as.autoApproveHours, d.aftersale.autoApproveHours),
      shipBackDays: num(as.shipBackDays, d.aftersale.shipBackDays),
      autoReceiveDays: num(as.autoReceiveDays, d.aftersale.autoReceiveDays),
      returnAddress:
        addr && typeof addr.name === 'string' && addrPhone && typeof addr.address === 'string'
          ? { name: addr.name, phone: addrPhone, address: addr.address }
          : null,
    },
  }
}

/** The domain machine's timing, from the settings. */
export const timingOf = (s: OrderSettings) => ({
  payTimeoutMs: s.timeoutMinutes * 60_000,
  cancelWindowMs: s.cancelWindowMinutes * 60_000,
  autoConfirmMs: s.autoConfirmDays * 86_400_000,
  completeAfterMs: s.autoCompleteDays * 86_400_000,
})

/** The after-sales machine's timing, from the settings. */
export const aftersaleTimingOf = (s: OrderSettings) => ({
  autoApproveMs: s.aftersale.autoApproveHours * 3_600_000,
  shipBackMs: s.aftersale.shipBackDays * 86_400_000,
  autoReceiveMs: s.aftersale.autoReceiveDays * 86_400_000,
})
