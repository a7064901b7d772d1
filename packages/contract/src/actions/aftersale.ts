import * as v from 'valibot'
import { Cursor, Fen, Id, PageSize, Quantity, RequestId, ShortText } from '../common'
import { action } from '../define'
import type { OrderSummary } from './order'

export type AftersaleType = 'refundOnly' | 'returnAndRefund'
export type AftersaleStatus =
  'requested' | 'awaitingReturn' | 'returning' | 'refunding' | 'refunded' | 'rejected' | 'closed'

/** The reasons a shopper picks from (the server refuses any other). */
export const AFTERSALE_REASONS = [
  '不想要了',
  '拍错/多拍',
  '商品质量问题',
  '商品与描述不符',
  '收到商品破损',
  '少件/漏发',
  '发错货',
  '快递一直未送达',
  '其他',
] as const

/**
 * A photo the shopper uploaded to cloud storage (`Taro.cloud.uploadFile`, or the emulator gateway's
 * `/storage/upload` on h5) under `aftersale/<openid>/` or `review/<openid>/`. The server refuses a
 * fileID outside the caller's own folder.
 */
export const PhotoFileId = v.pipe(
  v.string(),
  v.maxLength(300),
  v.regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9_-]+\/[A-Za-z0-9_-]+\/[A-Za-z0-9_.-]+$/, '图片地址不正确'),
)
export const Photos = v.pipe(v.array(PhotoFileId), v.maxLength(6, '最多上传6张图片'))

/**
 * A photo as shown. The shopper sees their own photos with the content-security verdict; the merchant
 * (and the public, for reviews) only ever gets the url of a photo that passed (fail closed).
 */
export interface PhotoView {
  url: string
  status: 'pending' | 'pass' | 'rejected'
}

const Carrier = v.pipe(v.string(), v.trim(), v.minLength(1, '请填写快递公司'), v.maxLength(30))
const TrackingNo = v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9-]{4,40}$/, '运单号格式不正确'))
const RequestLines = v.pipe(
  v.array(v.strictObject({ skuId: Id, quantity: Quantity })),
  v.minLength(1, '请选择要售后的商品'),
  v.maxLength(50),
)

export interface AftersaleLineView {
  skuId: string
  spuId: string
  title: string
  image: string
  specs: Record<string, string>
  quantity: number
  /** merchant's receipt of a return: units received fine (restocked) and damaged */
  received: { fine: number; damaged: number } | null
}

export interface AftersaleTimelineEntry {
  at: number
  status: AftersaleStatus
  text: string
}

export interface ReturnAddress {
  name: string
  phone: string
  address: string
}

export interface AftersaleView {
  id: string
  /** shown to shoppers and merchants: 'AS' + the order number + a sequence */
  aftersaleNo: string
  orderId: string
  orderNo: string
  type: AftersaleType
  typeLabel: string
  status: AftersaleStatus
  statusLabel: string
  reason: string
  description: string
  photos: PhotoView[]
  lines: AftersaleLineView[]
  /** fen the shopper asked for (≤ maxAmount) */
  amount: number
  /** fen the server offered when the request was made */
  maxAmount: number
  includesShipping: boolean
  /** the refund record once it exists */
  refund: { refundNo: string; status: string; channel: 'wechat' | 'balance' } | null
  returnAddress: ReturnAddress | null
  returnShipment: { carrier: string; trackingNo: string; at: number } | null
  rejectReason: string | null
  timeline: AftersaleTimelineEntry[]
  rating: { score: number; comment: string; at: number } | null
  /** when the clock acts next (auto-approve, return deadline, auto-receipt), if it will */
  dueAt: number | null
  dueLabel: string | null
  createdAt: number
  updatedAt: number
  can: { cancel: boolean; shipBack: boolean; rate: boolean }
}

export interface AftersaleSummary {
  id: string
  aftersaleNo: string
  orderId: string
  type: AftersaleType
  typeLabel: string
  status: AftersaleStatus
  statusLabel: string
  amount: number
  lines: AftersaleLineView[]
  createdAt: number
}

/** What an order allows now: per line the units that may still be requested, and the types. */
export interface AftersaleOptions {
  orderId: string
  orderNo: string
  lines: Array<{
    skuId: string
    spuId: string
    title: string
    image: string
    specs: Record<string, string>
    /** bought */
    quantity: number
    /** still requestable (bought − refunded − under an open request) */
    available: number
    /** an open request on this line, if any */
    openAftersaleId: string | null
  }>
  types: AftersaleType[]
  reasons: string[]
  /** end of the after-sales window (null while not received yet) */
  windowEndsAt: number | null
}

export interface AftersaleQuote {
  /** the most the shopper may ask for, fen */
  maxAmount: number
  includesShipping: boolean
}

