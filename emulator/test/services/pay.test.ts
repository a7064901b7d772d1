import { RETRY_SCHEDULE_MS } from '../../src/pay'
import { http, sdkFor } from './sdk'
import { startServices, type Services } from './start'

/* eslint-disable @typescript-eslint/no-explicit-any */
let s: Services
let cloud: any
const PAYER = 'o_shopper_0001'

beforeAll(async () => {
  s = await startServices()
  cloud = sdkFor(s, PAYER)
})
afterAll(() => s.stop())
beforeEach(() => {
  s.pay.setSwitches({ deliverTimes: 1, concurrent: false, delayMs: 0, drop: false })
  s.invoker.calls = []
  s.invoker.delayMs = 0
  s.invoker.maxInFlight = 0
  s.invoker.answer = () => ({ errcode: 0, errmsg: 'ok' })
})

let n = 0
const no = () => `T${Date.now()}${++n}`
const order = (outTradeNo: string, totalFee = 100, extra: Record<string, unknown> = {}) =>
  cloud.cloudPay.unifiedOrder({
    body: '测试商品',
    outTradeNo,
    spbillCreateIp: '127.0.0.1',
    subMchId: '1600000000',
    totalFee,
    envId: 'local-env',
    functionName: 'payNotify',
    nonceStr: 'n1',
    tradeType: 'JSAPI',
    ...extra,
  })
const query = (outTradeNo: string) =>
  cloud.cloudPay.queryOrder({ subMchId: '1600000000', outTradeNo, nonceStr: 'n' })
const refund = (outTradeNo: string, outRefundNo: string, refundFee: number, totalFee = 100) =>
  cloud.cloudPay.refund({
    subMchId: '1600000000',
    outTradeNo,
    outRefundNo,
    totalFee,
    refundFee,
    nonceStr: 'n',
    envId: 'local-env',
    functionName: 'refundNotify',
  })

describe('unifiedOrder', () => {
  test('answers payment params; the same number and amount gives the same prepay; another amount fails', async () => {
    const id = no()
    const a = await order(id)
    expect(a).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS', tradeType: 'JSAPI', errCode: 0 })
    expect(a.payment).toMatchObject({
      appId: 'wx0000000000000000',
      package: `prepay_id=${a.prepayId}`,
      signType: 'MD5',
    })
    const again = await order(id)
    expect(again.prepayId).toBe(a.prepayId)
    const other = await order(id, 200)
    expect(other).toMatchObject({ resultCode: 'FAIL', errCodeDes: '201 商户订单号重复' })
    expect(s.pay.order(id)).toMatchObject({
      totalFee: 100,
      state: 'NOTPAY',
      openid: PAYER,
      functionName: 'payNotify',
    })
  })

  test('bad parameters are business failures and create nothing', async () => {
    const before = s.pay.orders().length
    expect(await order(no(), 0)).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: 'total_fee 必须是正整数（分）',
    })
    expect(await order(no(), 1.5)).toMatchObject({ resultCode: 'FAIL' })
    expect(await order('bad no!', 100)).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: 'out_trade_no 格式错误',
    })
    expect(await order(no(), 100, { body: '' })).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: '缺少参数 body',
    })
    expect(await order(no(), 100, { body: 'x'.repeat(129) })).toMatchObject({ resultCode: 'FAIL' })
    expect(s.pay.orders().length).toBe(before)
  })

  test('function name, env and sub-merchant problems are CloudBase-level errors', async () => {
    const before = s.pay.orders().length
    await expect(order(no(), 100, { functionName: undefined })).rejects.toMatchObject({ errCode: -501007 })
    await expect(order(no(), 100, { envId: 'other-env' })).rejects.toMatchObject({
      errCode: -501007,
      message: expect.stringContaining('env_id other-env is not this environment'),
    })
    await expect(order(no(), 100, { subMchId: 'nope' })).rejects.toMatchObject({ errCode: -501007 })
    await expect(cloud.cloudPay.noSuchApi({ subMchId: '1600000000' })).rejects.toMatchObject({
      errCode: -501007,
    })
    expect(s.pay.orders().length).toBe(before)
  })
})

