import type { IncomingMessage, ServerResponse } from 'node:http'

/** One part of a multipart request (wx.openApi / wx.wxPayApi / 2.x uploads). */
export interface MultipartPart {
  name: string
  value: Buffer
  filename?: string
  contentType?: string
}

/** The caller of an RPC, resolved from `wxCloudApiToken` (per-invocation token, PROTOCOL §6). */
export interface CallerIdentity {
  openid?: string
  appid?: string
  unionid?: string
  source?: string
  functionName?: string
  invocationId?: string
}

export interface ActionRequest {
  action: string
  envName: string
  /** The JSON body, or the multipart fields decoded as strings (binary parts in `parts`). */
  body: Record<string, unknown>
  parts?: MultipartPart[]
  caller?: CallerIdentity
  headers: IncomingMessage['headers']
}

/**
 * What an action answers. `json` is merged under `{requestId}` and sent as
 * `application/json; charset=utf-8`. `raw` is sent as is (openapi protobuf, cloudPay JSON text).
 */
export type ActionResult = { json: Record<string, unknown> } | { raw: Buffer | string; contentType: string }

export type ActionHandler = (req: ActionRequest) => Promise<ActionResult> | ActionResult

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void> | void

/** A slice of the emulator (database, functions, storage, pay, ...) plugs in through this. */
export interface EmulatorModule {
  name: string
  actions?: Record<string, ActionHandler>
  /** HTTP routes outside `/admin`, matched by path prefix, e.g. `/__files/`. */
  routes?: Array<{ method: string; prefix: string; handler: RouteHandler }>
  stop?: () => Promise<void> | void
}

/** Emulator time: real time plus an offset that tests and the console move forward. */
export interface Clock {
  now(): number
  offsetMs(): number
  advance(ms: number): void
  /** Jump to an absolute epoch ms (never backwards: returns false if it would go back). */
  set(epochMs: number): boolean
}

/** Who a function invocation runs as (PROTOCOL §1.5): becomes WX_OPENID, TCB_SOURCE, TRIGGER_SRC... */
export interface InvokeOptions {
  openid?: string
  appid?: string
  unionid?: string
  /** TCB_SOURCE: 'wx_client' (default), 'wx_paycallback', 'wx_server' (nested), 'wx_http', 'timer'... */
  source?: string
  /** TRIGGER_SRC: 'tcb' (default) or 'timer'. */
  triggerSrc?: 'tcb' | 'timer'
  clientIp?: string
}

export interface FunctionInvoker {
  /** Runs cloudfunctions/dist/<name>/index.js `main(event, context)`; rejects when it throws or times out. */
  invoke(name: string, event: unknown, opts?: InvokeOptions): Promise<unknown>
}
