/**
 * Merchant-transfer sandbox (WeChat Pay API v3 `transfer-bills`, user-confirmation mode): what cloudPay cannot
 * do, so the functions talk to it over HTTP exactly as to api.mch.weixin.qq.com.
 *
 *   POST /v3/fund-app/mch-transfer/transfer-bills                              create (idempotent by out_bill_no)
 *   GET  /v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{out_bill_no}    query
 *   POST /v3/fund-app/mch-transfer/transfer-bills/out-bill-no/{no}/cancel      cancel (before the user confirms)
 *
 * Requests must carry a valid `WECHATPAY2-SHA256-RSA2048` Authorization (merchant key); answers and result
 * notifications are signed with the platform key (Wechatpay-* headers), resources encrypted with the APIv3 key.
 * States: ACCEPTED -> WAIT_USER_CONFIRM (package_info) -> TRANSFERING (the user confirmed) -> SUCCESS | FAIL;
 * WAIT_USER_CONFIRM -> CANCELLED on cancel, or when unconfirmed for 24 h by the emulator clock. Final states
 * are notified to notify_url (event MCHTRANSFER.BILL.FINISHED), retried on WeChat's schedule on the clock.
 * The h5 build's stand-in for wx.requestMerchantTransfer is `/__transfer/confirm?package=...&redirect=...`.
 * Bills persist in `<dir>/transfer-bills.json`.
 */
import { createPrivateKey, createPublicKey, randomBytes, type KeyObject } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readText } from '../core/body'
import { CloudbaseError } from '../core/errors'
import type { Clock, EmulatorModule } from '../core/types'
import { safeRedirect } from '../pay/cashier'
import { RETRY_SCHEDULE_MS } from '../pay/callbacks'
import { digitsId } from '../pay/format'
import * as dev from './devkeys'
import { confirmPage, withTransferResult } from './page'
import { checkRequestSignature, encryptResource, signedHeaders } from './sign'
import { FINAL_STATES, openTransferStore, type BillState, type TransferBill } from './store'

export type { TransferBill, BillState, TransferDelivery } from './store'

/** An unconfirmed bill closes (CANCELLED) this long after it was created, by the emulator clock. */
export const CONFIRM_WINDOW_MS = 24 * 3600 * 1000
const BASE = '/v3/fund-app/mch-transfer/transfer-bills'
const MAX_BODY = 64 * 1024

export interface TransferSwitches {
  /** No notifications at all (the functions' poller must finish bills by itself). */
  drop: boolean
  /** How many times the first attempt delivers the notification (duplicates). */
  deliverTimes: number
  /** Send the first attempt's copies at the same time. */
  concurrent: boolean
  /** Delay (clock ms) before the first attempt. */
  delayMs: number
  /** The next bill the user confirms fails (FAIL, fail_reason PAYEE_ACCOUNT_ABNORMAL) instead of arriving. */
  failNext: boolean
  /** New bills answer ACCEPTED (no package_info) and turn WAIT_USER_CONFIRM at their first query. */
  acceptedFirst: boolean
  /** Clock ms a confirmed bill stays TRANSFERING before SUCCESS (0: at once). */
  settleMs: number
}

export const DEFAULT_TRANSFER_SWITCHES: TransferSwitches = {
  drop: false,
  deliverTimes: 1,
  concurrent: false,
  delayMs: 0,
  failNext: false,
  acceptedFirst: false,
  settleMs: 0,
}

export interface TransferSandboxOptions {
  dir: string
  clock: Clock
  log?: (line: string) => void
  mchid?: string
  merchantSerial?: string
  merchantPublicKey?: string
  platformPrivateKey?: string
  platformKeyId?: string
  apiV3Key?: string
}

export interface TransferSandbox {
  module: EmulatorModule
  readonly mchid: string
  bills(): TransferBill[]
  bill(outBillNo: string): TransferBill | undefined
  /** The user taps 确认收款 (what the h5 confirm page and wx.requestMerchantTransfer do). */
  confirm(outBillNo: string): TransferBill
  /** Fails a bill that is not final yet (the transfer was refused by WeChat). */
  fail(outBillNo: string, reason?: string): TransferBill
  setSwitches(s: Partial<TransferSwitches>): TransferSwitches
  switches(): TransferSwitches
  /** Applies what is due by the clock (expiry, settling) and runs due notifications, waiting for them. */
  flush(): Promise<void>
  stop(): void
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const CN_OFFSET_MS = 8 * 3600 * 1000
/** RFC 3339 in China time, as v3 answers carry it: 2026-12-02T18:30:00+08:00. */
export const rfc3339 = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000 + CN_OFFSET_MS).toISOString().replace(/\.\d{3}Z$/, '+08:00')