describe('payment callbacks', () => {
  test('paying invokes the callback as the payer (wx_paycallback) with the documented fields', async () => {
    const id = no()
    await order(id, 990, { attach: 'order-1' })
    s.pay.pay(id)
    await s.pay.flush()
    expect(s.invoker.calls).toHaveLength(1)
    const [call] = s.invoker.calls
    expect(call!.name).toBe('payNotify')
    expect(call!.opts).toMatchObject({ openid: PAYER, source: 'wx_paycallback' })
    const t = s.pay.order(id)!
    expect(call!.event).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outTradeNo: id,
      transactionId: t.transactionId,
      totalFee: 990,
      cashFee: 990,
      feeType: 'CNY',
      subOpenid: PAYER,
      openid: PAYER,
      subMchId: '1600000000',
      mchId: '1900000000',
      appid: 'wx0000000000000000',
      tradeType: 'JSAPI',
      bankType: 'OTHERS',
      isSubscribe: 'N',
      attach: 'order-1',
      userInfo: { appId: 'wx0000000000000000', openId: PAYER },
    })
    expect(call!.event.timeEnd).toMatch(/^\d{14}$/)
    expect(call!.event.nonceStr).toEqual(expect.any(String))
    const q = await query(id)
    expect(q).toMatchObject({
      tradeState: 'SUCCESS',
      transactionId: t.transactionId,
      totalFee: 990,
      timeEnd: call!.event.timeEnd,
    })
  })

  test('is retried on the schedule until the answer is exactly {errcode: 0}', async () => {
    const answers: unknown[] = [{ errcode: 1, errmsg: 'busy' }, 'SUCCESS', { errcode: '0' }]
    s.invoker.answer = (_c, i) => {
      if (i === 3) throw new Error('function crashed')
      return i <= answers.length + 1 ? answers[i - 1] : { errcode: 0, errmsg: 'ok' }
    }
    const id = no()
    await order(id)
    s.pay.pay(id)
    await s.pay.flush()
    expect(s.invoker.calls).toHaveLength(1)
    // Not due yet: flush alone does nothing.
    await s.pay.flush()
    expect(s.invoker.calls).toHaveLength(1)
    for (let k = 0; k < 4; k++) {
      s.clock.advance(RETRY_SCHEDULE_MS[k]!)
      await s.pay.flush()
      expect(s.invoker.calls).toHaveLength(k + 2)
    }
    const d = s.pay.order(id)!.deliveries[0]!
    expect(d).toMatchObject({ kind: 'pay', status: 'delivered', attempts: 5 })
    s.clock.advance(24 * 3600 * 1000)
    await s.pay.flush()
    expect(s.invoker.calls).toHaveLength(5)
  })

  test('a callback never acknowledged is abandoned after the whole ~24 h schedule', async () => {
    s.invoker.answer = () => ({ errcode: 500 })
    const id = no()
    await order(id)
    s.pay.pay(id)
    await s.pay.flush()
    for (const ms of RETRY_SCHEDULE_MS) {
      s.clock.advance(ms)
      await s.pay.flush()
    }
    const total = RETRY_SCHEDULE_MS.reduce((a, b) => a + b, 0)
    expect(total).toBeGreaterThan(23 * 3600 * 1000)
    expect(total).toBeLessThan(25 * 3600 * 1000)
    expect(s.invoker.calls).toHaveLength(RETRY_SCHEDULE_MS.length + 1)
    expect(s.pay.order(id)!.deliveries[0]).toMatchObject({ status: 'abandoned', attempts: 16 })
    expect(s.lines.some((l) => l.includes(`for ${id}: abandoned after 16 attempts`))).toBe(true)
  })

  test('deliverTimes: 2 delivers a duplicate', async () => {
    s.pay.setSwitches({ deliverTimes: 2 })
    const id = no()
    await order(id)
    s.pay.pay(id)
    await s.pay.flush()
    expect(s.invoker.calls.map((c) => c.event.outTradeNo)).toEqual([id, id])
    expect(s.invoker.maxInFlight).toBe(1)
  })

  test('concurrent: the copies overlap in time', async () => {
    s.pay.setSwitches({ concurrent: true })
    s.invoker.delayMs = 50
    const id = no()
    await order(id)
    s.pay.pay(id)
    await s.pay.flush()
    expect(s.invoker.calls).toHaveLength(2)
    expect(s.invoker.maxInFlight).toBe(2)
  })

  test('drop: no callback at all, but queryOrder reports the payment', async () => {
    s.pay.setSwitches({ drop: true })
    const id = no()
    await order(id)
    s.pay.pay(id)
    await s.pay.flush()
    s.clock.advance(3600 * 1000)
    await s.pay.flush()
    expect(s.invoker.calls).toHaveLength(0)
    expect(await query(id)).toMatchObject({ tradeState: 'SUCCESS' })
    expect(s.pay.order(id)!.deliveries[0]!.status).toBe('dropped')
  })

  test('delayMs: the first delivery waits for the emulator clock', async () => {
    s.pay.setSwitches({ delayMs: 60_000 })
    const id = no()
    await order(id)
    s.pay.pay(id)
    await s.pay.flush()
    expect(s.invoker.calls).toHaveLength(0)
    s.clock.advance(60_000)
    await s.pay.flush()
    expect(s.invoker.calls).toHaveLength(1)
  })

  test('switches refuse bad values and keep the old ones', () => {
    expect(() => s.pay.setSwitches({ deliverTimes: 0 })).toThrow('deliverTimes')
    expect(() => s.pay.setSwitches({ delayMs: -1 })).toThrow('delayMs')
    expect(() => s.pay.setSwitches({ drop: 'yes' as unknown as boolean })).toThrow('drop')
    expect(s.pay.switches()).toEqual({ deliverTimes: 1, concurrent: false, delayMs: 0, drop: false })
  })
})

