import fs from 'node:fs'
import path from 'node:path'
import type { Clock } from '../core/types'
import { hasChangeHook } from '../clock'
import { nextFire, parseCron, type Cron } from './cron'

export interface TimerScheduler {
  check(): Promise<void>
  stop(): void
}

interface TriggerState {
  fn: string
  name: string
  cron: Cron
  argument: string
  lastChecked: number
  running: Promise<unknown> | null
}

interface TriggerConfig {
  name?: unknown
  type?: unknown
  config?: unknown
  argument?: unknown
}

/**
 * Timer triggers from `<functionsDir>/<name>/config.json`, run against the emulator clock. A trigger fires
 * when one of its ticks falls in (last check, now]; however many ticks were skipped by a clock jump, it runs
 * once (one catch-up), and never twice at the same time.
 */
export function createTimerScheduler(o: {
  functionsDir: string
  clock: Clock
  log: (l: string) => void
  fire: (fn: string, event: unknown) => Promise<unknown>
  tzOffsetMs?: number
}): TimerScheduler {
  const states = new Map<string, TriggerState>()
  const configMtimes = new Map<string, number>()
  let handle: NodeJS.Timeout | null = null
  let stopped = false

  function scan() {
    let names: string[] = []
    try {
      names = fs.readdirSync(o.functionsDir)
    } catch {
      return
    }
    const seen = new Set<string>()
    for (const fn of names) {
      const file = path.join(o.functionsDir, fn, 'config.json')
      let mtime: number
      try {
        mtime = fs.statSync(file).mtimeMs
      } catch {
        continue
      }
      if (configMtimes.get(fn) === mtime) {
        for (const key of states.keys()) if (key.startsWith(`${fn}/`)) seen.add(key)
        continue
      }
      configMtimes.set(fn, mtime)
      let triggers: TriggerConfig[] = []
      try {
        const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { triggers?: TriggerConfig[] }
        triggers = Array.isArray(parsed.triggers) ? parsed.triggers : []
      } catch (e) {
        o.log(`[timer] ${fn}/config.json unreadable: ${(e as Error).message}`)
      }
      for (const t of triggers) {
        if (t.type !== 'timer' || typeof t.name !== 'string' || typeof t.config !== 'string') continue
        const key = `${fn}/${t.name}`
        try {
          const cron = parseCron(t.config)
          const prev = states.get(key)
          states.set(key, {
            fn,
            name: t.name,
            cron,
            argument: typeof t.argument === 'string' ? t.argument : '',
            lastChecked: prev?.lastChecked ?? o.clock.now(),
            running: prev?.running ?? null,
          })
          seen.add(key)
        } catch (e) {
          o.log(`[timer] ${key}: ${(e as Error).message}`)
        }
      }
    }
    for (const key of [...states.keys()]) if (!seen.has(key)) states.delete(key)
  }

  function schedule() {
    if (handle) clearTimeout(handle)
    handle = null
    if (stopped) return
    const now = o.clock.now()
    let soonest = Number.POSITIVE_INFINITY
    for (const s of states.values()) {
      const next = nextFire(s.cron, now, o.tzOffsetMs)
      if (next !== null) soonest = Math.min(soonest, next)
    }
    // Wake at least once a minute: new config files and new bundles get noticed.
    const delay = Math.max(20, Math.min(soonest - now, 60_000))
    handle = setTimeout(() => void check(), delay)
    handle.unref()
  }

  async function check(): Promise<void> {
    if (stopped) return
    scan()
    const now = o.clock.now()
    const runs: Array<Promise<unknown>> = []
    for (const s of states.values()) {
      const due = nextFire(s.cron, s.lastChecked, o.tzOffsetMs)
      s.lastChecked = now
      if (due === null || due > now) continue
      if (s.running) {
        o.log(`[timer] ${s.fn}/${s.name} still running, tick skipped`)
        continue
      }
      const event = {
        Type: 'Timer',
        TriggerName: s.name,
        Time: new Date(due).toISOString(),
        Message: s.argument,
      }
      const run = o
        .fire(s.fn, event)
        .catch((e: Error) => o.log(`[timer] ${s.fn}/${s.name} failed: ${e.message.split('\n')[0]}`))
        .finally(() => {
          s.running = null
        })
      s.running = run
      runs.push(run)
    }
    schedule()
    // Also wait for runs started by an earlier check (a clock move fires them without waiting).
    await Promise.all([...runs, ...[...states.values()].map((s) => s.running)])
  }

  const unsubscribe = hasChangeHook(o.clock) ? o.clock.onChange(() => void check()) : () => undefined
  scan()
  schedule()

  return {
    check,
    stop() {
      stopped = true
      unsubscribe()
      if (handle) clearTimeout(handle)
      handle = null
    },
  }
}
