import { checkTemplateData } from '../../src/openapi'
import { http, sdkFor } from './sdk'
import { startServices, type Services } from './start'

/* eslint-disable @typescript-eslint/no-explicit-any */
let s: Services
let cloud: any
beforeAll(async () => {
  s = await startServices()
  cloud = sdkFor(s, 'o_shopper_0002')
  s.openapi.addTemplates({
    ORDER_SHIPPED: {
      title: '发货通知',
      fields: ['character_string1', 'thing2', 'date3', 'phrase4', 'name5'],
    },
  })
})
afterAll(() => s.stop())

const send = (data: Record<string, unknown>, templateId = 'ORDER_SHIPPED') =>
  cloud.openapi.subscribeMessage.send({
    touser: 'o_shopper_0002',
    templateId,
    page: 'pages/order/detail',
    data,
  })
const good = {
  characterString1: { value: 'E20240101001' },
  thing2: { value: '顺丰速运' },
  date3: { value: '2024年1月1日 12:30' },
  phrase4: { value: '已发货' },
  name5: { value: '张三' },
}

describe('subscribeMessage.send', () => {
  test('a valid message is accepted and recorded with the caller', async () => {
    await expect(send(good)).resolves.toMatchObject({ errCode: 0 })
    const r = s.openapi.records({ api: 'subscribeMessage.send' }).at(-1)!
    expect(r).toMatchObject({
      kind: 'call',
      openid: 'o_shopper_0002',
      errcode: 0,
      params: { template_id: 'ORDER_SHIPPED' },
    })
    expect((r.params.data as any).character_string1.value).toBe('E20240101001')
    expect(
      s.lines.some((l) => l.startsWith('[openapi] subscribeMessage.send') && l.endsWith('-> errcode 0')),
    ).toBe(true)
  })

  test.each([
    [
      'thing over 20 characters',
      { thing2: { value: '一二三四五六七八九十一二三四五六七八九十一' } },
      'data.thing2.value exceeds 20 characters',
    ],
    [
      'character_string with Chinese',
      { characterString1: { value: '单号一' } },
      'data.character_string1.value is not a valid character string',
    ],
    ['bad date', { date3: { value: '明天' } }, 'data.date3.value is not a valid date'],
    ['phrase over 5', { phrase4: { value: '已经发货了吧' } }, 'data.phrase4.value exceeds 5 characters'],
    [
      'name over 10',
      { name5: { value: '一二三四五六七八九十一' } },
      'data.name5.value exceeds 10 characters',
    ],
    ['empty value', { name5: { value: '' } }, 'data.name5.value is empty'],
  ])('%s -> 47003', async (_what, patch, msg) => {
    const err = await send({ ...good, ...patch }).catch((e: any) => e)
    expect(err).toMatchObject({ errCode: 47003 })
    expect(err.errMsg).toContain(msg)
    expect(s.openapi.records({ api: 'subscribeMessage.send' }).at(-1)!.errcode).toBe(47003)
  })

  test('a missing field or one not in the template -> 47003; unknown template -> 40037; bad touser -> 40003', async () => {
    const { name5: _dropped, ...missing } = good
    await expect(send(missing)).rejects.toMatchObject({
      errCode: 47003,
      errMsg: expect.stringContaining('data.name5.value is empty'),
    })
    await expect(send({ ...good, thing9: { value: 'x' } })).rejects.toMatchObject({ errCode: 47003 })
    await expect(send(good, 'NO_SUCH_TEMPLATE')).rejects.toMatchObject({ errCode: 40037 })
    await expect(
      cloud.openapi.subscribeMessage.send({ touser: 'x', templateId: 'ORDER_SHIPPED', data: good }),
    ).rejects.toMatchObject({
      errCode: 40003,
    })
  })

  test('the kind rules, one by one', () => {
    const def = { title: 't', fields: ['*'] }
    const check = (key: string, value: string) => checkTemplateData(def, { [key]: { value } })
    expect(check('number1', '123.45')).toBeUndefined()
    expect(check('number1', '12a')).toMatch(/not a valid number/)
    expect(check('number1', '1'.repeat(33))).toMatch(/exceeds 32/)
    expect(check('letter1', 'abcXYZ')).toBeUndefined()
    expect(check('letter1', 'abc1')).toMatch(/letter/)
    expect(check('symbol1', '%$#')).toBeUndefined()
    expect(check('symbol1', '%%%%%%')).toMatch(/exceeds 5/)
    expect(check('character_string1', 'A-1_b')).toBeUndefined()
    expect(check('time1', '15:01')).toBeUndefined()
    expect(check('time1', '2019年10月1日 15:01')).toBeUndefined()
    expect(check('time1', 'noon')).toMatch(/time/)
    expect(check('date1', '2019-10-01')).toBeUndefined()
    expect(check('date1', '2019年10月1日 ~ 2019年10月2日')).toBeUndefined()
    expect(check('amount1', '¥100.50')).toBeUndefined()
    expect(check('amount1', '100.505元')).toMatch(/amount/)
    expect(check('phrase1', '配送中')).toBeUndefined()
    expect(check('phrase1', 'abc')).toMatch(/Chinese/)
    expect(check('thing1', '一二三四五六七八九十一二三四五六七八九十')).toBeUndefined()
    expect(check('weird1', 'x')).toMatch(/unknown kind/)
  })
})

