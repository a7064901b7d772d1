/** The h5 cashier page and the console's JSON routes under `/__emulator/pay/`. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readText } from '../core/body'
import { CloudbaseError } from '../core/errors'
import type { EmulatorModule } from '../core/types'
import type { PayApi } from './api'
import type { PaySwitches } from './callbacks'
import { cashierPage, safeRedirect, withPayResult } from './cashier'
import type { CloudPaySandbox } from './index'
import type { PayStore, Trade } from './store'

const MAX_BODY = 64 * 1024

export function payRoutes(
  store: PayStore,
  payApi: PayApi,
  sandbox: Omit<CloudPaySandbox, 'module'>,
): NonNullable<EmulatorModule['routes']> {
  const markPaid = (t: Trade): void => payApi.markPaid(t)
  const byPrepay = (prepayId: string): Trade | undefined =>
    [...store.trades.values()].find((t) => t.prepayId === prepayId)

  function cashierGet(res: ServerResponse, url: URL): void {
    const prepayId = url.searchParams.get('prepayId') ?? ''
    const redirect = safeRedirect(url.searchParams.get('redirect')) ?? ''
    const t = byPrepay(prepayId)
    res.writeHead(t ? 200 : 404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
    res.end(cashierPage(t, prepayId, redirect, t ? payApi.expired(t) : false))
  }

  async function cashierPost(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const form = new URLSearchParams((await readText(req, MAX_BODY)) || url.search)
    const prepayId = form.get('prepayId') ?? ''
    const redirect = safeRedirect(form.get('redirect'))
    const t = byPrepay(prepayId)
    const confirm = url.pathname === '/__pay/cashier/confirm'
    if (!t || (!confirm && url.pathname !== '/__pay/cashier/cancel')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      return void res.end('订单不存在')
    }
    let result: 'ok' | 'cancel' | 'fail' = 'cancel'
    if (confirm) {
      try {
        if (payApi.expired(t)) throw new Error('expired')
        markPaid(t)
        result = 'ok'
      } catch {
        result = 'fail'
      }
    }
    if (!redirect) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      return void res.end(cashierPage(t, prepayId, '', payApi.expired(t)))
    }
    res.writeHead(303, { location: withPayResult(redirect, result) })
    res.end()
  }

  async function jsonRoute(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const send = (status: number, obj: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify(obj))
    }
    try {
      let parts: string[]
      try {
        parts = url.pathname.slice('/__emulator/pay/'.length).split('/').map(decodeURIComponent)
      } catch {
        throw new CloudbaseError('INVALID_PARAM', 'malformed percent-encoding in the path')
      }
      if (req.method === 'GET' && parts[0] === 'trades' && parts.length === 1)
        return send(200, { trades: sandbox.orders() })
      if (req.method === 'GET' && parts[0] === 'trades' && parts.length === 2) {
        const t = store.trades.get(parts[1]!)
        return t ? send(200, { trade: t }) : send(404, { code: 'NOT_FOUND', message: `no trade ${parts[1]}` })
      }
      if (req.method === 'GET' && parts[0] === 'switches') return send(200, sandbox.switches())
      if (req.method === 'POST') {
        const text = await readText(req, MAX_BODY)
        let body: Record<string, unknown> = {}
        if (text) {
          const parsed: unknown = JSON.parse(text)
          if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
            throw new CloudbaseError('INVALID_PARAM', 'body must be a JSON object')
          body = parsed as Record<string, unknown>
        }
        if (parts[0] === 'switches') return send(200, sandbox.setSwitches(body as Partial<PaySwitches>))
        if (parts[0] === 'flush') {
          await sandbox.flush()
          return send(200, { ok: true })
        }
        if (parts[0] === 'trades' && parts.length === 3) {
          const no = parts[1]!
          if (parts[2] === 'pay') return send(200, { trade: sandbox.pay(no) })
          if (parts[2] === 'fail') return send(200, { trade: sandbox.fail(no) })
          if (parts[2] === 'refund') {
            const fee = body.refundFee === undefined ? undefined : Number(body.refundFee)
            return send(200, {
              trade: sandbox.refund(
                no,
                fee,
                typeof body.functionName === 'string' ? body.functionName : undefined,
              ),
            })
          }
        }
      }
      send(404, { code: 'NOT_FOUND', message: `no pay route ${req.method} ${url.pathname}` })
    } catch (e) {
      if (e instanceof CloudbaseError) return send(400, { code: e.code, message: e.message })
      if (e instanceof SyntaxError) return send(400, { code: 'INVALID_PARAM', message: 'body is not JSON' })
      throw e
    }
  }

  return [
    { method: 'GET', prefix: '/__pay/cashier', handler: (_req, res, url) => cashierGet(res, url) },
    { method: 'POST', prefix: '/__pay/cashier/', handler: (req, res, url) => cashierPost(req, res, url) },
    { method: 'GET', prefix: '/__emulator/pay/', handler: (req, res, url) => jsonRoute(req, res, url) },
    { method: 'POST', prefix: '/__emulator/pay/', handler: (req, res, url) => jsonRoute(req, res, url) },
  ]
}
