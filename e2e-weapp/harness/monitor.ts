/**
 * What makes a weapp test fail besides its own assertions: any console.error (React, Taro, exparser, the
 * app), a tag rendered without a registered component (it would be an empty shell), Taro's "unsupported API"
 * warning (the wx stand-in lacks what the app called), and a setData over WeChat's 256 KB limit.
 * Every setData is measured, per component, for the page audit.
 */
import * as exparser from 'miniprogram-exparser'
import type { ExNode } from 'miniprogram-exparser'
import { builtinTags } from './registry'

export const SETDATA_LIMIT = 256 * 1024

export interface SetDataRecord {
  /** the exparser id of the component (pages: p-<route>) */
  is: string
  /** the exparser node that received it */
  node: unknown
  bytes: number
  at: number
}

type Listener = () => void

export class Monitor {
  readonly problems: string[] = []
  readonly setDatas: SetDataRecord[] = []
  private readonly listeners = new Set<Listener>()
  private readonly known = new Set<string>(builtinTags())

  constructor() {
    const measured = (node: ExNode, data: Record<string, unknown>) => this.measure(node, data)
    const created = (tagName: string, name: string) => this.checkRegistered(tagName, name)
    const proto = exparser.Component.prototype
    const setData = proto.setData
    proto.setData = function (this: ExNode, data: Record<string, unknown>) {
      measured(this, data)
      setData.call(this, data)
    }
    // vant calls groupSetData where the base library has it (2.4+); j-component has none: apply in order
    proto.groupSetData = function (cb?: () => void) {
      cb?.()
    }
    const create = exparser.ShadowRoot.prototype.createComponent
    exparser.ShadowRoot.prototype.createComponent = function (tagName, name, generics) {
      created(tagName, name)
      return create.call(this, tagName, name, generics)
    }
    exparser.addGlobalErrorListener((err) => {
      this.problem(`exparser: ${err instanceof Error ? err.stack : String(err)}`)
      return false
    })
    exparser.addGlobalWarningListener((msg) => {
      this.problem(`exparser warning: ${String(msg)}`)
      return false
    })
  }

  private measure(node: ExNode, data: Record<string, unknown>): void {
    const bytes = Buffer.byteLength(JSON.stringify(data) ?? '', 'utf8')
    this.setDatas.push({ is: String(node.is ?? ''), node, bytes, at: Date.now() })
    if (bytes > SETDATA_LIMIT)
      this.problem(`setData of ${bytes} bytes on ${node.is} (over WeChat's ${SETDATA_LIMIT} bytes)`)
    this.changed()
  }

  private checkRegistered(tagName: string, name: string): void {
    const id = String(name).replace(/^wx-/, '')
    if (!this.known.has(id) && !(id in exparser.Component._list))
      this.problem(`<${tagName}> has no registered component (it would render as an empty shell)`)
  }

  /** Wraps console.error/warn (and watches unhandled rejections) for the run; the returned function restores them. */
  watchConsole(): () => void {
    const { error, warn } = console
    console.error = (...args: unknown[]) => {
      this.problem(`console.error: ${args.map(show).join(' ')}`)
      error.apply(console, args)
    }
    console.warn = (...args: unknown[]) => {
      const text = args.map(show).join(' ')
      if (/暂不支持/.test(text)) this.problem(`the wx stand-in lacks an API the app called: ${text}`)
      warn.apply(console, args)
    }
    // a rejected promise nobody handles (a failed `void Taro.redirectTo(...)`) is an error the shopper hits
    const rejected = (reason: unknown) => this.problem(`unhandled rejection: ${show(reason)}`)
    process.on('unhandledRejection', rejected)
    return () => {
      console.error = error
      console.warn = warn
      process.off('unhandledRejection', rejected)
    }
  }

  problem(message: string): void {
    this.problems.push(message)
    this.changed()
  }

  /** Throws with every problem so far (and forgets them, so one failure is reported once). */
  assertClean(): void {
    if (this.problems.length === 0) return
    const all = this.problems.splice(0)
    throw new Error(`the weapp run had ${all.length} problem(s):\n  - ${all.join('\n  - ')}`)
  }

  /** Called on every setData, cloud call end and problem: waitFor re-checks then. */
  onChange(fn: Listener): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  changed(): void {
    for (const fn of [...this.listeners]) fn()
  }
}

function show(v: unknown): string {
  if (v instanceof Error) return v.stack ?? v.message
  if (typeof v === 'string') return v
  try {
    return JSON.stringify(v)
  } catch {
    return String(v)
  }
}