describe('content security', () => {
  const v2 = (content: string) =>
    cloud.openapi.security.msgSecCheck({ content, version: 2, scene: 2, openid: 'o_shopper_0002' })

  test('msgSecCheck v2 keeps errcode 0 and decides with result.suggest from the word lists', async () => {
    expect(await v2('很好用的商品')).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } })
    expect(await v2('加我微商代理')).toMatchObject({ errCode: 0, result: { suggest: 'review' } })
    const risky = await v2('这里有赌博网站')
    expect(risky).toMatchObject({ errCode: 0, result: { suggest: 'risky', label: 20006 } })
    expect(risky.detail[0]).toMatchObject({ keyword: '赌博', suggest: 'risky' })
    expect(risky.traceId).toMatch(/^local-trace-/)
    s.openapi.setWords({ risky: ['香蕉'] })
    expect(await v2('香蕉很甜')).toMatchObject({ result: { suggest: 'risky' } })
    expect(await v2('这里有赌博网站')).toMatchObject({ result: { suggest: 'pass' } })
    s.openapi.setWords({ risky: ['BAD', '赌博'] })
    await expect(
      cloud.openapi.security.msgSecCheck({ content: 'x', version: 2, scene: 2 }),
    ).rejects.toMatchObject({ errCode: 40003 })
    await expect(
      cloud.openapi.security.msgSecCheck({ content: 'x', version: 2, scene: 9, openid: 'o_shopper_0002' }),
    ).rejects.toMatchObject({
      errCode: 47001,
    })
  })

  test('mediaCheckAsync answers a trace_id and records the verdict', async () => {
    const r = await cloud.openapi.security.mediaCheckAsync({
      mediaUrl: 'https://img.example.com/review/赌博.png',
      mediaType: 2,
      version: 2,
      scene: 2,
      openid: 'o_shopper_0002',
    })
    expect(r.traceId).toMatch(/^local-trace-/)
    const verdict = s.openapi.records({ kind: 'security.mediaCheckAsync#verdict' }).at(-1)!
    expect(verdict.params).toMatchObject({ trace_id: r.traceId, result: { suggest: 'risky' } })
    await expect(
      cloud.openapi.security.mediaCheckAsync({ mediaUrl: 'ftp://x', mediaType: 2 }),
    ).rejects.toMatchObject({ errCode: 47001 })
  })

  test('imgSecCheck: a long risky word in the bytes -> 87014, a short one does not count', async () => {
    await expect(
      cloud.openapi.security.imgSecCheck({
        media: { contentType: 'image/png', value: Buffer.from('PNG...赌博...') },
      }),
    ).rejects.toMatchObject({ errCode: 87014 })
    await expect(
      cloud.openapi.security.imgSecCheck({
        media: { contentType: 'image/png', value: Buffer.from('PNG...BAD...') },
      }),
    ).resolves.toMatchObject({ errCode: 0 })
  })
})