describe('closeOrder, refund, queryRefund, downloadBill', () => {
  const close = (outTradeNo: string) =>
    cloud.cloudPay.closeOrder({ subMchId: '1600000000', outTradeNo, nonceStr: 'n' })

  test('closeOrder is refused within 5 minutes of creation, then closes; a paid order answers ORDERPAID', async () => {
    const id = no()
    await order(id)
    expect(await close(id)).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: expect.stringContaining('5分钟'),
    })
    s.clock.advance(5 * 60 * 1000)
    expect(await close(id)).toMatchObject({ resultCode: 'SUCCESS' })
    expect(await query(id)).toMatchObject({ tradeState: 'CLOSED' })
    expect(await order(id)).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单已关闭' })
    expect(() => s.pay.pay(id)).toThrow('订单已关闭')

    const paid = no()
    await order(paid)
    s.pay.pay(paid)
    s.clock.advance(10 * 60 * 1000)
    expect(await close(paid)).toMatchObject({ resultCode: 'FAIL', errCodeDes: '该订单已支付' })
    expect(await query(paid)).toMatchObject({ tradeState: 'SUCCESS' })
    expect(await close('NOPE')).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单不存在' })
  })

  test('refund is idempotent by out_refund_no, limited to what was paid, and calls the refund function', async () => {
    const id = no()
    await order(id, 100)
    expect(await refund(id, `${id}R0`, 10)).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单状态错误' })
    s.pay.pay(id)
    await s.pay.flush()
    s.invoker.calls = []
    const r1 = await refund(id, `${id}R1`, 60)
    expect(r1).toMatchObject({ resultCode: 'SUCCESS', refundFee: 60, outRefundNo: `${id}R1` })
    const again = await refund(id, `${id}R1`, 60)
    expect(again.refundId).toBe(r1.refundId)
    expect(await refund(id, `${id}R1`, 50)).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: expect.stringContaining('不一致'),
    })
    expect(await refund(id, `${id}R2`, 41)).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: '申请退款金额超过订单可退金额',
    })
    expect(await refund(id, `${id}R2`, 10, 99)).toMatchObject({ resultCode: 'FAIL' })
    expect(await refund(id, `${id}R2`, 40)).toMatchObject({ resultCode: 'SUCCESS' })
    expect(s.pay.order(id)!.refunds.map((r) => r.refundFee)).toEqual([60, 40])
    await s.pay.flush()
    expect(s.invoker.calls.map((c) => [c.name, c.event.outRefundNo, c.event.refundStatus])).toEqual([
      ['refundNotify', `${id}R1`, 'SUCCESS'],
      ['refundNotify', `${id}R2`, 'SUCCESS'],
    ])
    expect(s.invoker.calls[0]!.event.reqInfo).toMatchObject({ outTradeNo: id, refundFee: 60, totalFee: 100 })
    expect(s.invoker.calls[0]!.opts).toMatchObject({ source: 'wx_paycallback', openid: PAYER })
    expect(await query(id)).toMatchObject({ tradeState: 'REFUND' })
    const qr = await cloud.cloudPay.queryRefund({ subMchId: '1600000000', outTradeNo: id, nonceStr: 'n' })
    expect(qr).toMatchObject({
      resultCode: 'SUCCESS',
      refundCount: 2,
      outRefundNo_0: `${id}R1`,
      refundFee_1: 40,
    })
  })

  test('downloadBill answers the day as WeChat-style CSV text', async () => {
    const id = no()
    await order(id, 1234)
    s.pay.pay(id)
    const t = s.pay.order(id)!
    const cn = new Date(t.paidAt! + 8 * 3600 * 1000).toISOString()
    const billDate = cn.slice(0, 10).replace(/-/g, '')
    const r = await cloud.cloudPay.downloadBill({
      subMchId: '1600000000',
      billDate,
      billType: 'ALL',
      nonceStr: 'n',
    })
    expect(typeof r.data).toBe('string')
    const lines = (r.data as string).split('\r\n')
    expect(lines[0]).toMatch(/^交易时间,公众账号ID,商户号/)
    expect(lines.some((l) => l.includes(`\`${id}`) && l.includes('`12.34'))).toBe(true)
    expect(lines.at(-2)).toMatch(/^总交易单数/)
    const none = await cloud.cloudPay.downloadBill({
      subMchId: '1600000000',
      billDate: '20000101',
      billType: 'ALL',
    })
    expect(none).toMatchObject({ returnCode: 'FAIL', returnMsg: 'No Bill Exist' })
  })
})

