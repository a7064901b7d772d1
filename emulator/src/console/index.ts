import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EmulatorModule } from '../core/types'
import type { Clock } from '../core/types'
import { readBody } from '../core/body'
import { sendJson } from '../gateway'
import type { InvocationLogEntry } from '../functions'
import { consolePage } from './page'

/** The slice of the database the console reads (DB engineer's `Database`). */
export interface ConsoleDatabase {
  collections(): Array<{ name: string; count: number }>
  find(collection: string, filter?: object, opts?: { sort?: object; limit?: number; skip?: number }): object[]
}

export interface ConsoleOptions {
  db?: ConsoleDatabase
  clock: Clock
  functions: { log(): InvocationLogEntry[]; list(): string[]; runDueTimers(): Promise<void> }
}

const fail = (res: ServerResponse, status: number, code: string, message: string) =>
  sendJson(res, status, { ok: false, code, message })

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  try {
    const parsed: unknown = JSON.parse((await readBody(req, 256 * 1024)).toString('utf8') || '{}')
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** `GET /__console` plus the small JSON API it uses under `/__emulator/console/`. */
export function createConsole(o: ConsoleOptions): EmulatorModule {
  const clockState = () => ({
    now: o.clock.now(),
    iso: new Date(o.clock.now()).toISOString(),
    offsetMs: o.clock.offsetMs(),
  })

  async function api(req: IncomingMessage, res: ServerResponse, url: URL) {
    const route = `${req.method} ${url.pathname.slice('/__emulator/console/'.length)}`
    switch (route) {
      case 'GET clock':
        return sendJson(res, 200, clockState())
      case 'POST clock': {
        const body = await jsonBody(req)
        const ms = body?.advanceMs
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0 || ms > 366 * 24 * 3600_000) {
          return fail(res, 400, 'INVALID_PARAM', 'advanceMs 必须是 1 毫秒到 366 天之间的正数')
        }
        o.clock.advance(ms)
        await o.functions.runDueTimers()
        return sendJson(res, 200, clockState())
      }
      case 'GET invocations': {
        const limit = Math.min(500, Math.max(1, Number(url.searchParams.get('limit')) || 100))
        return sendJson(res, 200, {
          invocations: o.functions.log().slice(-limit).reverse(),
          functions: o.functions.list(),
        })
      }
      case 'GET collections':
        if (!o.db) return fail(res, 503, 'NO_DATABASE', '数据库未启用')
        return sendJson(res, 200, { collections: o.db.collections() })
      case 'POST find': {
        if (!o.db) return fail(res, 503, 'NO_DATABASE', '数据库未启用')
        const body = await jsonBody(req)
        if (!body || typeof body.collection !== 'string' || body.collection === '') {
          return fail(res, 400, 'INVALID_PARAM', '请求需要 collection（集合名）')
        }
        const filter = body.filter ?? {}
        const sort = body.sort ?? undefined
        if (!isPlainObject(filter)) return fail(res, 400, 'INVALID_PARAM', 'filter 必须是 JSON 对象')
        if (sort !== undefined && !isPlainObject(sort))
          return fail(res, 400, 'INVALID_PARAM', 'sort 必须是 JSON 对象')
        const limit = Math.min(500, Math.max(1, Number(body.limit) || 20))
        const skip = Math.max(0, Number(body.skip) || 0)
        if (!o.db.collections().some((c) => c.name === body.collection)) {
          return fail(res, 404, 'COLLECTION_NOT_FOUND', `集合 ${body.collection} 不存在`)
        }
        try {
          const docs = o.db.find(body.collection, filter, { sort, limit, skip })
          return sendJson(res, 200, { docs })
        } catch (e) {
          return fail(res, 400, 'QUERY_FAILED', e instanceof Error ? e.message : String(e))
        }
      }
      default:
        return fail(res, 404, 'NOT_FOUND', `未知的控制台接口 ${route}`)
    }
  }

  return {
    name: 'console',
    routes: [
      {
        method: 'GET',
        prefix: '/__console',
        handler: (_req, res) => {
          const html = consolePage()
          res.writeHead(200, {
            'content-type': 'text/html; charset=utf-8',
            'content-length': Buffer.byteLength(html),
          })
          res.end(html)
        },
      },
      { method: 'GET', prefix: '/__emulator/console/', handler: api },
      { method: 'POST', prefix: '/__emulator/console/', handler: api },
    ],
  }
}