describe('other fakes and the records route', () => {
  test('getOpenData opens dev cloudIDs to that phone; getVoIPSign answers a signature', async () => {
    const r = await cloud.getOpenData({ list: ['dev:13912345678'] })
    expect(r.list[0]).toMatchObject({
      cloudID: 'dev:13912345678',
      data: { phoneNumber: '13912345678', countryCode: '86' },
    })
    const v = await cloud.getVoIPSign({ groupId: 'g1', timestamp: 1700000000, nonce: 'n' })
    expect(v.signature).toMatch(/^[0-9a-f]{40}$/)
    expect(s.openapi.records({ api: 'ApiVoipSign' }).at(-1)!.params).toMatchObject({
      groupId: 'g1',
      nonce: 'n',
    })
  })

  test('getPhoneNumber maps dev codes; anything else is 40029', async () => {
    const r = await cloud.openapi.phonenumber.getPhoneNumber({ code: 'dev:13800138000' })
    expect(r.phoneInfo).toMatchObject({
      phoneNumber: '13800138000',
      purePhoneNumber: '13800138000',
      countryCode: '86',
    })
    expect(r.phoneInfo.watermark.appid).toBe('wx0000000000000000')
    await expect(cloud.openapi.phonenumber.getPhoneNumber({ code: 'abc' })).rejects.toMatchObject({
      errCode: 40029,
    })
  })

  const shipping = {
    orderKey: { orderNumberType: 1, mchid: '1900000000', outTradeNo: 'T100' },
    logisticsType: 1,
    deliveryMode: 1,
    shippingList: [{ trackingNo: 'SF123456', expressCompany: 'SF', itemDesc: '商品一件' }],
    uploadTime: '2024-01-01T12:00:00.000+08:00',
    payer: { openid: 'o_shopper_0002' },
  }

  test('upload_shipping_info (wxa.sec.order.uploadShippingInfo) validates and records', async () => {
    await expect(cloud.openapi.wxa.sec.order.uploadShippingInfo(shipping)).resolves.toMatchObject({
      errCode: 0,
    })
    const rec = s.openapi.records({ api: 'wxa.sec.order.uploadShippingInfo' }).at(-1)!
    expect(rec.params).toMatchObject({
      order_key: { out_trade_no: 'T100' },
      shipping_list: [{ tracking_no: 'SF123456' }],
    })
    for (const [bad, msg] of [
      [{ shippingList: [{ expressCompany: 'SF', itemDesc: 'x' }] }, 'tracking_no'],
      [{ shippingList: [{ trackingNo: 'SF1', itemDesc: 'x' }] }, 'express_company'],
      [{ payer: {} }, 'payer.openid'],
      [{ uploadTime: 'yesterday' }, 'upload_time'],
      [{ logisticsType: 9 }, 'logistics_type'],
      [{ deliveryMode: 3 }, 'delivery_mode'],
      [{ orderKey: { orderNumberType: 1 } }, 'order_key'],
    ] as const) {
      const err = await cloud.openapi.wxa.sec.order
        .uploadShippingInfo({ ...shipping, ...bad })
        .catch((e: any) => e)
      expect([msg, err.errCode]).toEqual([msg, 47001])
      expect(err.errMsg).toContain(msg)
    }
  })

  test('getUnlimited answers a real PNG; a too long scene is refused', async () => {
    const r = await cloud.openapi.wxacode.getUnlimited({ scene: 'sku=1', page: 'pages/goods/detail' })
    expect(r.contentType).toBe('image/png')
    expect(r.buffer.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(r.buffer.readUInt32BE(16)).toBe(100)
    await expect(cloud.openapi.wxacode.getUnlimited({ scene: 'x'.repeat(33) })).rejects.toMatchObject({
      errCode: 40169,
    })
  })

  test('sendSms fills the inbox; a bad number is a per-item failure', async () => {
    const r = await cloud.openapi.cloudbase.sendSms({
      env: 'local-env',
      content: '验证码 8888',
      phoneNumberList: ['+8613900000000', '12'],
    })
    expect(r.sendStatusList.map((x: any) => x.code)).toEqual([
      'Ok',
      'InvalidParameterValue.IncorrectPhoneNumber',
    ])
    expect(s.openapi.sms('+8613900000000').at(-1)!.content).toBe('验证码 8888')
    const inbox = await http(s, 'GET', '/__emulator/openapi/sms?phone=%2B8613900000000')
    expect(inbox.json.messages.at(-1)).toMatchObject({ content: '验证码 8888' })
  })

  test('any other path answers ok and is recorded; the records route filters and clears', async () => {
    await expect(
      cloud.openapi.customerServiceMessage.send({ touser: 'o_shopper_0002', msgtype: 'text' }),
    ).resolves.toMatchObject({ errCode: 0 })
    const list = await http(s, 'GET', '/__emulator/openapi/records?api=customerServiceMessage.send')
    expect(list.json.records).toHaveLength(1)
    expect(list.json.records[0]).toMatchObject({
      api: 'customerServiceMessage.send',
      params: { msgtype: 'text' },
      errcode: 0,
    })
    expect((await http(s, 'POST', '/__emulator/openapi/faults', { api: 'x' })).json).toMatchObject({
      code: 'INVALID_PARAM',
    })
    expect((await http(s, 'POST', '/__emulator/openapi/words', { risky: 'BAD' })).status).toBe(400)
    expect((await http(s, 'POST', '/__emulator/openapi/templates', '[1]')).status).toBe(400)
    expect((await http(s, 'DELETE', '/__emulator/openapi/records')).json).toEqual({ ok: true })
    expect(s.openapi.records()).toHaveLength(0)
  })

  test('a malformed wx.openApi request is a CloudBase-level error, not a crash', async () => {
    const form = new FormData()
    form.set('action', 'wx.openApi')
    form.set('apiName', 'x.y')
    form.set('requestData', new Blob([Buffer.from([0xff, 0xff, 0xff])], { type: 'application/octet-stream' }))
    const r = await fetch(`${s.url}/admin`, { method: 'POST', body: form })
    const body = await r.json()
    expect(body).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('CommApiData') })
  })
})

