import fs from 'node:fs'
import path from 'node:path'

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

export interface PayStore {
  trades: Map<string, Trade>
  /** Marks the store changed; the file is rewritten once per event-loop turn (coalesced). */
  save(): void
  /** Writes pending changes now and stops writing (on stop: the data dir may be removed next). */
  close(): void
}

/** Trades in one JSON file, rewritten atomically (write + rename) after changes (a sandbox holds few trades). */
export function openStore(dir: string, log: (l: string) => void = () => {}): PayStore {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, 'cloudpay-trades.json')
  const trades = new Map<string, Trade>()
  if (fs.existsSync(file)) {
    try {
      const list = JSON.parse(fs.readFileSync(file, 'utf8')) as Trade[]
      for (const t of list) trades.set(t.outTradeNo, t)
    } catch (e) {
      // Keep the unreadable file for inspection instead of overwriting it with an empty sandbox.
      const aside = `${file}.unreadable-${Date.now()}`
      fs.renameSync(file, aside)
      log(
        `[pay] ${file} could not be read (${e instanceof Error ? e.message : String(e)}); moved to ${aside}, starting empty`,
      )
    }
  }
  let pending: NodeJS.Immediate | undefined
  let closed = false
  const write = (): void => {
    if (pending) clearImmediate(pending)
    pending = undefined
    if (closed) return
    try {
      const tmp = `${file}.tmp`
      fs.writeFileSync(tmp, JSON.stringify([...trades.values()]))
      fs.renameSync(tmp, file)
    } catch (e) {
      // Runs from setImmediate: a throw here would take the whole emulator down.
      log(`[pay] could not write ${file}: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  return {
    trades,
    save() {
      if (!closed) pending ??= setImmediate(write)
    },
    close() {
      if (pending) write()
      closed = true
    },
  }
}
