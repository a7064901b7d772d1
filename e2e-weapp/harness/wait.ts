/**
 * Waiting without sleeping: a condition is re-checked whenever the app changes (a setData, a cloud answer,
 * a monitored problem) and on a short interval, and a monitored problem fails the wait at once.
 */
import type { Monitor } from './monitor'

export interface WaitOptions {
  timeout?: number
  message?: string
}

/**
 * Resolves with the first value `check` returns without throwing (and not false/null/undefined); on
 * timeout rejects with the last value or error and `context()` (where the app was, what it last did).
 */
export function waitFor<T>(
  monitor: Monitor,
  check: () => T,
  o: WaitOptions,
  context: () => string,
): Promise<NonNullable<T>> {
  const timeout = o.timeout ?? 15_000
  return new Promise((resolve, reject) => {
    let last: unknown
    let done = false
    const finish = (fn: () => void) => {
      done = true
      clearInterval(timer)
      clearTimeout(limit)
      off()
      fn()
    }
    const attempt = () => {
      if (done) return
      try {
        monitor.assertClean()
      } catch (e) {
        return finish(() => reject(e))
      }
      try {
        const v = check()
        if (v !== undefined && v !== null && v !== false) return finish(() => resolve(v as NonNullable<T>))
        last = v
      } catch (e) {
        last = e
      }
    }
    const off = monitor.onChange(() => setTimeout(attempt, 0))
    const timer = setInterval(attempt, 50)
    const limit = setTimeout(() => {
      attempt()
      if (done) return
      const why = last instanceof Error ? last.message : JSON.stringify(last)
      const message = `${o.message ?? 'waitFor'}: not met within ${timeout} ms (last: ${why})\n${context()}`
      finish(() => reject(new Error(message)))
    }, timeout)
    attempt()
  })
}

/** A few macrotasks: Taro schedules its setData on a later tick, React on its scheduler's. */
export async function tick(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setTimeout(r, 0))
}