describe('permissions from config.json', () => {
  test('a function may call only the open APIs its config.json lists (-604101 otherwise)', async () => {
    const fs = await import('node:fs')
    const os = await import('node:os')
    const path = await import('node:path')
    const { startServer } = await import('../../src/core/server')
    const { createOpenApi } = await import('../../src/openapi')
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-perm-'))
    fs.mkdirSync(path.join(dir, 'shop'))
    fs.writeFileSync(
      path.join(dir, 'shop', 'config.json'),
      JSON.stringify({ permissions: { openapi: ['security.msgSecCheck'] } }),
    )
    const fakes = createOpenApi({ clock: s.clock, functionsDir: dir })
    const server = await startServer({
      port: 0,
      modules: [fakes.module],
      resolveCaller: (t) =>
        t === 'tok-perm' ? { openid: 'o_shopper_0002', functionName: 'shop' } : undefined,
    })
    const saved = { cnfg: process.env.TCB_CONTEXT_CNFG, token: process.env.WX_API_TOKEN }
    process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `${server.url}/admin` })
    process.env.WX_API_TOKEN = 'tok-perm'
    try {
      await expect(cloud.openapi.security.msgSecCheck({ content: 'hi' })).resolves.toMatchObject({
        errCode: 0,
      })
      await expect(
        cloud.openapi.phonenumber.getPhoneNumber({ code: 'dev:13800138000' }),
      ).rejects.toMatchObject({ errCode: -604101 })
      expect(fakes.records({ kind: 'denied' })).toEqual([
        expect.objectContaining({ api: 'phonenumber.getPhoneNumber', functionName: 'shop' }),
      ])
    } finally {
      process.env.TCB_CONTEXT_CNFG = saved.cnfg
      process.env.WX_API_TOKEN = saved.token
      await server.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
