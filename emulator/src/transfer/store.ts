import { openJsonStore, type JsonStore } from '../json-store'

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

export interface TransferStore extends Omit<JsonStore<TransferBill>, 'records'> {
  bills: Map<string, TransferBill>
}

/** Bills in one JSON file (see openJsonStore). */
export function openTransferStore(dir: string, log?: (l: string) => void): TransferStore {
  const { records, save, close } = openJsonStore<TransferBill>(
    dir,
    'transfer-bills.json',
    (b) => b.outBillNo,
    'transfer',
    log,
  )
  return { bills: records, save, close }
}
