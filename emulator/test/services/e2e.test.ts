/**
 * End to end through startEmulator and the real function runtime: functions using the real wx-server-sdk
 * order through cloudPay, the cashier page pays, the sandbox invokes the callback function as the payer
 * with SOURCE wx_paycallback (retried until it answers errcode 0), and openapi / storage calls from a
 * function are recorded / served.
 */
import path from 'node:path'
import { RETRY_SCHEDULE_MS } from '../../src/pay'
import { startEmulator, type Emulator } from '../../src'

/* eslint-disable @typescript-eslint/no-explicit-any */
jest.setTimeout(60_000)
let emu: Emulator
const BUYER = 'o_e2e_buyer_0001'
beforeAll(async () => {
  emu = await startEmulator({
    functionsDir: path.join(__dirname, 'fixtures', 'functions'),
    quiet: true,
    timers: false,
    poolSize: 2,
  })
  emu.db.ensureCollection('callbacks')
})
afterAll(() => emu?.stop())

const call = (event: object) => emu.functions.invoke('shopPay', event, { openid: BUYER }) as Promise<any>

async function payAtCashier(prepayId: string): Promise<string | null> {
  const page = await fetch(`${emu.url}/__pay/cashier?prepayId=${prepayId}&redirect=%2Fh5%2Fresult`)
  expect(await page.text()).toContain('确认支付')
  const r = await fetch(`${emu.url}/__pay/cashier/confirm`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `prepayId=${prepayId}&redirect=%2Fh5%2Fresult`,
    redirect: 'manual',
  })
  return r.headers.get('location')
}

test('order -> cashier -> callback function runs as the payer with SOURCE wx_paycallback', async () => {
  const no = `E2E${Date.now()}`
  const o = await call({ action: 'order', outTradeNo: no, totalFee: 1234 })
  expect(o.resultCode).toBe('SUCCESS')
  expect(emu.pay.order(no)).toMatchObject({ openid: BUYER, totalFee: 1234, functionName: 'payCallback' })
  expect(await payAtCashier(o.prepayId)).toBe('/h5/result?payResult=ok')
  await emu.pay.flush()
  const seen = emu.db.find('callbacks', { outTradeNo: no }) as any[]
  expect(seen).toHaveLength(1)
  expect(seen[0]).toMatchObject({
    source: 'wx_paycallback',
    openid: BUYER,
    event: { outTradeNo: no, totalFee: 1234, subOpenid: BUYER },
  })
  const q = await call({ action: 'query', outTradeNo: no })
  expect(q).toMatchObject({ tradeState: 'SUCCESS', totalFee: 1234 })
})

test('a callback that does not answer errcode 0 is retried on the clock', async () => {
  const no = `E2R${Date.now()}`
  const o = await call({ action: 'order', outTradeNo: no, totalFee: 13 })
  await payAtCashier(o.prepayId)
  await emu.pay.flush()
  expect(emu.db.find('callbacks', { outTradeNo: no })).toHaveLength(1)
  expect(emu.pay.order(no)!.deliveries[0]).toMatchObject({ status: 'pending', attempts: 1 })
  emu.clock.advance(RETRY_SCHEDULE_MS[0]!)
  await emu.pay.flush()
  expect(emu.db.find('callbacks', { outTradeNo: no })).toHaveLength(2)
  expect(emu.pay.order(no)!.deliveries[0]).toMatchObject({ status: 'delivered', attempts: 2 })
})

test('openapi and storage calls from a function are recorded and served', async () => {
  await expect(call({ action: 'notify' })).resolves.toMatchObject({ errCode: 0 })
  const rec = (emu.openapi.records() as any[]).filter((r) => r.api === 'subscribeMessage.send').at(-1)
  expect(rec).toMatchObject({
    openid: BUYER,
    functionName: 'shopPay',
    params: { touser: BUYER, template_id: 'tpl_order_paid' },
  })
  const up = await call({ action: 'upload', text: '你好' })
  expect(up.fileID).toBe(`cloud://local-env.6c6f-local-env-1250000000/e2e/${BUYER}.txt`)
  const r = await fetch(encodeURI(up.url))
  expect(await r.text()).toBe('你好')
})
