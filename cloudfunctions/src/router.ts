import * as v from 'valibot'
import {
  actions,
  failEnvelope,
  isActionName,
  okEnvelope,
  type ActionName,
  type ActionOutput,
  type ActionParsedInput,
  type ActionsOf,
  type AdminRole,
  type Envelope,
  type FunctionName,
} from '@mall/contract'
import { getDb, identify, type Database, type Identity } from './cloud'
import { AppError } from './errors'
import { now } from './clock'
import { log } from './log'
import { first } from './db'
import { presentFileIds } from './catalog/images'

export interface Ctx {
  openid: string
  identity: Identity
  db: Database
  now: () => number
  /** roles of the caller when the action is an admin action */
  roles: AdminRole[]
}

export type Handler<A extends ActionName> = (
  input: ActionParsedInput<A>,
  ctx: Ctx,
) => Promise<ActionOutput<A>>
export type Handlers<F extends FunctionName> = { [A in ActionsOf<F>]: Handler<A> }

/**
 * The whole request pipeline of a client-facing function: event shape -> action belongs here -> who may
 * call -> input schema -> handler -> envelope. Handlers never see raw events or unchecked input.
 */
export function createHandler<F extends FunctionName>(fn: F, handlers: Handlers<F>) {
  return async function main(event: unknown): Promise<Envelope<unknown>> {
    const started = Date.now()
    const name = isRecord(event) ? event.action : undefined
    try {
      // Before anything recursive (schemas, logging, the SDK's serialiser) can overflow the stack on it.
      if (nestedDeeperThan(event, MAX_EVENT_DEPTH))
        return failEnvelope('INVALID_INPUT', `请求嵌套层级过深（最多 ${MAX_EVENT_DEPTH} 层）`)
      if (!isActionName(name) || actions[name].fn !== fn) return failEnvelope('UNKNOWN_ACTION')
      const def = actions[name]
      const identity = identify()
      if (!identity.openid) return failEnvelope('UNAUTHENTICATED')
      const roles = def.audience === 'shopper' ? [] : await adminRoles(identity.openid)
      if (
        def.audience !== 'shopper' &&
        !def.audience.admin.some((r) => roles.includes(r) || roles.includes('owner'))
      )
        return failEnvelope('FORBIDDEN')
      const input = isRecord(event) ? event.input : undefined
      // An array passes valibot's object schemas whose fields are all optional (`[]` would read as `{}`).
      if (input !== undefined && !isPlainObject(input))
        return failEnvelope('INVALID_INPUT', 'input: 必须是对象')
      const parsed = v.safeParse(def.input, input ?? {})
      if (!parsed.success) return failEnvelope('INVALID_INPUT', describeIssue(parsed.issues[0]))
      const ctx: Ctx = { openid: identity.openid, identity, db: getDb(), now, roles }
      const handler = handlers[name as ActionsOf<F>] as unknown as Handler<ActionName>
      // Documents keep CloudBase fileIDs; clients get URLs, whatever the handler returned.
      const data = await presentFileIds(await handler(parsed.output as never, ctx))
      log('action', { fn, action: name, ms: Date.now() - started })
      return okEnvelope(data)
    } catch (e) {
      if (e instanceof AppError) {
        log('action.fail', { fn, action: name, code: e.code, ms: Date.now() - started })
        return failEnvelope(e.code, e.message === e.code ? undefined : e.message, e.details)
      }
      log('action.error', { fn, action: name, error: e instanceof Error ? e.stack : String(e) })
      return failEnvelope('INTERNAL')
    }
  }
}

async function adminRoles(openid: string): Promise<AdminRole[]> {
  const doc = await first<{ roles?: AdminRole[] }>(
    getDb().collection('admins').where({ _id: openid, active: true }).limit(1),
  )
  return doc?.roles ?? []
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (!isRecord(x)) return false
  const proto = Object.getPrototypeOf(x) as unknown
  return proto === Object.prototype || proto === null
}

/** No legitimate event comes close; a hostile one can be thousands of levels deep. */
export const MAX_EVENT_DEPTH = 32

/** Walks with an explicit stack: recursion is exactly what a deep event is built to break. */
function nestedDeeperThan(root: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 1]]
  while (stack.length > 0) {
    const [x, depth] = stack.pop()!
    if (typeof x !== 'object' || x === null) continue
    if (depth > max) return true
    for (const child of Object.values(x)) if (typeof child === 'object') stack.push([child, depth + 1])
  }
  return false
}

/**
 * A message a schema wrote in Chinese is for the shopper and reads as it is; valibot's own (English, for
 * whoever wrote the call) names the field it is about.
 */
function describeIssue(issue: v.BaseIssue<unknown> | undefined): string {
  if (!issue) return '提交的信息有误'
  if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.message
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? ''
  return path ? `${path}: ${issue.message}` : issue.message
}