const OUT_BILL_NO_RE = /^[A-Za-z0-9]{5,32}$/

export function createTransferSandbox(opts: TransferSandboxOptions): TransferSandbox {
  const log = opts.log ?? (() => {})
  const clock = opts.clock
  const mchid = opts.mchid ?? dev.DEV_MCHID
  const merchantSerial = opts.merchantSerial ?? dev.DEV_MERCHANT_SERIAL
  const merchantKey: KeyObject = createPublicKey(opts.merchantPublicKey ?? dev.DEV_MERCHANT_PUBLIC_KEY)
  const platformKey: KeyObject = createPrivateKey(opts.platformPrivateKey ?? dev.DEV_PLATFORM_PRIVATE_KEY)
  const platformKeyId = opts.platformKeyId ?? dev.DEV_PLATFORM_KEY_ID
  const apiV3Key = opts.apiV3Key ?? dev.DEV_APIV3_KEY
  const store = openTransferStore(opts.dir, log)
  let sw: TransferSwitches = { ...DEFAULT_TRANSFER_SWITCHES }
  const inFlight = new Set<Promise<void>>()
  const running = new Set<object>()
  let timer: NodeJS.Timeout | undefined
  let stopped = false

  // ---- state changes ---------------------------------------------------------------------------------
  function setState(b: TransferBill, state: BillState, failReason?: string): void {
    if (b.state === state) return
    b.state = state
    b.updatedAt = clock.now()
    if (failReason) b.failReason = failReason
    log(`[transfer] ${b.outBillNo} -> ${state}${failReason ? ` (${failReason})` : ''}`)
    if (FINAL_STATES.has(state) && b.notifyUrl) {
      const d = { state, attempts: 0, status: sw.drop ? ('dropped' as const) : ('pending' as const) }
      b.deliveries.push(sw.drop ? d : { ...d, dueAt: clock.now() + Math.max(0, sw.delayMs) })
      if (sw.drop) log(`[transfer] notification for ${b.outBillNo} dropped (switch)`)
    }
    store.save()
  }

  /** What the clock makes due: unconfirmed bills expire, confirmed ones settle. */
  function applyClock(b: TransferBill): void {
    const now = clock.now()
    if ((b.state === 'WAIT_USER_CONFIRM' || b.state === 'ACCEPTED') && now - b.createdAt >= CONFIRM_WINDOW_MS)
      setState(b, 'CANCELLED', 'TRANSFER_TIMEOUT_CLOSED')
    if (b.state === 'TRANSFERING' && b.settleAt !== undefined && b.settleAt <= now) {
      delete b.settleAt
      if (b.willFail) setState(b, 'FAIL', 'PAYEE_ACCOUNT_ABNORMAL')
      else setState(b, 'SUCCESS')
    }
  }

  function confirm(b: TransferBill): void {
    applyClock(b)
    if (b.state !== 'WAIT_USER_CONFIRM')
      throw new ApiError(400, 'INVALID_REQUEST', `转账单状态为 ${b.state}，不能确认收款`)
    if (sw.failNext) {
      b.willFail = true
      sw = { ...sw, failNext: false }
    }
    b.settleAt = clock.now() + Math.max(0, sw.settleMs)
    setState(b, 'TRANSFERING')
    applyClock(b)
    tick()
  }

  // ---- the v3 API ------------------------------------------------------------------------------------
  const billAnswer = (b: TransferBill) => ({
    out_bill_no: b.outBillNo,
    transfer_bill_no: b.transferBillNo,
    create_time: rfc3339(b.createdAt),
    state: b.state,
    ...(b.state === 'WAIT_USER_CONFIRM' ? { package_info: b.packageInfo } : {}),
    ...(b.failReason && (b.state === 'FAIL' || b.state === 'CANCELLED') ? { fail_reason: b.failReason } : {}),
  })
  const queryAnswer = (b: TransferBill) => ({
    mch_id: b.mchid,
    out_bill_no: b.outBillNo,
    transfer_bill_no: b.transferBillNo,
    appid: b.appid,
    state: b.state,
    transfer_amount: b.amount,
    transfer_remark: b.remark,
    ...(b.failReason && (b.state === 'FAIL' || b.state === 'CANCELLED') ? { fail_reason: b.failReason } : {}),
    openid: b.openid,
    create_time: rfc3339(b.createdAt),
    update_time: rfc3339(b.updatedAt),
    ...(b.state === 'WAIT_USER_CONFIRM' ? { package_info: b.packageInfo } : {}),
  })

  const str = (p: Record<string, unknown>, k: string, max: number, required = true): string | undefined => {
    const v = p[k]
    if (v === undefined && !required) return undefined
    if (typeof v !== 'string' || v.length === 0) throw new ApiError(400, 'PARAM_ERROR', `缺少参数 ${k}`)
    if ([...v].length > max) throw new ApiError(400, 'PARAM_ERROR', `${k} 长度超过 ${max}`)
    return v
  }

  function create(p: Record<string, unknown>): TransferBill {
    const outBillNo = str(p, 'out_bill_no', 32)!
    if (!OUT_BILL_NO_RE.test(outBillNo))
      throw new ApiError(400, 'PARAM_ERROR', 'out_bill_no 只能是 5-32 位数字和字母')
    const appid = str(p, 'appid', 32)!
    const openid = str(p, 'openid', 64)!
    const sceneId = str(p, 'transfer_scene_id', 36)!
    const remark = str(p, 'transfer_remark', 32)!
    const amount = p.transfer_amount
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 10)
      throw new ApiError(400, 'PARAM_ERROR', 'transfer_amount 必须是不小于 10 的整数（分）')
    const userName = str(p, 'user_name', 2048, false)
    if (amount >= 200000 && !userName)
      throw new ApiError(400, 'PARAM_ERROR', '转账金额 >= 2000 元时 user_name 必填')
    const notifyUrl = str(p, 'notify_url', 256, false)
    if (notifyUrl && !/^https?:\/\//.test(notifyUrl))
      throw new ApiError(400, 'PARAM_ERROR', 'notify_url 格式错误')
    const reportInfos = Array.isArray(p.transfer_scene_report_infos)
      ? (p.transfer_scene_report_infos as Array<{ info_type: string; info_content: string }>)
      : []
    if (sceneId === '1000' && reportInfos.length < 2)
      throw new ApiError(400, 'PARAM_ERROR', '转账场景 1000 需上报 活动名称 与 奖励说明')
    const existing = store.bills.get(outBillNo)
    if (existing) {
      // The same bill again answers the same bill; the same number for another bill is refused.
      if (existing.amount !== amount || existing.openid !== openid)
        throw new ApiError(400, 'INVALID_REQUEST', '商户单号已存在且参数不一致')
      return existing
    }
    const now = clock.now()
    const b: TransferBill = {
      outBillNo,
      transferBillNo: digitsId('1330000', now),
      mchid,
      appid,
      openid,
      amount,
      sceneId,
      remark,
      ...(userName ? { userName } : {}),
      ...(notifyUrl ? { notifyUrl } : {}),
      ...(typeof p.user_recv_perception === 'string' ? { perception: p.user_recv_perception } : {}),
      reportInfos,
      state: sw.acceptedFirst ? 'ACCEPTED' : 'WAIT_USER_CONFIRM',
      ...(sw.acceptedFirst ? { pendingAccept: true } : {}),
      packageInfo: `ABBQO+oYAAABAAAAAAB${randomBytes(24).toString('base64url')}`,
      createdAt: now,
      updatedAt: now,
      deliveries: [],
    }
    store.bills.set(outBillNo, b)
    store.save()
    log(`[transfer] bill ${outBillNo} created: ${amount} fen to ${openid}, ${b.state}`)
    return b
  }

  function mustBill(no: string): TransferBill {
    const b = store.bills.get(no)
    if (!b) throw new ApiError(404, 'NOT_FOUND', '记录不存在')
    return b
  }

  async function apiRoute(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const send = (status: number, obj: unknown): void => {
      const text = status === 204 ? '' : JSON.stringify(obj)
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'request-id': randomBytes(12).toString('hex'),
        ...signedHeaders(text, platformKey, platformKeyId),
      })
      res.end(text)
    }
    try {
      const body = await readText(req, MAX_BODY)
      const problem = checkRequestSignature(
        {
          method: req.method ?? 'GET',
          pathAndQuery: url.pathname + url.search,
          body,
          header: req.headers.authorization,
        },
        { mchid, serial: merchantSerial, publicKey: merchantKey },
      )
      if (problem) throw new ApiError(401, 'SIGN_ERROR', problem)
      const rest = url.pathname.slice(BASE.length)
      if (req.method === 'POST' && rest === '') {
        let p: unknown
        try {
          p = JSON.parse(body)
        } catch {
          throw new ApiError(400, 'PARAM_ERROR', '请求体不是合法的 JSON')
        }
        if (!p || typeof p !== 'object' || Array.isArray(p))
          throw new ApiError(400, 'PARAM_ERROR', '请求体必须是对象')
        const b = create(p as Record<string, unknown>)
        return send(200, billAnswer(b))
      }
      const m = /^\/out-bill-no\/([^/]+)(\/cancel)?$/.exec(rest)
      if (m) {
        const b = mustBill(decodeURIComponent(m[1]!))
        applyClock(b)
        if (req.method === 'GET' && !m[2]) {
          if (b.pendingAccept) {
            delete b.pendingAccept
            setState(b, 'WAIT_USER_CONFIRM')
          }
          tick()
          return send(200, queryAnswer(b))
        }
        if (req.method === 'POST' && m[2]) {
          if (b.state !== 'ACCEPTED' && b.state !== 'WAIT_USER_CONFIRM' && b.state !== 'CANCELLED')
            throw new ApiError(400, 'INVALID_REQUEST', `转账单状态为 ${b.state}，不能撤销`)
          setState(b, 'CANCELLED', b.failReason ?? 'MERCHANT_REVOKE')
          tick()
          return send(200, {
            out_bill_no: b.outBillNo,
            transfer_bill_no: b.transferBillNo,
            state: b.state,
            update_time: rfc3339(b.updatedAt),
          })
        }
      }
      throw new ApiError(404, 'NOT_FOUND', `no transfer API ${req.method} ${url.pathname}`)
    } catch (e) {
      if (e instanceof ApiError) return send(e.status, { code: e.code, message: e.message })
      if (e instanceof CloudbaseError) return send(400, { code: 'PARAM_ERROR', message: e.message })
      throw e
    }
  }

  // ---- notifications ---------------------------------------------------------------------------------
  function notificationBody(b: TransferBill, state: BillState): string {
    const resource = JSON.stringify({
      out_bill_no: b.outBillNo,
      transfer_bill_no: b.transferBillNo,
      state,
      mch_id: b.mchid,
      transfer_amount: b.amount,
      openid: b.openid,
      ...(b.failReason && state !== 'SUCCESS' ? { fail_reason: b.failReason } : {}),
      create_time: rfc3339(b.createdAt),
      update_time: rfc3339(b.updatedAt),
    })
    return JSON.stringify({
      id: randomBytes(16).toString('hex'),
      create_time: rfc3339(clock.now()),
      resource_type: 'encrypt-resource',
      event_type: 'MCHTRANSFER.BILL.FINISHED',
      summary: '商家转账单据终态通知',
      resource: { original_type: 'mch_payment', ...encryptResource(resource, apiV3Key, 'mch_payment') },
    })
  }

  async function deliverOnce(b: TransferBill, state: BillState): Promise<{ ok: boolean; answer: string }> {
    const body = notificationBody(b, state)
    try {
      const r = await fetch(b.notifyUrl!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders(body, platformKey, platformKeyId) },
        body,
        signal: AbortSignal.timeout(30_000),
      })
      const text = await r.text()
      return { ok: r.status >= 200 && r.status < 300, answer: `${r.status} ${text.slice(0, 200)}` }
    } catch (e) {
      return { ok: false, answer: `threw: ${e instanceof Error ? e.message : String(e)}` }
    }
  }

  async function attempt(b: TransferBill, d: TransferBill['deliveries'][number]): Promise<void> {
    const first = d.attempts === 0
    d.attempts += 1
    const copies = first ? Math.max(1, sw.deliverTimes, sw.concurrent ? 2 : 1) : 1
    let ok = false
    if (first && sw.concurrent) {
      const rs = await Promise.all(Array.from({ length: copies }, () => deliverOnce(b, d.state)))
      ok = rs.some((r) => r.ok)
      d.lastAnswer = rs.map((r) => r.answer).join(' | ')
    } else {
      for (let i = 0; i < copies; i++) {
        const r = await deliverOnce(b, d.state)
        ok = r.ok || ok
        d.lastAnswer = r.answer
      }
    }
    if (ok) {
      d.status = 'delivered'
      delete d.dueAt
      log(`[transfer] notification for ${b.outBillNo} (${d.state}) delivered on attempt ${d.attempts}`)
    } else if (d.attempts > RETRY_SCHEDULE_MS.length) {
      d.status = 'abandoned'
      delete d.dueAt
      log(`[transfer] notification for ${b.outBillNo} abandoned after ${d.attempts} attempts`)
    } else {
      d.dueAt = clock.now() + RETRY_SCHEDULE_MS[d.attempts - 1]!
      log(`[transfer] notification for ${b.outBillNo} not acknowledged (${d.lastAnswer}); retried later`)
    }
    store.save()
  }

  function tick(): void {
    if (stopped) return
    const now = clock.now()
    for (const b of store.bills.values()) {
      applyClock(b)
      if (!b.notifyUrl) continue
      for (const d of b.deliveries) {
        if (d.status !== 'pending' || running.has(d) || d.dueAt === undefined || d.dueAt > now) continue
        running.add(d)
        const p = attempt(b, d)
          .catch((e: unknown) => log(`[transfer] notification for ${b.outBillNo} failed: ${String(e)}`))
          .finally(() => {
            running.delete(d)
            inFlight.delete(p)
            arm()
          })
        inFlight.add(p)
      }
    }
    arm()
  }

  function arm(): void {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (stopped) return
    const due: number[] = []
    for (const b of store.bills.values()) {
      if (b.state === 'TRANSFERING' && b.settleAt !== undefined) due.push(b.settleAt)
      for (const d of b.deliveries)
        if (d.status === 'pending' && !running.has(d) && d.dueAt !== undefined) due.push(d.dueAt)
    }
    if (due.length === 0) return
    // Poll at least every second: the clock may jump forward between real ticks.
    timer = setTimeout(tick, Math.min(1000, Math.max(0, Math.min(...due) - clock.now())))
    timer.unref()
  }

  const hook = (clock as { onChange?: (l: () => void) => () => void }).onChange
  const unsubscribe = typeof hook === 'function' ? hook.call(clock, () => tick()) : undefined
  setImmediate(() => tick())

  // ---- pages and console routes ----------------------------------------------------------------------
  const byPackage = (pkg: string) => [...store.bills.values()].find((b) => b.packageInfo === pkg)

  function pageGet(res: ServerResponse, url: URL): void {
    const pkg = url.searchParams.get('package') ?? ''
    const redirect = safeRedirect(url.searchParams.get('redirect')) ?? ''
    const b = byPackage(pkg)
    if (b) applyClock(b)
    res.writeHead(b ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
    res.end(confirmPage(b, pkg, redirect))
  }

  async function pagePost(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const form = new URLSearchParams(await readText(req, MAX_BODY))
    const pkg = form.get('package') ?? ''
    const redirect = safeRedirect(form.get('redirect'))
    const b = byPackage(pkg)
    const accept = url.pathname === '/__transfer/confirm/accept'
    if (!b || (!accept && url.pathname !== '/__transfer/confirm/cancel')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      return void res.end('转账单不存在')
    }
    // 取消 leaves the bill waiting, as on a phone: the user may confirm later, until it expires.
    let result: 'ok' | 'cancel' | 'fail' = 'cancel'
    if (accept) {
      try {
        confirm(b)
        result = 'ok'
      } catch {
        result = 'fail'
      }
    }
    if (!redirect) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      return void res.end(confirmPage(b, pkg, ''))
    }
    res.writeHead(303, { location: withTransferResult(redirect, result) })
    res.end()
  }

  const sandbox: Omit<TransferSandbox, 'module'> = {
    mchid,
    bills: () => [...store.bills.values()].sort((a, b) => b.createdAt - a.createdAt),
    bill: (no) => {
      const b = store.bills.get(no)
      if (b) applyClock(b)
      return b
    },
    confirm: (no) => {
      const b = store.bills.get(no)
      if (!b) throw new CloudbaseError('INVALID_PARAM', `no transfer bill ${no}`)
      try {
        confirm(b)
      } catch (e) {
        if (e instanceof ApiError) throw new CloudbaseError('INVALID_PARAM', e.message)
        throw e
      }
      return b
    },
    fail: (no, reason) => {
      const b = store.bills.get(no)
      if (!b) throw new CloudbaseError('INVALID_PARAM', `no transfer bill ${no}`)
      applyClock(b)
      if (FINAL_STATES.has(b.state)) throw new CloudbaseError('INVALID_PARAM', `bill ${no} is ${b.state}`)
      delete b.settleAt
      setState(b, 'FAIL', reason ?? 'PAYEE_ACCOUNT_ABNORMAL')
      tick()
      return b
    },
    setSwitches(s) {
      const next = { ...sw }
      for (const k of ['drop', 'concurrent', 'failNext', 'acceptedFirst'] as const) {
        if (s[k] === undefined) continue
        if (typeof s[k] !== 'boolean') throw new CloudbaseError('INVALID_PARAM', `${k} must be a boolean`)
        next[k] = s[k]
      }
      if (s.deliverTimes !== undefined) {
        if (!Number.isInteger(s.deliverTimes) || s.deliverTimes < 1 || s.deliverTimes > 10)
          throw new CloudbaseError('INVALID_PARAM', 'deliverTimes must be an integer 1..10')
        next.deliverTimes = s.deliverTimes
      }
      for (const k of ['delayMs', 'settleMs'] as const) {
        if (s[k] === undefined) continue
        if (typeof s[k] !== 'number' || !Number.isFinite(s[k]) || s[k] < 0)
          throw new CloudbaseError('INVALID_PARAM', `${k} must be a number >= 0`)
        next[k] = s[k]
      }
      sw = next
      log(`[transfer] switches ${JSON.stringify(sw)}`)
      return { ...sw }
    },
    switches: () => ({ ...sw }),
    async flush() {
      tick()
      while (inFlight.size > 0) {
        await Promise.all([...inFlight])
        tick()
      }
    },
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      unsubscribe?.()
      store.close()
    },
  }

  async function jsonRoute(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const send = (status: number, obj: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify(obj))
    }
    try {
      const parts = url.pathname.slice('/__emulator/transfer/'.length).split('/').filter(Boolean)
      if (req.method === 'GET' && parts[0] === 'bills' && parts.length === 1)
        return send(200, { bills: sandbox.bills() })
      if (req.method === 'GET' && parts[0] === 'bills' && parts.length === 2) {
        const b = sandbox.bill(parts[1]!)
        return b ? send(200, { bill: b }) : send(404, { code: 'NOT_FOUND', message: `no bill ${parts[1]}` })
      }
      if (req.method === 'GET' && parts[0] === 'switches') return send(200, sandbox.switches())
      if (req.method === 'POST') {
        const text = await readText(req, MAX_BODY)
        const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>
        if (!body || typeof body !== 'object' || Array.isArray(body))
          throw new CloudbaseError('INVALID_PARAM', 'body must be a JSON object')
        if (parts[0] === 'switches') return send(200, sandbox.setSwitches(body as Partial<TransferSwitches>))
        if (parts[0] === 'flush') {
          await sandbox.flush()
          return send(200, { ok: true })
        }
        if (parts[0] === 'bills' && parts.length === 3) {
          if (parts[2] === 'confirm') return send(200, { bill: sandbox.confirm(parts[1]!) })
          if (parts[2] === 'fail')
            return send(200, {
              bill: sandbox.fail(parts[1]!, typeof body.reason === 'string' ? body.reason : undefined),
            })
        }
      }
      send(404, { code: 'NOT_FOUND', message: `no transfer route ${req.method} ${url.pathname}` })
    } catch (e) {
      if (e instanceof CloudbaseError) return send(400, { code: e.code, message: e.message })
      if (e instanceof SyntaxError) return send(400, { code: 'INVALID_PARAM', message: 'body is not JSON' })
      throw e
    }
  }

  const module: EmulatorModule = {
    name: 'transfer',
    routes: [
      { method: 'POST', prefix: BASE, handler: apiRoute },
      { method: 'GET', prefix: BASE, handler: apiRoute },
      { method: 'GET', prefix: '/__transfer/confirm', handler: (_req, res, url) => pageGet(res, url) },
      { method: 'POST', prefix: '/__transfer/confirm/', handler: pagePost },
      { method: 'GET', prefix: '/__emulator/transfer/', handler: jsonRoute },
      { method: 'POST', prefix: '/__emulator/transfer/', handler: jsonRoute },
    ],
    stop: () => sandbox.stop(),
  }
  return { module, ...sandbox }
}
