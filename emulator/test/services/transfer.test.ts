/**
 * The merchant-transfer sandbox on a real HTTP server: request signatures, signed answers, idempotency by
 * out_bill_no, the states (confirm, fail, cancel, 24 h expiry), encrypted and signed notifications with
 * retries on the clock, the switches, the h5 confirm page, and the HTTP access trigger.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import {
  createDecipheriv,
  createPublicKey,
  createSign,
  createVerify,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto'
import { createClock, type EmulatorClock } from '../../src/clock'
import { startServer, type EmulatorServer } from '../../src/core/server'
import { httpTriggerModule } from '../../src/gateway/http-trigger'
import { RETRY_SCHEDULE_MS } from '../../src/pay'
import { CONFIRM_WINDOW_MS, createTransferSandbox, type TransferSandbox } from '../../src/transfer'
import * as dev from '../../src/transfer/devkeys'

const MCHID = dev.DEV_MCHID
const SERIAL = dev.DEV_MERCHANT_SERIAL
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 })
const platformPublic: KeyObject = createPublicKey(dev.DEV_PLATFORM_PRIVATE_KEY)
const BASE = '/v3/fund-app/mch-transfer/transfer-bills'

let dir: string
let clock: EmulatorClock
let sandbox: TransferSandbox
let server: EmulatorServer
let receiver: http.Server
let notifyUrl: string
const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = []
let receiverStatus = 200
const invocations: Array<{ name: string; event: Record<string, unknown> }> = []

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-transfer-'))
  clock = createClock()
  sandbox = createTransferSandbox({
    dir,
    clock,
    merchantPublicKey: merchant.publicKey.export({ type: 'spki', format: 'pem' }) as string,
  })
  const trigger = httpTriggerModule({
    invoker: {
      has: (n) => n === 'hello',
      invoke: async (name, event) => {
        invocations.push({ name, event: event as Record<string, unknown> })
        return { statusCode: 201, headers: { 'x-a': '1' }, body: 'created' }
      },
    },
  })
  server = await startServer({ port: 0, modules: [sandbox.module, trigger] })
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      res.writeHead(receiverStatus)
      res.end(receiverStatus === 200 ? '' : '{"code":"FAIL"}')
    })
  })
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()))
  notifyUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/notify`
})
afterAll(async () => {
  sandbox.stop()
  await server.close()
  await new Promise((r) => receiver.close(r))
  fs.rmSync(dir, { recursive: true, force: true })
})
beforeEach(() => {
  received.length = 0
  receiverStatus = 200
  sandbox.setSwitches({
    drop: false,
    deliverTimes: 1,
    concurrent: false,
    delayMs: 0,
    failNext: false,
    acceptedFirst: false,
    settleMs: 0,
  })
})

/** A v3 request signed the way wechatpay-axios-plugin signs it. */
async function call(method: 'GET' | 'POST', pathAndQuery: string, body?: object, key = merchant.privateKey) {
  const text = body === undefined ? '' : JSON.stringify(body)
  const ts = String(Math.floor(Date.now() / 1000))
  const nonce = randomBytes(8).toString('hex')
  const sig = createSign('RSA-SHA256')
    .update(`${method}\n${pathAndQuery}\n${ts}\n${nonce}\n${text}\n`)
    .sign(key, 'base64')
  const res = await fetch(`${server.url}${pathAndQuery}`, {
    method,
    headers: {
      'content-type': 'application/json',
      authorization: `WECHATPAY2-SHA256-RSA2048 mchid="${MCHID}",nonce_str="${nonce}",signature="${sig}",timestamp="${ts}",serial_no="${SERIAL}"`,
    },
    ...(body === undefined ? {} : { body: text }),
  })
  const raw = await res.text()
  return {
    status: res.status,
    headers: res.headers,
    raw,
    data: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
  }
}

const verifies = (ts: string, nonce: string, body: string, sig: string) =>
  createVerify('RSA-SHA256').update(`${ts}\n${nonce}\n${body}\n`).verify(platformPublic, sig, 'base64')

let n = 0
const billNo = () => `WD${Date.now()}${++n}`
const newBill = (outBillNo: string, amount = 500, extra: object = {}) =>
  call('POST', BASE, {
    appid: 'wx0000000000000000',
    out_bill_no: outBillNo,
    transfer_scene_id: '1000',
    openid: 'o_shopper_0001',
    transfer_amount: amount,
    transfer_remark: '会员余额提现',
    notify_url: notifyUrl,
    transfer_scene_report_infos: [
      { info_type: '活动名称', info_content: '会员余额提现' },
      { info_type: '奖励说明', info_content: '会员钱包余额提现' },
    ],
    ...extra,
  })

