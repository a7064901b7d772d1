/**
 * The storage / cloudPay / openapi / cross-account steps of results.json, rebuilt from traffic.jsonl.
 * Values the emulator legitimately generates afresh (URLs with the port, nonces, ids, times) are listed in
 * `volatile` and compared by type only; `adapt` rewrites the captured expectation where the sandbox reaches
 * the same wire shape by a real rule instead of the capture stub's magic value (documented per step).
 */
import type { Outcome, StepCtx } from '../conformance/harness'
import type { Services } from './start'

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface SvcStep {
  step: string
  run: (c: StepCtx, s: Services) => Promise<unknown>
  volatile?: string[]
  adapt?: (expected: Outcome) => Outcome
  /**
   * The error wx-server-sdk 2.6.3 gives for the same wire answer, where it differs from the harness's generic
   * translation of the 4.0.2 capture (compared strictly). Sources: PROTOCOL §12 and node-sdk 2.9.1.
   */
  expect263?: Record<string, unknown>
  after?: (c: StepCtx, s: Services, actual: Outcome) => void | Promise<void>
}

const FILE = 'cloud://local-env.6c6f-local-env-1250000000/dir/你好 hello.txt'
const MISSING = 'cloud://local-env.6c6f-local-env-1250000000/missing.txt'
const PNG4 = Buffer.from([0x89, 0x50, 0x4e, 0x47])

const setErrMsg =
  (msg: string) =>
  (e: Outcome): Outcome => ({ ...e, result: { ...(e.result as object), errMsg: msg } })

