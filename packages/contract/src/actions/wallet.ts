import * as v from 'valibot'
import { Fen, Id, RequestId } from '../common'
import { action } from '../define'
import type { WechatPaymentParams } from './pay'

/**
 * Recharge: packages (pay X, get Y bonus, a per-member limit) managed by the merchant, paid by WeChat Pay
 * through cloudPay (callback function `rechargeNotify`, re-checked with queryOrder). A paid recharge
 * credits the principal (`rc_<id>`, kind recharge) and the bonus (`rcb_<id>`, kind bonus) once.
 */
export interface RechargePackageView {
  id: string
  title: string
  /** what the shopper pays, fen */
  payFen: number
  /** bonus credited on top, fen (spendable, never withdrawable) */
  bonusFen: number
  /** 0 = unlimited */
  perMemberLimit: number
  /** how many more times the caller may buy it; null = unlimited */
  remaining: number | null
}

/**
 * pending: waiting for WeChat Pay; paid: principal and bonus credited; closed: never paid, the trade
 * closed after its expiry; anomaly: WeChat collected a different amount, nothing credited, finance decides.
 */
export type RechargeStatus = 'pending' | 'paid' | 'closed' | 'anomaly'

export const rechargeStatusLabels: Record<RechargeStatus, string> = {
  pending: '待支付',
  paid: '已到账',
  closed: '已关闭',
  anomaly: '金额异常，待财务处理',
}

export interface RechargeView {
  id: string
  packageId: string
  title: string
  payFen: number
  bonusFen: number
  status: RechargeStatus
  statusLabel: string
  createdAt: number
  paidAt: number | null
  /** epoch ms after which an unpaid recharge is closed */
  expireAt: number
}

export interface RechargeCreated extends RechargeView {
  /** for Taro.requestPayment, while the recharge is pending */
  payment: WechatPaymentParams | null
  /** local emulator only: the h5 build opens `<gateway>${cashierPath}` instead of requestPayment */
  cashierPath?: string
}

/** A recharge package as the merchant edits it. */
export interface AdminRechargePackage {
  id: string
  title: string
  payFen: number
  bonusFen: number
  perMemberLimit: number
  active: boolean
  sort: number
  /** recharges of it paid so far */
  paidCount: number
  updatedAt: number
}

const PayFen = v.pipe(Fen, v.minValue(1), v.maxValue(5_000_000))
const BonusFen = v.pipe(Fen, v.maxValue(5_000_000))
const Title = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(30))

export const walletActions = {
  /** Active packages, by sort, with how many times the caller may still buy each. */
  'wallet.recharge.packages': action<{ items: RechargePackageView[] }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({}),
  }),
  /**
   * Creates the recharge and its WeChat Pay trade (idempotent by requestId: the same id answers the same
   * recharge); refused when the package is off or the caller's limit is used up (paid and pending ones count).
   */
  'wallet.recharge.create': action<RechargeCreated>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ packageId: Id, requestId: RequestId }),
  }),
  /** The caller's recharge; a pending one is asked of WeChat Pay first (a lost callback still credits). */
  'wallet.recharge.status': action<RechargeView>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ id: Id }),
  }),
  'admin.recharge.packages.list': action<{ items: AdminRechargePackage[] }>()({
    fn: 'admin',
    audience: { admin: ['operator', 'finance'] },
    input: v.strictObject({}),
  }),
  /** Creates (no id) or changes a package; recharges already made keep the amounts they were made with. */
  'admin.recharge.packages.save': action<AdminRechargePackage>()({
    fn: 'admin',
    audience: { admin: ['operator', 'finance'] },
    input: v.strictObject({
      id: v.optional(Id),
      title: Title,
      payFen: PayFen,
      bonusFen: BonusFen,
      perMemberLimit: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)),
      active: v.boolean(),
      sort: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(9999)),
    }),
  }),
  'admin.recharge.packages.remove': action<{ removed: number }>()({
    fn: 'admin',
    audience: { admin: ['operator', 'finance'] },
    input: v.strictObject({ id: Id }),
  }),
}
