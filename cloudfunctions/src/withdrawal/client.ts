import type * as Plugin from 'wechatpay-axios-plugin'

// The package's index.js assigns `.default` onto a class that has a static `default` getter, which throws once
// esbuild bundles it (strict mode); its lib/ files are the same classes without that line.
/* eslint-disable @typescript-eslint/no-require-imports */
const Wechatpay = require('wechatpay-axios-plugin/lib/wechatpay') as typeof Plugin.Wechatpay
const Rsa = require('wechatpay-axios-plugin/lib/rsa') as typeof Plugin.Rsa
const Aes = require('wechatpay-axios-plugin/lib/aes') as typeof Plugin.Aes
const Formatter = require('wechatpay-axios-plugin/lib/formatter') as typeof Plugin.Formatter
/* eslint-enable @typescript-eslint/no-require-imports */
import { transferConfig, type TransferConfig } from './config'

/**
 * WeChat Pay API v3 merchant transfer through wechatpay-axios-plugin, which signs every request with the
 * merchant key and verifies every answer's Wechatpay-Signature with the platform public key (an answer
 * that does not verify is an error, never data). Nothing here signs or verifies by hand.
 */
export type BillState =
  | 'ACCEPTED'
  | 'PROCESSING'
  | 'WAIT_USER_CONFIRM'
  | 'TRANSFERING'
  | 'SUCCESS'
  | 'FAIL'
  | 'CANCELING'
  | 'CANCELLED'

export interface Bill {
  state: BillState
  transferBillNo?: string
  packageInfo?: string
  failReason?: string
}

export interface NewBill {
  outBillNo: string
  appid: string
  openid: string
  amount: number
  remark: string
}

