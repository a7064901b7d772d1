/**
 * SERVICES figures, through the real wx-server-sdk over HTTP (what functions see): cloudPay unifiedOrder and
 * queryOrder, msgSecCheck, uploadFile; plus how fast the sandbox delivers payment callbacks to an in-process
 * FunctionInvoker (the runtime's own cost is measured by emulator-functions).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createClock } from '../emulator/src/clock'
import { startServer } from '../emulator/src/core/server'
import type { FunctionInvoker } from '../emulator/src/core/types'
import { createOpenApi } from '../emulator/src/openapi'
import { createCloudPay } from '../emulator/src/pay'
import { createStorage } from '../emulator/src/storage'
import { opsPerSecond } from './_stats'

export async function run(): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pay-'))
  const clock = createClock()
  let delivered = 0
  const invoker: FunctionInvoker = {
    invoke: async () => {
      delivered++
      return { errcode: 0 }
    },
  }
  let url = ''
  const storage = createStorage({ dir: path.join(dir, 'storage'), envId: 'local-env', publicUrl: () => url })
  const openapi = createOpenApi({ clock })
  const pay = createCloudPay({
    dir: path.join(dir, 'pay'),
    clock,
    invoker,
    envId: 'local-env',
    appid: 'wx0000000000000000',
    publicUrl: () => url,
  })
  const server = await startServer({ port: 0, modules: [storage.module, openapi.module, pay.module] })
  url = server.url
  const saved = { ...process.env }
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: 'local-env',
    TCB_ENV: 'local-env',
    SILENCE: 'true',
  })
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk')
    cloud.init({ env: 'local-env' })
    const order = (i: number) =>
      cloud.cloudPay.unifiedOrder({
        body: '测试商品',
        outTradeNo: `B${i}`,
        spbillCreateIp: '127.0.0.1',
        subMchId: '1600000000',
        totalFee: 100 + i,
        envId: 'local-env',
        functionName: 'payNotify',
        nonceStr: 'bench',
      })
    const N = 300
    const unified = await opsPerSecond(N, 8, order)
    const query = await opsPerSecond(N, 8, (i) =>
      cloud.cloudPay.queryOrder({ subMchId: '1600000000', outTradeNo: `B${i}`, nonceStr: 'bench' }),
    )
    const sec = await opsPerSecond(N, 8, () =>
      cloud.openapi.security.msgSecCheck({
        content: '很好用的商品',
        version: 2,
        scene: 2,
        openid: 'o_bench_000001',
      }),
    )
    const payload = Buffer.alloc(64 * 1024, 1)
    const upload = await opsPerSecond(100, 4, (i) =>
      cloud.uploadFile({ cloudPath: `bench/${i}.bin`, fileContent: payload }),
    )
    const t0 = process.hrtime.bigint()
    for (let i = 0; i < N; i++) pay.pay(`B${i}`)
    await pay.flush()
    const callbacks = delivered / (Number(process.hrtime.bigint() - t0) / 1e9)
    return {
      'pay.unified_order_ops_s': unified,
      'pay.query_order_ops_s': query,
      'pay.callbacks_delivered_s': callbacks,
      'openapi.msg_sec_check_ops_s': sec,
      'storage.upload_64kb_ops_s': upload,
    }
  } finally {
    process.env = saved
    pay.stop()
    await server.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
