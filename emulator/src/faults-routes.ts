/**
 * The HTTP face of the invocation faults: `GET /__emulator/faults` (armed + fired),
 * `POST /__emulator/faults/crash`, `POST /__emulator/faults/fail-call`. `DELETE /__emulator/faults` belongs to
 * the server (it also clears its HTTP faults) and calls `faults.clear()`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readBody } from './core/body'
import { CloudbaseError } from './core/errors'
import type { EmulatorModule } from './core/types'
import type { Faults } from './faults'
import { sendJson } from './gateway'

const BASE = '/__emulator/faults'

const problem = (res: ServerResponse, status: number, code: string, message: string) =>
  sendJson(res, status, { ok: false, code, message })

const state = (f: Faults) => ({ armed: f.armed(), fired: f.fired() })

export function faultRoutes(faults: Faults): EmulatorModule {
  async function arm(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const what = url.pathname.slice(BASE.length + 1)
    if (what !== 'crash' && what !== 'fail-call')
      return problem(res, 404, 'NOT_FOUND', `no fault route POST ${url.pathname} (crash, fail-call)`)
    let input: unknown
    try {
      input = JSON.parse((await readBody(req, 64 * 1024)).toString('utf8'))
    } catch {
      return problem(res, 400, 'INVALID_PARAM', 'body must be a JSON object')
    }
    try {
      if (what === 'crash') faults.crash(input as Parameters<Faults['crash']>[0])
      else faults.failCall(input as Parameters<Faults['failCall']>[0])
    } catch (e) {
      if (e instanceof CloudbaseError) return problem(res, 400, e.code, e.message)
      throw e
    }
    sendJson(res, 200, { ok: true, ...state(faults) })
  }

  return {
    name: 'faults',
    routes: [
      {
        method: 'GET',
        prefix: BASE,
        handler: (_req, res, url) =>
          url.pathname === BASE
            ? sendJson(res, 200, state(faults))
            : problem(res, 404, 'NOT_FOUND', `no fault route GET ${url.pathname}`),
      },
      { method: 'POST', prefix: `${BASE}/`, handler: arm },
    ],
  }
}
