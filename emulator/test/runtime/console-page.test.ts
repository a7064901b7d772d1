import fs from 'node:fs'
import { chromium, type Browser } from 'playwright-core'
import { startEmulator, type Emulator } from '../../src'
import { CHROMIUM, describeWithBrowser } from './browser'
import { copyFixtures } from './helpers'

// A real browser drives the console page: its inline script must load without errors and its buttons must work.
jest.setTimeout(60_000)

describeWithBrowser('console page in a browser', () => {
  let emu: Emulator
  let browser: Browser
  let fnDir: string
  beforeAll(async () => {
    fnDir = copyFixtures()
    emu = await startEmulator({ functionsDir: fnDir, quiet: true, timers: false })
    emu.db.insertMany('products', [{ _id: 'p1', title: '测试商品', price: 1200 }])
    await emu.functions.invoke('echo', {}, { openid: 'o_page' })
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
  })
  afterAll(async () => {
    await browser?.close()
    await emu.stop()
    fs.rmSync(fnDir, { recursive: true, force: true })
  })

  test('shows collections, queries them, lists invocations and moves the clock', async () => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    await page.goto(`${emu.url}/__console`)
    await page.click('#collections a[data-c="products"]')
    await page.waitForSelector('#docs pre')
    expect(await page.textContent('#docs')).toContain('测试商品')

    await page.click('nav a[data-tab="fn"]')
    await page.waitForSelector('#invocations table')
    expect(await page.textContent('#invocations')).toContain('o_page')

    const before = emu.clock.offsetMs()
    await page.click('header button[data-adv="86400000"]')
    // A string expression: this project's TypeScript has no DOM types.
    await page.waitForFunction("(document.getElementById('offset')?.textContent ?? '').includes('1 天')")
    expect(emu.clock.offsetMs() - before).toBe(86_400_000)
    expect(errors).toEqual([])
  })

  test('the 待办步骤 tab lists dead letters with their error, pending steps and money anomalies', async () => {
    emu.db.insertMany('outbox', [
      {
        _id: 'o1:uploadShipping',
        kind: 'shipping.upload',
        flow: 'admin.ship',
        ref: 'o1',
        status: 'dead',
        attempts: 6,
        nextAttemptAt: 0,
        deadAt: 1,
        lastError: 'errcode 10060001',
      },
      {
        _id: 'o2:releaseStock',
        kind: 'stock.release',
        flow: 'order.cancel',
        ref: 'o2',
        status: 'pending',
        attempts: 0,
        nextAttemptAt: 2,
      },
      {
        _id: 'o3:notifyPaid',
        kind: 'message.send',
        flow: 'pay.settle',
        ref: 'o3',
        status: 'done',
        attempts: 1,
        nextAttemptAt: 3,
      },
    ])
    emu.db.insertMany('anomalies', [
      {
        _id: 'dup_t1',
        kind: 'doublePayment',
        orderId: 'o4',
        paymentId: 't1',
        keptPaymentId: 'bal_o4',
        amount: 2500,
        at: 4,
        text: '订单收到第二笔成功支付，已自动原路退回',
      },
    ])
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    await page.goto(`${emu.url}/__console`)
    await page.click('nav a[data-tab="steps"]')
    await page.waitForSelector('#dead table')
    await page.waitForSelector('#anomalies table')
    expect(await page.textContent('#dead')).toContain('errcode 10060001')
    expect(await page.textContent('#dead')).toContain('上传发货信息')
    expect(await page.textContent('#pending')).toContain('o2:releaseStock')
    expect(await page.textContent('#pending')).not.toContain('o3:notifyPaid')
    expect(await page.textContent('#anomalies')).toContain('重复支付')
    expect(await page.textContent('#anomalies')).toContain('¥25.00')
    if (process.env.MALL_SCREENSHOTS)
      await page.screenshot({ path: process.env.MALL_SCREENSHOTS, fullPage: true })
    expect(errors).toEqual([])
  })

  test('the 故障注入 tab arms a crash and a failed call, lists them and clears them', async () => {
    const page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    await page.goto(`${emu.url}/__console`)
    await page.click('nav a[data-tab="fault"]')
    await page.waitForSelector('#fcfn option[value="echo"]', { state: 'attached' })
    await page.selectOption('#fcfn', 'echo')
    await page.fill('#fck', '2')
    await page.selectOption('#fcwhen', 'after')
    await page.click('#fcarm')
    await page.waitForSelector('#farmed table')
    await page.selectOption('#ffkind', 'cloudPay')
    await page.click('#ffarm')
    await page.waitForFunction("document.querySelectorAll('#farmed tr').length === 3")
    expect(emu.faults.armed()).toEqual([
      expect.objectContaining({ kind: 'crash', function: 'echo', write: 2, when: 'after' }),
      expect.objectContaining({ kind: 'failCall', call: 1, callKind: 'cloudPay' }),
    ])
    expect(await page.textContent('#farmed')).toContain('写入后')
    await page.click('#fclear')
    await page.waitForFunction("!document.querySelector('#farmed table')")
    expect(emu.faults.armed()).toEqual([])
    expect(errors).toEqual([])
  })
})