function openNotification(r: { headers: http.IncomingHttpHeaders; body: string }) {
  const h = (k: string) => String(r.headers[k.toLowerCase()])
  expect(verifies(h('Wechatpay-Timestamp'), h('Wechatpay-Nonce'), r.body, h('Wechatpay-Signature'))).toBe(
    true,
  )
  expect(h('Wechatpay-Serial')).toBe(dev.DEV_PLATFORM_KEY_ID)
  const n = JSON.parse(r.body) as {
    event_type: string
    resource: { ciphertext: string; nonce: string; associated_data: string }
  }
  expect(n.event_type).toBe('MCHTRANSFER.BILL.FINISHED')
  const buf = Buffer.from(n.resource.ciphertext, 'base64')
  const d = createDecipheriv('aes-256-gcm', Buffer.from(dev.DEV_APIV3_KEY), Buffer.from(n.resource.nonce))
  d.setAAD(Buffer.from(n.resource.associated_data))
  d.setAuthTag(buf.subarray(buf.length - 16))
  return JSON.parse(
    Buffer.concat([d.update(buf.subarray(0, buf.length - 16)), d.final()]).toString('utf8'),
  ) as Record<string, unknown>
}

test('requests without a valid merchant signature are refused with 401 SIGN_ERROR', async () => {
  const plain = await fetch(`${server.url}${BASE}`, { method: 'POST', body: '{}' })
  expect(plain.status).toBe(401)
  expect(await plain.json()).toMatchObject({ code: 'SIGN_ERROR' })
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const r = await call('GET', `${BASE}/out-bill-no/X12345`, undefined, other.privateKey)
  expect(r).toMatchObject({ status: 401, data: { code: 'SIGN_ERROR', message: '签名错误' } })
})

test('create answers WAIT_USER_CONFIRM with package_info, signed with the platform key; idempotent by out_bill_no', async () => {
  const no = billNo()
  const a = await newBill(no)
  expect(a.status).toBe(200)
  expect(a.data).toMatchObject({
    out_bill_no: no,
    state: 'WAIT_USER_CONFIRM',
    package_info: expect.any(String),
  })
  expect(
    verifies(
      a.headers.get('wechatpay-timestamp')!,
      a.headers.get('wechatpay-nonce')!,
      a.raw,
      a.headers.get('wechatpay-signature')!,
    ),
  ).toBe(true)
  expect(a.headers.get('wechatpay-serial')).toBe(dev.DEV_PLATFORM_KEY_ID)
  const again = await newBill(no)
  expect(again.data).toMatchObject({
    transfer_bill_no: a.data.transfer_bill_no,
    package_info: a.data.package_info,
  })
  expect(sandbox.bills().filter((b) => b.outBillNo === no)).toHaveLength(1)
  expect(await newBill(no, 600)).toMatchObject({ status: 400, data: { code: 'INVALID_REQUEST' } })
  expect(await newBill('bad-no!')).toMatchObject({ status: 400, data: { code: 'PARAM_ERROR' } })
  expect(await newBill(billNo(), 200_000)).toMatchObject({ status: 400, data: { code: 'PARAM_ERROR' } })
  expect(await call('GET', `${BASE}/out-bill-no/NOPE12345`)).toMatchObject({
    status: 404,
    data: { code: 'NOT_FOUND' },
  })
})

test('confirm -> TRANSFERING -> SUCCESS, one encrypted and signed notification', async () => {
  const no = billNo()
  await newBill(no, 700)
  sandbox.setSwitches({ settleMs: 10_000 })
  sandbox.confirm(no)
  expect((await call('GET', `${BASE}/out-bill-no/${no}`)).data).toMatchObject({
    state: 'TRANSFERING',
    transfer_amount: 700,
  })
  clock.advance(10_000)
  await sandbox.flush()
  expect((await call('GET', `${BASE}/out-bill-no/${no}`)).data.state).toBe('SUCCESS')
  expect(received).toHaveLength(1)
  expect(openNotification(received[0]!)).toMatchObject({
    out_bill_no: no,
    state: 'SUCCESS',
    transfer_amount: 700,
    mch_id: MCHID,
  })
  // a final bill cannot be cancelled
  expect(await call('POST', `${BASE}/out-bill-no/${no}/cancel`, {})).toMatchObject({
    status: 400,
    data: { code: 'INVALID_REQUEST' },
  })
})

