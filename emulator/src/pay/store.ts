import { openJsonStore, type JsonStore } from '../json-store'

export type TradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'REFUND' | 'PAYERROR'

/** One delivery of a server-initiated callback (payment or refund), retried on WeChat's schedule. */
export interface Delivery {
  kind: 'pay' | 'refund'
  functionName: string
  outRefundNo?: string
  /** Attempts made so far (one attempt may invoke the function several times under the test switches). */
  attempts: number
  /** Emulator-clock time of the next attempt; undefined once delivered or abandoned. */
  dueAt?: number
  status: 'pending' | 'delivered' | 'abandoned' | 'dropped'
  lastAnswer?: string
}

export interface RefundRecord {
  outRefundNo: string
  refundId: string
  refundFee: number
  totalFee: number
  createdAt: number
  status: 'SUCCESS'
}

export interface Trade {
  outTradeNo: string
  prepayId: string
  transactionId?: string
  body: string
  attach?: string
  totalFee: number
  subMchId: string
  envId: string
  functionName: string
  tradeType: string
  openid: string
  appid: string
  spbillCreateIp: string
  state: TradeState
  createdAt: number
  /** From time_expire: the cashier refuses payment after it (the in-process `pay()` still forces one). */
  expireAt?: number
  paidAt?: number
  closedAt?: number
  refunds: RefundRecord[]
  deliveries: Delivery[]
}

export interface PayStore extends Omit<JsonStore<Trade>, 'records'> {
  trades: Map<string, Trade>
}

/** Trades in one JSON file (see openJsonStore). */
export function openStore(dir: string, log?: (l: string) => void): PayStore {
  const { records, save, close } = openJsonStore<Trade>(
    dir,
    'cloudpay-trades.json',
    (t) => t.outTradeNo,
    'pay',
    log,
  )
  return { trades: records, save, close }
}
