/**
 * Server-initiated callbacks (payment and refund results) with WeChat's retry schedule, driven by the
 * emulator Clock: a delivery is due at `dueAt` (clock time); a real timer polls, clock moves re-check,
 * and `flush()` runs whatever is due now. Only an answer with `errcode === 0` counts as delivered.
 */
import type { Clock, FunctionInvoker } from '../core/types'
import type { Delivery, PayStore, Trade } from './store'

/** 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h after each failed attempt (~24 h in all). */
export const RETRY_SCHEDULE_MS = [
  15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
].map((s) => s * 1000)

export interface PaySwitches {
  /** How many times the first attempt invokes the callback (duplicates, as reported in practice). */
  deliverTimes: number
  /** Send the first attempt's copies at the same time instead of one after another. */
  concurrent: boolean
  /** Delay (clock ms) before the first attempt. */
  delayMs: number
  /** No callback at all (the functions' poller must notice the payment by itself). */
  drop: boolean
}

export const DEFAULT_SWITCHES: PaySwitches = { deliverTimes: 1, concurrent: false, delayMs: 0, drop: false }

export interface CallbackEngine {
  enqueue(trade: Trade, d: Omit<Delivery, 'attempts' | 'status' | 'dueAt'>): Delivery
  flush(): Promise<void>
  stop(): void
}

const isAck = (r: unknown): boolean =>
  !!r && typeof r === 'object' && (r as { errcode?: unknown }).errcode === 0

export function createCallbackEngine(o: {
  store: PayStore
  clock: Clock
  invoker: FunctionInvoker
  switches: () => PaySwitches
  event: (trade: Trade, d: Delivery) => Record<string, unknown>
  log: (l: string) => void
}): CallbackEngine {
  const inFlight = new Set<Promise<void>>()
  const running = new Set<Delivery>()
  let timer: NodeJS.Timeout | undefined
  let stopped = false

  const pending = (): Array<[Trade, Delivery]> => {
    const out: Array<[Trade, Delivery]> = []
    for (const t of o.store.trades.values())
      for (const d of t.deliveries) if (d.status === 'pending') out.push([t, d])
    return out
  }

  async function invokeOnce(trade: Trade, d: Delivery): Promise<boolean> {
    try {
      const answer = await o.invoker.invoke(d.functionName, o.event(trade, d), {
        openid: trade.openid,
        appid: trade.appid,
        source: 'wx_paycallback',
      })
      d.lastAnswer = JSON.stringify(answer) ?? 'undefined'
      return isAck(answer)
    } catch (e) {
      d.lastAnswer = `threw: ${e instanceof Error ? e.message : String(e)}`
      return false
    }
  }

  async function attempt(trade: Trade, d: Delivery): Promise<void> {
    const first = d.attempts === 0
    d.attempts += 1
    const sw = o.switches()
    const copies = first ? Math.max(1, sw.deliverTimes, sw.concurrent ? 2 : 1) : 1
    let ok = false
    if (first && sw.concurrent) {
      ok = (await Promise.all(Array.from({ length: copies }, () => invokeOnce(trade, d)))).some(Boolean)
    } else {
      for (let i = 0; i < copies; i++) ok = (await invokeOnce(trade, d)) || ok
    }
    const what = `${d.kind} callback ${d.functionName} for ${trade.outTradeNo}${d.outRefundNo ? `/${d.outRefundNo}` : ''}`
    if (ok) {
      d.status = 'delivered'
      delete d.dueAt
      o.log(`[pay] ${what}: delivered on attempt ${d.attempts}${copies > 1 ? ` (${copies} copies)` : ''}`)
    } else if (d.attempts > RETRY_SCHEDULE_MS.length) {
      d.status = 'abandoned'
      delete d.dueAt
      o.log(`[pay] ${what}: abandoned after ${d.attempts} attempts (last answer ${d.lastAnswer})`)
    } else {
      d.dueAt = o.clock.now() + RETRY_SCHEDULE_MS[d.attempts - 1]!
      o.log(
        `[pay] ${what}: attempt ${d.attempts} not acknowledged (${d.lastAnswer}); next in ${RETRY_SCHEDULE_MS[d.attempts - 1]! / 1000}s`,
      )
    }
    o.store.save()
  }

  function runDue(): void {
    if (stopped) return
    const now = o.clock.now()
    for (const [t, d] of pending()) {
      if (running.has(d) || d.dueAt === undefined || d.dueAt > now) continue
      running.add(d)
      const p = attempt(t, d)
        .catch((e: unknown) => o.log(`[pay] callback attempt for ${t.outTradeNo} failed: ${String(e)}`))
        .finally(() => {
          running.delete(d)
          inFlight.delete(p)
          arm()
        })
      inFlight.add(p)
    }
    arm()
  }

  function arm(): void {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (stopped) return
    const due = pending()
      .filter(([, d]) => !running.has(d) && d.dueAt !== undefined)
      .map(([, d]) => d.dueAt!)
    if (due.length === 0) return
    // Poll at least every second: the clock may jump forward between real ticks.
    const wait = Math.min(1000, Math.max(0, Math.min(...due) - o.clock.now()))
    timer = setTimeout(runDue, wait)
    timer.unref()
  }

  const hook = (o.clock as { onChange?: (l: () => void) => () => void }).onChange
  const unsubscribe = typeof hook === 'function' ? hook.call(o.clock, () => runDue()) : undefined

  // Deliveries left pending by a previous run continue after a restart.
  setImmediate(() => arm())

  return {
    enqueue(trade, base) {
      const sw = o.switches()
      const d: Delivery = { ...base, attempts: 0, status: sw.drop ? 'dropped' : 'pending' }
      if (!sw.drop) d.dueAt = o.clock.now() + Math.max(0, sw.delayMs)
      trade.deliveries.push(d)
      o.store.save()
      if (sw.drop) o.log(`[pay] ${d.kind} callback for ${trade.outTradeNo} dropped (switch)`)
      else if (sw.delayMs > 0) arm()
      else runDue()
      return d
    },
    async flush() {
      runDue()
      while (inFlight.size > 0) await Promise.all([...inFlight])
    },
    stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      unsubscribe?.()
    },
  }
}