describe('cashier page and console routes', () => {
  test('the cashier shows the trade in Chinese; 确认支付 pays and redirects with payResult=ok', async () => {
    const id = no()
    const a = await order(id, 1999)
    const page = await http(
      s,
      'GET',
      `/__pay/cashier?prepayId=${a.prepayId}&redirect=${encodeURIComponent('/pages/order/detail?id=1')}`,
    )
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    for (const text of ['商品', '测试商品', '金额', '¥19.99', '确认支付', '放弃支付'])
      expect(page.text).toContain(text)

    const form = (prepayId: string, redirect: string) =>
      `prepayId=${prepayId}&redirect=${encodeURIComponent(redirect)}`
    const hdr = { 'content-type': 'application/x-www-form-urlencoded' }
    const cancel = await http(
      s,
      'POST',
      '/__pay/cashier/cancel',
      form(a.prepayId, '/pages/order/detail?id=1'),
      hdr,
    )
    expect(cancel.status).toBe(303)
    expect(cancel.headers.get('location')).toBe('/pages/order/detail?id=1&payResult=cancel')
    expect(s.pay.order(id)!.state).toBe('NOTPAY')

    const ok = await http(
      s,
      'POST',
      '/__pay/cashier/confirm',
      form(a.prepayId, 'http://localhost:10086/#/pages/pay/result'),
      hdr,
    )
    expect(ok.headers.get('location')).toBe('http://localhost:10086/?payResult=ok#/pages/pay/result')
    expect(s.pay.order(id)!.state).toBe('SUCCESS')
    await s.pay.flush()
    expect(s.invoker.calls.map((c) => c.event.outTradeNo)).toEqual([id])
  })

  test('the cashier shows the order number the merchant passed (attach), never its internal trade number', async () => {
    const id = no()
    const a = await order(id, 1999, { attach: 'M20261202000042' })
    const page = await http(s, 'GET', `/__pay/cashier?prepayId=${a.prepayId}`)
    expect(page.text).toMatch(
      /<span>订单号<\/span><span data-testid="cashier-order-no">M20261202000042<\/span>/,
    )
    expect(page.text).toContain('data-testid="cashier-amount">¥19.99')
    expect(page.text).not.toContain(id)
    // a trade without one shows the merchant's trade number, named as WeChat's bill names it
    const bare = no()
    const b = await order(bare, 100)
    const plain = await http(s, 'GET', `/__pay/cashier?prepayId=${b.prepayId}`)
    expect(plain.text).toContain(`<span>商户单号</span><span>${bare}</span>`)
    expect(plain.text).not.toContain('订单号')
  })

  test('after time_expire the cashier refuses to pay (payResult=fail); a malformed time_expire is refused', async () => {
    const id = no()
    const cn = (ms: number) =>
      new Date(ms + 8 * 3600 * 1000)
        .toISOString()
        .slice(0, 19)
        .replace(/[^0-9]/g, '')
    const expireAt = s.clock.now() + 60_000
    const a = await order(id, 100, { timeExpire: cn(expireAt) })
    expect(s.pay.order(id)!.expireAt).toBe(Math.floor(expireAt / 1000) * 1000)
    s.clock.advance(61_000)
    const page = await http(s, 'GET', `/__pay/cashier?prepayId=${a.prepayId}`)
    expect(page.text).toContain('订单已过期')
    expect(page.text).not.toContain('确认支付')
    const hdr = { 'content-type': 'application/x-www-form-urlencoded' }
    const r = await http(s, 'POST', '/__pay/cashier/confirm', `prepayId=${a.prepayId}&redirect=%2Fr`, hdr)
    expect(r.headers.get('location')).toBe('/r?payResult=fail')
    expect((await query(id)).tradeState).toBe('NOTPAY')
    const before = s.pay.orders().length
    expect(await order(no(), 100, { timeExpire: '2024-01-01' })).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: expect.stringContaining('time_expire'),
    })
    expect(s.pay.orders().length).toBe(before)
  })

  test('the cashier escapes what it shows and refuses javascript: redirects', async () => {
    const id = no()
    const a = await order(id, 100, { body: '<script>alert(1)</script>' })
    const page = await http(s, 'GET', `/__pay/cashier?prepayId=${a.prepayId}&redirect=javascript:alert(1)`)
    expect(page.text).not.toContain('<script>alert(1)')
    expect(page.text).toContain('&lt;script&gt;')
    expect(page.text).not.toContain('javascript:')
    const missing = await http(s, 'GET', '/__pay/cashier?prepayId=nope')
    expect(missing.status).toBe(404)
    expect(missing.text).toContain('订单不存在')
  })

  test('console routes list, pay, fail and refund trades; bad input is refused', async () => {
    const a = no()
    const b = no()
    await order(a, 500)
    await order(b, 500)
    const list = await http(s, 'GET', '/__emulator/pay/trades')
    expect(list.json.trades.map((t: { outTradeNo: string }) => t.outTradeNo)).toEqual(
      expect.arrayContaining([a, b]),
    )
    expect((await http(s, 'POST', `/__emulator/pay/trades/${b}/fail`)).json.trade.state).toBe('PAYERROR')
    expect((await query(b)).tradeState).toBe('PAYERROR')
    expect((await http(s, 'POST', `/__emulator/pay/trades/${a}/pay`)).json.trade.state).toBe('SUCCESS')
    const r = await http(s, 'POST', `/__emulator/pay/trades/${a}/refund`, { refundFee: 200 })
    expect(r.json.trade.refunds).toHaveLength(1)
    const tooMuch = await http(s, 'POST', `/__emulator/pay/trades/${a}/refund`, { refundFee: 400 })
    expect(tooMuch.status).toBe(400)
    expect(tooMuch.json).toMatchObject({ code: 'INVALID_REQUEST' })
    expect((await http(s, 'POST', '/__emulator/pay/trades/NOPE/pay')).status).toBe(400)
    expect((await http(s, 'POST', '/__emulator/pay/switches', '{not json')).json).toMatchObject({
      code: 'INVALID_PARAM',
    })
    expect((await http(s, 'POST', '/__emulator/pay/switches', { deliverTimes: 99 })).status).toBe(400)
    expect((await http(s, 'POST', '/__emulator/pay/switches', { drop: true })).json).toMatchObject({
      drop: true,
    })
    expect(s.pay.switches().drop).toBe(true)
    expect((await http(s, 'GET', '/__emulator/pay/switches')).json).toMatchObject({
      drop: true,
      deliverTimes: 1,
    })
  })
})