test('cancel before confirmation; expiry after 24 h unconfirmed (by the emulator clock)', async () => {
  const a = billNo()
  await newBill(a)
  const c = await call('POST', `${BASE}/out-bill-no/${a}/cancel`, {})
  expect(c.data).toMatchObject({ state: 'CANCELLED' })
  expect(() => sandbox.confirm(a)).toThrow()
  const b = billNo()
  await newBill(b)
  clock.advance(CONFIRM_WINDOW_MS)
  await sandbox.flush()
  expect((await call('GET', `${BASE}/out-bill-no/${b}`)).data).toMatchObject({
    state: 'CANCELLED',
    fail_reason: 'TRANSFER_TIMEOUT_CLOSED',
  })
  const states = received.map(openNotification).filter((x) => x.out_bill_no === a || x.out_bill_no === b)
  expect(states.map((x) => x.state)).toEqual(['CANCELLED', 'CANCELLED'])
})

test('switches: failNext, drop, duplicates; unacknowledged notifications are retried on the clock', async () => {
  const f = billNo()
  await newBill(f)
  sandbox.setSwitches({ failNext: true })
  sandbox.confirm(f)
  await sandbox.flush()
  expect(sandbox.bill(f)).toMatchObject({ state: 'FAIL', failReason: 'PAYEE_ACCOUNT_ABNORMAL' })
  expect(sandbox.switches().failNext).toBe(false)

  received.length = 0
  sandbox.setSwitches({ drop: true })
  const d = billNo()
  await newBill(d)
  sandbox.confirm(d)
  await sandbox.flush()
  expect(received).toHaveLength(0)
  expect(sandbox.bill(d)!.deliveries).toEqual([expect.objectContaining({ status: 'dropped' })])

  sandbox.setSwitches({ drop: false, deliverTimes: 3 })
  const x = billNo()
  await newBill(x)
  sandbox.confirm(x)
  await sandbox.flush()
  expect(received).toHaveLength(3)

  received.length = 0
  sandbox.setSwitches({ deliverTimes: 1 })
  receiverStatus = 500
  const r = billNo()
  await newBill(r)
  sandbox.confirm(r)
  await sandbox.flush()
  expect(received).toHaveLength(1)
  expect(sandbox.bill(r)!.deliveries[0]).toMatchObject({ status: 'pending', attempts: 1 })
  receiverStatus = 200
  clock.advance(RETRY_SCHEDULE_MS[0]!)
  await sandbox.flush()
  expect(received).toHaveLength(2)
  expect(sandbox.bill(r)!.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 2 })
})

test('the h5 confirm page: 确认收款 confirms and redirects with transferResult; 取消 leaves the bill waiting', async () => {
  const no = billNo()
  const created = await newBill(no)
  const pkg = String(created.data.package_info)
  const page = await fetch(`${server.url}/__transfer/confirm?package=${encodeURIComponent(pkg)}`)
  const html = await page.text()
  expect(html).toContain('确认收款')
  expect(html).toContain('¥5.00')
  const post = (what: string) =>
    fetch(`${server.url}/__transfer/confirm/${what}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ package: pkg, redirect: '/#/packages/wallet/withdraw/index' }).toString(),
      redirect: 'manual',
    })
  const cancel = await post('cancel')
  expect(cancel.headers.get('location')).toBe('/?transferResult=cancel#/packages/wallet/withdraw/index')
  expect(sandbox.bill(no)!.state).toBe('WAIT_USER_CONFIRM')
  const ok = await post('accept')
  expect(ok.status).toBe(303)
  expect(ok.headers.get('location')).toContain('transferResult=ok')
  expect(sandbox.bill(no)!.state).toBe('SUCCESS')
  expect((await fetch(`${server.url}/__transfer/confirm?package=nope`)).status).toBe(404)
})

test('bills persist in the data dir', async () => {
  const no = billNo()
  await newBill(no)
  await new Promise((r) => setImmediate(r))
  const again = createTransferSandbox({ dir, clock: createClock() })
  expect(again.bill(no)).toMatchObject({ outBillNo: no, state: 'WAIT_USER_CONFIRM' })
  again.stop()
})

test('HTTP access trigger: /__http/<fn>/<path> becomes the integration event and answers its response', async () => {
  const res = await fetch(`${server.url}/__http/hello/a/b?x=1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test': 'yes' },
    body: '{"k":1}',
  })
  expect(res.status).toBe(201)
  expect(res.headers.get('x-a')).toBe('1')
  expect(await res.text()).toBe('created')
  expect(invocations.at(-1)).toMatchObject({
    name: 'hello',
    event: {
      path: '/a/b',
      httpMethod: 'POST',
      body: '{"k":1}',
      isBase64Encoded: false,
      queryStringParameters: { x: '1' },
    },
  })
  expect((invocations.at(-1)!.event.headers as Record<string, string>)['x-test']).toBe('yes')
  expect((await fetch(`${server.url}/__http/missing/x`)).status).toBe(404)
})
