/**
 * JSON routes under `/__emulator/openapi/`: records (GET, DELETE), the SMS inbox, faults, words, templates, and
 * message push: `GET push` (mode and deliveries), `POST push/mode {mode}`, `POST push/release {traceId?}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readText } from '../core/body'
import { CloudbaseError } from '../core/errors'
import type { OpenApiFakes, OpenApiFault, TemplateDef } from './index'
import { isVerdictMode } from './push'

const MAX_BODY = 256 * 1024

export function openApiRoutes(
  fakes: OpenApiFakes,
): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> {
  return async function routes(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const send = (status: number, obj: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
      res.end(JSON.stringify(obj))
    }
    const what = url.pathname.slice('/__emulator/openapi/'.length)
    try {
      if (what === 'records' && req.method === 'GET') {
        const filter: { api?: string; kind?: string } = {}
        const api = url.searchParams.get('api')
        const kind = url.searchParams.get('kind')
        if (api) filter.api = api
        if (kind) filter.kind = kind
        return send(200, { records: fakes.records(filter) })
      }
      if (what === 'records' && req.method === 'DELETE') {
        fakes.clear()
        return send(200, { ok: true })
      }
      if (what === 'sms' && req.method === 'GET')
        return send(200, { messages: fakes.sms(url.searchParams.get('phone') ?? undefined) })
      if (what === 'push' && req.method === 'GET')
        return send(200, { mode: fakes.push.mode(), deliveries: fakes.push.deliveries() })
      if (req.method === 'POST' && (what === 'push/mode' || what === 'push/release')) {
        const text = await readText(req, MAX_BODY)
        const body = (text.trim() ? JSON.parse(text) : {}) as { mode?: unknown; traceId?: unknown }
        if (what === 'push/mode') {
          if (!isVerdictMode(body.mode))
            throw new CloudbaseError('INVALID_PARAM', 'mode must be deliver, hold or beforeAnswer')
          fakes.push.setMode(body.mode)
          return send(200, { mode: body.mode })
        }
        const traceId = typeof body.traceId === 'string' ? body.traceId : undefined
        return send(200, { released: (await fakes.push.release(traceId)).length })
      }
      if (req.method === 'POST' && ['faults', 'words', 'templates'].includes(what)) {
        const body = JSON.parse(await readText(req, MAX_BODY)) as unknown
        if (!body || typeof body !== 'object' || Array.isArray(body))
          throw new CloudbaseError('INVALID_PARAM', 'body must be a JSON object')
        if (what === 'faults') fakes.injectFault(body as OpenApiFault)
        if (what === 'words') fakes.setWords(body as { risky: string[]; review: string[] })
        if (what === 'templates') fakes.addTemplates(body as Record<string, TemplateDef>)
        return send(200, { ok: true })
      }
      send(404, { code: 'NOT_FOUND', message: `no openapi route ${req.method} ${url.pathname}` })
    } catch (e) {
      if (e instanceof CloudbaseError) return send(400, { code: e.code, message: e.message })
      if (e instanceof SyntaxError) return send(400, { code: 'INVALID_PARAM', message: 'body is not JSON' })
      throw e
    }
  }
}
