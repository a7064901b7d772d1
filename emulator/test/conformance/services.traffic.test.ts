/**
 * Wire-level replay of the captured wx.openApi / wx.wxPayApi requests (traffic.jsonl): the emulator must answer
 * the very same bytes wherever the answer is deterministic, and the same content types everywhere
 * (PROTOCOL §9.2/§9.3/§10 pitfalls).
 */
import fs from 'node:fs'
import path from 'node:path'
import { startServices, type Services } from '../services/start'
import { VECTORS_DIR } from './vectors'

interface Traffic {
  seq: number
  label: string
  action?: string
  request: {
    body: Record<string, string>
    multipartMeta?: Record<string, { hex?: string; contentType?: string }>
  }
  response: { status: number; contentType?: string; rawHex?: string; body?: unknown }
}

const traffic = fs
  .readFileSync(path.join(VECTORS_DIR, 'traffic.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Traffic)
  .filter((t) => t.action === 'wx.openApi' || t.action === 'wx.wxPayApi')

/** Rebuilds the SDK's multipart body from the capture (binary parts from their hex). */
function form(t: Traffic): FormData {
  const f = new FormData()
  for (const [name, value] of Object.entries(t.request.body)) {
    const meta = t.request.multipartMeta?.[name]
    if (meta?.hex !== undefined)
      f.set(name, new Blob([Buffer.from(meta.hex, 'hex')], { type: 'application/octet-stream' }))
    else f.set(name, value)
  }
  return f
}

/** Answers that depend on nothing generated (no ids, nonces, times, PNG): compared byte for byte. */
const EXACT = new Set([200, 202, 206, 208, 214, 218, 224])

let s: Services
beforeAll(async () => {
  s = await startServices()
})
afterAll(() => s.stop())

test.each(traffic.map((t) => [t.seq, t.label, t] as const))('#%i %s', async (_seq, _label, t) => {
  if (t.request.body.apiName === 'inject.wxSystemError')
    s.openapi.injectFault({ api: 'inject.wxSystemError', errorCode: -604101 })
  if (t.request.body.apiName === 'inject.tcbError')
    s.openapi.injectFault({ api: 'inject.tcbError', tcb: { code: 'INVALID_PARAM', message: 'x' } })
  if (t.label === 'cloudPay.queryOrder' || t.label === 'cloudPay.refund') {
    // The capture's stub knew T1 as paid; make it so.
    if (!s.pay.order('T1')) {
      const f = form(traffic.find((x) => x.label === 'cloudPay.unifiedOrder')!)
      f.set(
        'requestData',
        new Blob([
          JSON.stringify({
            body: '测试商品',
            out_trade_no: 'T1',
            spbill_create_ip: '127.0.0.1',
            sub_mch_id: '1600000000',
            total_fee: 1,
            env_id: 'local-env',
            function_name: 'payCallback',
            nonce_str: 'abc',
          }),
        ]),
      )
      await fetch(`${s.url}/admin`, { method: 'POST', body: f })
      s.pay.pay('T1')
    }
  }
  if (t.label === 'cloudPay TCB-level error') {
    // The stub keyed this on out_trade_no; the sandbox refuses sub-merchants not bound to the env.
    const f = form(t)
    f.set('requestData', new Blob([JSON.stringify({ sub_mch_id: 'unbound', out_trade_no: 'TCB_ERR' })]))
    const r = await fetch(`${s.url}/admin`, { method: 'POST', body: f })
    expect(r.headers.get('content-type')).toBe(t.response.contentType)
    expect(await r.json()).toMatchObject({
      code: 'INVALID_PARAM',
      message: 'cloudpay: sub_mch_id not bound to env',
    })
    return
  }
  const r = await fetch(`${s.url}/admin`, { method: 'POST', body: form(t) })
  expect(r.status).toBe(200)
  expect(r.headers.get('content-type')).toBe(t.response.contentType)
  const bytes = Buffer.from(await r.arrayBuffer())
  if (EXACT.has(t.seq)) expect(bytes.toString('hex')).toBe(t.response.rawHex)
  if (t.action === 'wx.wxPayApi' && t.label !== 'cloudPay business failure (result_code FAIL)') {
    const body = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>
    expect(Object.keys(body).sort()).toEqual(Object.keys(t.response.body as object).sort())
  }
})
