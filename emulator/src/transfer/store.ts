import fs from 'node:fs'
import path from 'node:path'

/** WeChat Pay merchant-transfer bill states (user-confirmation mode). */
export type BillState =
  | 'ACCEPTED'
  | 'PROCESSING'
  | 'WAIT_USER_CONFIRM'
  | 'TRANSFERING'
  | 'SUCCESS'
  | 'FAIL'
  | 'CANCELING'
  | 'CANCELLED'

export const FINAL_STATES: ReadonlySet<BillState> = new Set(['SUCCESS', 'FAIL', 'CANCELLED'])

/** One HTTP delivery of the bill's result notification to its notify_url, retried on WeChat's schedule. */
export interface TransferDelivery {
  state: BillState
  attempts: number
  /** Emulator-clock time of the next attempt; undefined once delivered or abandoned. */
  dueAt?: number
  status: 'pending' | 'delivered' | 'abandoned' | 'dropped'
  lastAnswer?: string
}

export interface TransferBill {
  outBillNo: string
  transferBillNo: string
  mchid: string
  appid: string
  openid: string
  amount: number
  sceneId: string
  remark: string
  userName?: string
  notifyUrl?: string
  perception?: string
  reportInfos: Array<{ info_type: string; info_content: string }>
  state: BillState
  /** Handed to wx.requestMerchantTransfer (and the h5 confirm page) while WAIT_USER_CONFIRM. */
  packageInfo: string
  failReason?: string
  createdAt: number
  updatedAt: number
  /** TRANSFERING bills become SUCCESS (or FAIL) at this clock time. */
  settleAt?: number
  /** Set by the failNext switch: the transfer fails after the user confirms. */
  willFail?: boolean
  /** Set by the acceptedFirst switch: the bill answers ACCEPTED until its first query. */
  pendingAccept?: boolean
  deliveries: TransferDelivery[]
}

export interface TransferStore {
  bills: Map<string, TransferBill>
  save(): void
  close(): void
}

/** Bills in one JSON file, rewritten atomically (write + rename) once per event-loop turn after changes. */
export function openTransferStore(dir: string, log: (l: string) => void = () => {}): TransferStore {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, 'transfer-bills.json')
  const bills = new Map<string, TransferBill>()
  if (fs.existsSync(file)) {
    try {
      for (const b of JSON.parse(fs.readFileSync(file, 'utf8')) as TransferBill[]) bills.set(b.outBillNo, b)
    } catch (e) {
      // Keep the unreadable file for inspection instead of overwriting it with an empty sandbox.
      const aside = `${file}.unreadable-${Date.now()}`
      fs.renameSync(file, aside)
      log(`[transfer] ${file} unreadable (${e instanceof Error ? e.message : String(e)}); moved to ${aside}`)
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
      fs.writeFileSync(tmp, JSON.stringify([...bills.values()]))
      fs.renameSync(tmp, file)
    } catch (e) {
      log(`[transfer] could not write ${file}: ${e instanceof Error ? e.message : String(e)}`)
    }
  }
  return {
    bills,
    save() {
      if (!closed) pending ??= setImmediate(write)
    },
    close() {
      if (pending) write()
      closed = true
    },
  }
}