export const serviceSteps: SvcStep[] = [
  {
    step: 'uploadFile error shape (getUploadMetadata fails)',
    run: async (c, s) => {
      s.server.injectFault({
        action: 'storage.getUploadMetadata',
        status: 200,
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({
          code: 'STORAGE_REQUEST_FAIL',
          message: 'stub: injected upload metadata failure',
          requestId: 'x',
        }),
      })
      return c.cloud.uploadFile({ cloudPath: 'x.txt', fileContent: Buffer.from('x') })
    },
    // node-sdk 2.9.1 returns the error body from getUploadMetadata (throwOnCode:false) and then destructures
    // its missing `data`: a TypeError, whatever the server says.
    expect263: {
      isError: true,
      ctor: 'TypeError',
      errCode: -1,
      errMsg: "uploadFile:fail Cannot read properties of undefined (reading 'url')",
      message: "uploadFile:fail Cannot read properties of undefined (reading 'url')",
    },
  },
  {
    step: 'uploadFile',
    run: (c) =>
      c.cloud.uploadFile({ cloudPath: 'dir/你好 hello.txt', fileContent: Buffer.from('hello local cloud') }),
    after: (_c, s) => {
      expect(s.storage.read(FILE)?.toString()).toBe('hello local cloud')
    },
  },
  {
    step: 'getTempFileURL (string + object items + missing)',
    run: (c) => c.cloud.getTempFileURL({ fileList: [FILE, { fileID: FILE, maxAge: 60 }, MISSING] }),
    volatile: ['tempFileURL'],
    after: (_c, s, a) => {
      const list = (a.result as any).fileList
      expect(list[0].tempFileURL).toMatch(
        new RegExp(`^${s.url}/__files/local-env/dir/你好 hello\\.txt\\?sign=local&t=\\d+$`),
      )
      expect(list[2].tempFileURL).toBe('')
    },
  },
  {
    step: 'downloadFile',
    run: async (c) => {
      const r = await c.cloud.downloadFile({ fileID: FILE })
      return { ...r, text: r.fileContent.toString('utf8') }
    },
  },
  { step: 'deleteFile (existing + missing)', run: (c) => c.cloud.deleteFile({ fileList: [FILE, MISSING] }) },
  {
    step: 'downloadFile after delete',
    run: (c) => c.cloud.downloadFile({ fileID: FILE }),
    // PROTOCOL §12: 2.6.3 maps the item's code itself.
    expect263: {
      isError: true,
      ctor: 'Error',
      errCode: -503003,
      errMsg: 'downloadFile:fail -503003 storage file not exists. file not exist',
      message: 'downloadFile:fail -503003 storage file not exists. file not exist',
    },
  },

  {
    step: 'cloudPay.unifiedOrder',
    run: (c) =>
      c.cloud.cloudPay.unifiedOrder({
        body: '测试商品',
        outTradeNo: `T${Date.now()}`,
        spbillCreateIp: '127.0.0.1',
        subMchId: '1600000000',
        totalFee: 1,
        envId: 'local-env',
        functionName: 'payCallback',
        nonceStr: 'abc',
        tradeType: 'JSAPI',
      }),
    volatile: ['nonceStr', 'prepayId', 'package', 'timeStamp', 'sign', 'paySign'],
  },
  {
    step: 'cloudPay.queryOrder',
    run: async (c, s) => {
      // The capture's stub answered T1 as paid; here T1 really is ordered and paid through the sandbox.
      await c.cloud.cloudPay.unifiedOrder({
        body: '测试商品',
        outTradeNo: 'T1',
        spbillCreateIp: '127.0.0.1',
        subMchId: '1600000000',
        totalFee: 1,
        envId: 'local-env',
        functionName: 'payCallback',
        nonceStr: 'abc',
        tradeType: 'JSAPI',
      })
      if (s.pay.order('T1')?.state === 'NOTPAY') s.pay.pay('T1')
      await s.pay.flush()
      return c.cloud.cloudPay.queryOrder({ subMchId: '1600000000', outTradeNo: 'T1', nonceStr: 'abc' })
    },
    volatile: ['nonceStr', 'transactionId', 'timeEnd', 'sign'],
  },
  {
    step: 'cloudPay.refund',
    run: (c) =>
      c.cloud.cloudPay.refund({
        subMchId: '1600000000',
        outTradeNo: 'T1',
        outRefundNo: 'R1',
        totalFee: 1,
        refundFee: 1,
        nonceStr: 'abc',
        envId: 'local-env',
        functionName: 'refundCallback',
      }),
    volatile: ['nonceStr', 'refundId', 'sign'],
  },
  {
    step: 'cloudPay business failure (result_code FAIL)',
    // Same wire answer (result_code FAIL, err_code ORDERPAID), reached by closing a paid order.
    run: (c) => c.cloud.cloudPay.closeOrder({ subMchId: '1600000000', outTradeNo: 'T1', nonceStr: 'abc' }),
    adapt: setErrMsg('cloudPay.closeOrder:ok'),
    volatile: ['nonceStr', 'sign'],
  },
  {
    step: 'cloudPay TCB-level error',
    // A sub-merchant that is not bound to the env is a CloudBase-level error (the stub keyed it on out_trade_no).
    run: (c) => c.cloud.cloudPay.queryOrder({ subMchId: '99', outTradeNo: 'TCB_ERR' }),
    adapt: (e) => {
      const err = { ...e.error } as Record<string, string>
      err.errMsg = err.errMsg!.replace(' (stub)', '')
      err.message = err.message!.replace(' (stub)', '')
      return { ...e, error: err }
    },
  },

  {
    step: 'openapi.subscribeMessage.send',
    run: (c) =>
      c.cloud.openapi.subscribeMessage.send({
        touser: 'o_local_openid_0001',
        page: 'pages/index/index',
        lang: 'zh_CN',
        data: { thing1: { value: '订单' }, amount2: { value: '1.00' } },
        templateId: 'TPL_ID',
        miniprogramState: 'developer',
      }),
    after: (_c, s) => {
      const r = s.openapi.records({ api: 'subscribeMessage.send' }).at(-1)!
      expect(r.params).toMatchObject({
        touser: 'o_local_openid_0001',
        template_id: 'TPL_ID',
        miniprogram_state: 'developer',
      })
      expect(r.errcode).toBe(0)
    },
  },
  {
    step: 'openapi.subscribeMessage.send (wx errcode)',
    run: (c) => c.cloud.openapi.subscribeMessage.send({ data: {}, templateId: 'TPL_ID' }),
  },
  {
    step: 'openapi.security.msgSecCheck pass',
    run: (c) =>
      c.cloud.openapi.security.msgSecCheck({
        content: 'hello',
        version: 2,
        scene: 1,
        openid: 'o_local_openid_0001',
      }),
    volatile: ['traceId'],
  },
  {
    step: 'openapi.security.msgSecCheck risky',
    run: (c) => c.cloud.openapi.security.msgSecCheck({ content: 'BAD words' }),
  },
  {
    step: 'openapi.security.imgSecCheck (media upload)',
    run: (c) => c.cloud.openapi.security.imgSecCheck({ media: { contentType: 'image/png', value: PNG4 } }),
  },
  {
    step: 'openapi.cloudbase.sendSms',
    run: (c) =>
      c.cloud.openapi.cloudbase.sendSms({
        env: 'local-env',
        content: '验证码 1234',
        phoneNumberList: ['+8613800000000'],
        smsType: 'Notification',
      }),
    volatile: ['serialNo'],
    after: (_c, s) => {
      expect(s.openapi.sms('+8613800000000').at(-1)?.content).toBe('验证码 1234')
    },
  },
  {
    step: 'openapi.wxacode.getUnlimited (binary reply)',
    run: (c) => c.cloud.openapi.wxacode.getUnlimited({ scene: 'a=1' }),
    // A real (bigger) PNG instead of the capture's 8-byte signature.
    volatile: ['length'],
    after: (_c, _s, a) => {
      expect((a.result as any).contentType).toBe('image/png')
    },
  },
  {
    step: 'openapi with appid option + convertCase:false',
    run: (c) =>
      c.cloud
        .openapi({ appid: 'wxOTHERAPPID', convertCase: false })
        .urlscheme.generate({ jump_wxa: { path: '/pages/x' } }),
    after: (_c, s) => {
      expect(s.openapi.records({ api: 'urlscheme.generate' }).at(-1)?.appid).toBe('wxOTHERAPPID')
    },
  },
  {
    step: 'getOpenData (svrkit path)',
    run: (c) => c.cloud.getOpenData({ list: ['cloudid-1'] }),
    volatile: ['timestamp'],
  },
  {
    step: 'openapi error: CommOpenApiResp.errorCode != 0',
    run: (c, s) => {
      s.openapi.injectFault({ api: 'inject.wxSystemError', errorCode: -604101 })
      return c.cloud.openapi.inject.wxSystemError({})
    },
  },
  {
    step: 'openapi error: TCB JSON error, content-type application/json; charset=utf-8',
    run: (c, s) => {
      s.openapi.injectFault({
        api: 'inject.tcbError',
        tcb: { code: 'INVALID_PARAM', message: 'stub: injected tcb error for wx.openApi' },
      })
      return c.cloud.openapi.inject.tcbError({})
    },
    // 2.x does not throw the TcbError, so wx's openapi wrapper reports it as a CloudSDKError.
    expect263: {
      isError: true,
      ctor: 'CloudSDKError',
      errCode: -501007,
      errMsg: 'inject.tcbError:fail stub: injected tcb error for wx.openApi',
      message:
        'errCode: -501007 invalid parameters | errMsg: inject.tcbError:fail stub: injected tcb error for wx.openApi',
    },
  },
  {
    step: 'cloud.callOpenAPI (deprecated JSON path, action wx.api)',
    run: (c) => c.cloud.callOpenAPI({ api: 'wxacode.get', data: { path: 'pages/index' } }),
  },
  {
    step: 'new cloud.Cloud({resourceAppid, resourceEnv}) + init + db',
    run: async (c) => {
      const other = new c.cloud.Cloud({ resourceAppid: 'wxRESOURCEAPPID', resourceEnv: 'shared-env' })
      await other.init()
      const db = other.database()
      await db.createCollection('shared').catch(() => undefined)
      return db.collection('shared').count()
    },
    after: (_c, s) => {
      expect(s.openapi.records({ api: 'getCrossAccountToken' }).at(-1)?.params).toEqual({
        resourceAppid: 'wxRESOURCEAPPID',
        resourceEnv: 'shared-env',
      })
    },
  },
]

/** Replaces the named keys' values (anywhere in the tree) with their type, so only the type is compared. */
export function maskVolatile(v: unknown, keys: Set<string>): unknown {
  if (Array.isArray(v)) return v.map((x) => maskVolatile(x, keys))
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    // The capture stored Buffers as {__type, bytes, utf8}; the harness serialises them as {__type, length}.
    if (o.__type === 'Buffer' && typeof o.bytes === 'number')
      return maskVolatile({ __type: 'Buffer', length: o.bytes }, keys)
    const out: Record<string, unknown> = {}
    for (const [k, x] of Object.entries(o))
      out[k] = keys.has(k) && x !== '' ? `<${typeof x}>` : maskVolatile(x, keys)
    return out
  }
  return v
}