export interface AdminAftersaleRow extends AftersaleSummary {
  orderNo: string
  reason: string
  updatedAt: number
  dueAt: number | null
}

export interface AdminAftersaleDetail extends AftersaleView {
  order: OrderSummary & { paymentMethod: 'wechat' | 'balance' | null; shippedAt: number | null }
  /** photos still waiting for (or refused by) content security: counted, never shown */
  hiddenPhotos: number
}

export const AFTERSALE_QUEUE_TABS = ['review', 'awaitingReturn', 'receiving', 'refunding', 'done'] as const
export type AftersaleQueueTab = (typeof AFTERSALE_QUEUE_TABS)[number]

const AftersaleRef = v.strictObject({ aftersaleId: Id })
const Lines = v.strictObject({
  orderId: Id,
  type: v.picklist(['refundOnly', 'returnAndRefund']),
  lines: RequestLines,
})

export const aftersaleActions = {
  'aftersale.options': action<AftersaleOptions>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ orderId: Id }),
  }),
  /** The server's offer for these lines (the prorated paid share, minus what was refunded for them). */
  'aftersale.quote': action<AftersaleQuote>()({ fn: 'shop', audience: 'shopper', input: Lines }),
  /** Idempotent by requestId per shopper. `amount` omitted = the whole offer; more than it is refused. */
  'aftersale.submit': action<AftersaleView>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({
      ...Lines.entries,
      requestId: RequestId,
      reason: v.picklist(AFTERSALE_REASONS),
      description: v.optional(ShortText(200)),
      photos: v.optional(Photos),
      amount: v.optional(v.pipe(Fen, v.minValue(1))),
    }),
  }),
  'aftersale.list': action<{ items: AftersaleSummary[]; cursor: string | null }>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({
      orderId: v.optional(Id),
      cursor: v.optional(Cursor),
      pageSize: v.optional(PageSize),
    }),
  }),
  'aftersale.detail': action<AftersaleView>()({ fn: 'shop', audience: 'shopper', input: AftersaleRef }),
  'aftersale.cancel': action<AftersaleView>()({ fn: 'shop', audience: 'shopper', input: AftersaleRef }),
  'aftersale.shipBack': action<AftersaleView>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({ aftersaleId: Id, carrier: Carrier, trackingNo: TrackingNo }),
  }),
  /** Once done (refunded or rejected): 1-5 and a comment, once. */
  'aftersale.rate': action<AftersaleView>()({
    fn: 'shop',
    audience: 'shopper',
    input: v.strictObject({
      aftersaleId: Id,
      score: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
      comment: v.optional(ShortText(200)),
    }),
  }),
  /** The merchant's queue: one tab, with the counts of every tab. */
  'admin.aftersales.list': action<{
    items: AdminAftersaleRow[]
    counts: Record<AftersaleQueueTab, number>
    cursor: string | null
  }>()({
    fn: 'admin',
    audience: { admin: ['operator', 'service'] },
    input: v.strictObject({
      tab: v.picklist(AFTERSALE_QUEUE_TABS),
      cursor: v.optional(Cursor),
      pageSize: v.optional(PageSize),
    }),
  }),
  'admin.aftersales.detail': action<AdminAftersaleDetail>()({
    fn: 'admin',
    audience: { admin: ['operator', 'service'] },
    input: AftersaleRef,
  }),
  /** Approve; a return needs the address the goods go back to (default: the settings' return address). */
  'admin.aftersales.approve': action<AdminAftersaleDetail>()({
    fn: 'admin',
    audience: { admin: ['operator', 'service'] },
    input: v.strictObject({
      aftersaleId: Id,
      returnAddress: v.optional(
        v.strictObject({
          name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(30)),
          phone: v.pipe(v.string(), v.trim(), v.regex(/^[0-9+-]{5,20}$/, '电话格式不正确')),
          address: v.pipe(v.string(), v.trim(), v.minLength(4), v.maxLength(120)),
        }),
      ),
    }),
  }),
  'admin.aftersales.reject': action<AdminAftersaleDetail>()({
    fn: 'admin',
    audience: { admin: ['operator', 'service'] },
    input: v.strictObject({
      aftersaleId: Id,
      reason: v.pipe(v.string(), v.trim(), v.minLength(1, '请填写拒绝原因'), v.maxLength(100)),
    }),
  }),
  /** Receipt of the returned goods, per line: every requested unit is either fine (restocked) or damaged. */
  'admin.aftersales.receive': action<AdminAftersaleDetail>()({
    fn: 'admin',
    audience: { admin: ['operator', 'service'] },
    input: v.strictObject({
      aftersaleId: Id,
      lines: v.pipe(
        v.array(
          v.strictObject({
            skuId: Id,
            fine: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999)),
            damaged: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999)),
          }),
        ),
        v.minLength(1),
        v.maxLength(50),
      ),
    }),
  }),
}