/** A definite refusal from WeChat (HTTP 4xx with a code) as opposed to "we do not know what happened". */
export class TransferRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${status} ${code}: ${message}`)
  }
}

interface Endpoint {
  get(config?: object): Promise<{ data: Record<string, unknown> }>
  post(data?: object, config?: object): Promise<{ data: Record<string, unknown> }>
}
interface Client {
  chain(path: string): Endpoint
}

let cached: { key: string; client: Client; cfg: TransferConfig } | undefined

function client(): { client: Client; cfg: TransferConfig } {
  const cfg = transferConfig()
  const key = `${cfg.mchid}|${cfg.serial}|${cfg.baseURL}|${cfg.platformKeyId}|${cfg.privateKey.length}`
  if (cached?.key !== key) {
    const c = new Wechatpay({
      mchid: cfg.mchid,
      serial: cfg.serial,
      privateKey: cfg.privateKey,
      certs: { [cfg.platformKeyId]: cfg.platformPublicKey },
      baseURL: cfg.baseURL,
      timeout: 8000,
    }) as unknown as Client
    cached = { key, client: c, cfg }
  }
  return { client: cached.client, cfg: cached.cfg }
}

const BILLS = 'v3/fund-app/mch-transfer/transfer-bills'
const BY_NO = `${BILLS}/out-bill-no/{out_bill_no}`

/** Axios errors with WeChat's `{code, message}` body become TransferRefused; anything else is rethrown. */
function refusal(e: unknown): never {
  const r = (e as { response?: { status?: number; data?: unknown } })?.response
  let data = r?.data
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data)
    } catch {
      /* not JSON */
    }
  }
  const d = data as { code?: string; message?: string } | undefined
  if (r?.status && r.status >= 400 && r.status < 500 && d?.code)
    throw new TransferRefused(r.status, d.code, d.message ?? '')
  throw new Error(`transfer API: ${(e as Error)?.message ?? String(e)}`)
}

const toBill = (d: Record<string, unknown>): Bill => ({
  state: d.state as BillState,
  ...(typeof d.transfer_bill_no === 'string' ? { transferBillNo: d.transfer_bill_no } : {}),
  ...(typeof d.package_info === 'string' ? { packageInfo: d.package_info } : {}),
  ...(typeof d.fail_reason === 'string' ? { failReason: d.fail_reason } : {}),
})

/** Creates the bill, or answers the existing one with this out_bill_no (WeChat is idempotent by it). */
export async function createBill(b: NewBill): Promise<Bill> {
  const { client: c, cfg } = client()
  try {
    const { data } = await c.chain(BILLS).post({
      appid: b.appid,
      out_bill_no: b.outBillNo,
      transfer_scene_id: cfg.sceneId,
      openid: b.openid,
      transfer_amount: b.amount,
      transfer_remark: b.remark,
      ...(cfg.notifyUrl ? { notify_url: cfg.notifyUrl } : {}),
      user_recv_perception: '现金奖励',
      transfer_scene_report_infos: [
        { info_type: '活动名称', info_content: '会员余额提现' },
        { info_type: '奖励说明', info_content: '会员钱包余额提现到微信零钱' },
      ],
    })
    return toBill(data)
  } catch (e) {
    return refusal(e)
  }
}

/** The bill as WeChat has it now; null when WeChat has no bill with this number. */
export async function queryBill(outBillNo: string): Promise<Bill | null> {
  const { client: c } = client()
  try {
    const { data } = await c.chain(BY_NO).get({ out_bill_no: outBillNo })
    return toBill(data)
  } catch (e) {
    const r = (e as { response?: { status?: number } })?.response
    if (r?.status === 404) return null
    return refusal(e)
  }
}

/** Asks WeChat to cancel a bill the user has not confirmed (answers CANCELING or CANCELLED). */
export async function cancelBill(outBillNo: string): Promise<Bill> {
  const { client: c } = client()
  try {
    const { data } = await c.chain(`${BY_NO}/cancel`).post({}, { out_bill_no: outBillNo })
    return toBill(data)
  } catch (e) {
    return refusal(e)
  }
}

export interface Notification {
  outBillNo: string
  state: BillState
}

/**
 * Checks a v3 notification: the Wechatpay-* headers sign `timestamp\nnonce\nbody\n` with the platform key
 * we hold, within 5 minutes of now; then decrypts the AEAD_AES_256_GCM resource with the APIv3 key.
 * Answers null for anything that does not verify.
 */
export function openNotification(
  headers: Record<string, string | undefined>,
  body: string,
): Notification | null {
  const cfg = transferConfig()
  const h = (k: string) => headers[k.toLowerCase()] ?? headers[k]
  const ts = h('Wechatpay-Timestamp')
  const nonce = h('Wechatpay-Nonce')
  const serial = h('Wechatpay-Serial')
  const signature = h('Wechatpay-Signature')
  if (!ts || !nonce || !serial || !signature || serial !== cfg.platformKeyId) return null
  // Real time on both sides: the emulator's moved clock is for business time, not for signatures.
  if (!/^\d{1,12}$/.test(ts) || Math.abs(Formatter.timestamp() - Number(ts)) > 300) return null
  const publicKey = Rsa.from(cfg.platformPublicKey, Rsa.KEY_TYPE_PUBLIC)
  if (!Rsa.verify(Formatter.response(ts, nonce, body), signature, publicKey)) return null
  try {
    const n = JSON.parse(body) as {
      resource?: { ciphertext?: string; nonce?: string; associated_data?: string; algorithm?: string }
    }
    const r = n.resource
    if (!r?.ciphertext || !r.nonce || r.algorithm !== 'AEAD_AES_256_GCM') return null
    const plain = JSON.parse(
      Aes.AesGcm.decrypt(r.ciphertext, cfg.apiV3Key, r.nonce, r.associated_data ?? ''),
    ) as {
      out_bill_no?: unknown
      state?: unknown
    }
    if (typeof plain.out_bill_no !== 'string' || typeof plain.state !== 'string') return null
    return { outBillNo: plain.out_bill_no, state: plain.state as BillState }
  } catch {
    return null
  }
}