// Last: it stops the served sandbox.
describe('persistence', () => {
  test('orders and unfinished callbacks survive a restart', async () => {
    s.invoker.answer = () => ({ errcode: 1 })
    const id = no()
    await order(id, 321)
    s.pay.pay(id)
    await s.pay.flush()
    // The first sandbox stops (as the process would); a new one reads the same dir.
    s.pay.stop()
    const pay2 = s.reopenPay()
    expect(pay2.order(id)).toMatchObject({ totalFee: 321, state: 'SUCCESS', openid: PAYER })
    s.invoker.answer = () => ({ errcode: 0 })
    s.invoker.calls = []
    s.clock.advance(RETRY_SCHEDULE_MS[0]!)
    await pay2.flush()
    expect(s.invoker.calls.map((c) => c.event.outTradeNo)).toEqual([id])
    expect(pay2.order(id)!.deliveries[0]!.status).toBe('delivered')
    pay2.stop()
  })
})

describe('an unreadable trades file', () => {
  test('is moved aside (kept) and the sandbox starts empty', async () => {
    const fs = await import('node:fs')
    const os = await import('node:os')
    const path = await import('node:path')
    const { createCloudPay } = await import('../../src/pay')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-pay-bad-'))
    fs.writeFileSync(path.join(dir, 'cloudpay-trades.json'), '{broken')
    const lines: string[] = []
    const p = createCloudPay({
      dir,
      clock: s.clock,
      invoker: s.invoker,
      envId: 'local-env',
      appid: 'wx0000000000000000',
      publicUrl: () => s.url,
      log: (l) => lines.push(l),
    })
    expect(p.orders()).toEqual([])
    const aside = fs.readdirSync(dir).find((f) => f.includes('unreadable'))!
    expect(fs.readFileSync(path.join(dir, aside), 'utf8')).toBe('{broken')
    expect(lines.some((l) => l.includes('could not be read'))).toBe(true)
    p.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

describe('bad input on the wire', () => {
  test('a requestData that is not a JSON object is a CloudBase error answered as plain application/json', async () => {
    for (const data of ['[1]', '{oops', '']) {
      const form = new FormData()
      form.set('action', 'wx.wxPayApi')
      form.set('apiName', 'queryOrder')
      form.set('requestData', new Blob([data], { type: 'application/octet-stream' }))
      const r = await fetch(`${s.url}/admin`, { method: 'POST', body: form })
      expect(r.headers.get('content-type')).toBe('application/json')
      const body = (await r.json()) as { code: string; message: unknown }
      expect(body.code).toBe('INVALID_PARAM')
      expect(typeof body.message).toBe('string')
    }
    expect((await http(s, 'GET', '/__emulator/pay/trades/%E0')).status).toBe(400)
  })
})
